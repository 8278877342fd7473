package site

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"kitgen/generator/audience"
	"kitgen/generator/internal/testsite"
)

// goodSite writes a site of two files from the tests' own site: a kit,
// sre_001, and the matching kata.
func goodSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"content/scripts/sre_001.md", "content/katas/matching.md"} {
		b, err := os.ReadFile(filepath.Join(testsite.Dir(), f))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, f), b)
	}
	return dir
}

func write(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot hashes every file below dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[p] = fmt.Sprintf("%x", sha256.Sum256(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func build(dir string) error {
	_, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public"), Trees: audience.Both})
	return err
}

func TestBadInputFailsWithFileAndLineAndKeepsLastGoodSite(t *testing.T) {
	archives, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.txtar"))
	if len(archives) == 0 {
		t.Fatal("no fixtures")
	}
	for _, archive := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(archive), ".txtar"), func(t *testing.T) {
			t.Parallel()
			a, err := txtar.ParseFile(archive)
			if err != nil {
				t.Fatal(err)
			}
			want := regexp.MustCompile(strings.TrimSpace(string(a.Comment)))
			dir := goodSite(t)
			if err := build(dir); err != nil {
				t.Fatalf("good site: %v", err)
			}
			before := snapshot(t, filepath.Join(dir, "public"))
			for _, f := range a.Files {
				write(t, filepath.Join(dir, f.Name), f.Data)
			}
			err = build(dir)
			if err == nil {
				t.Fatal("bad input built without error")
			}
			if !want.MatchString(err.Error()) {
				t.Errorf("error\n%v\ndoes not match\n%s", err, want)
			}
			after := snapshot(t, filepath.Join(dir, "public"))
			if fmt.Sprint(before) != fmt.Sprint(after) {
				t.Error("the failed build changed the last good site")
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".public.kitgen-[^s]*")); len(left) > 0 {
				t.Errorf("temporary folders left behind: %v", left)
			}
		})
	}
}

func TestSymlinkLoopIsAnError(t *testing.T) {
	dir := goodSite(t)
	if err := os.Symlink("..", filepath.Join(dir, "content", "scripts", "loop")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink("self.md", filepath.Join(dir, "content", "scripts", "self.md")); err != nil {
		t.Fatal(err)
	}
	err := build(dir)
	if err == nil {
		t.Fatal("built a site with a symlink loop")
	}
	for _, want := range []string{"content/scripts/loop: error: links to a folder", "content/scripts/self.md: error: broken or looping link"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestBuildRefusesAFolderItDidNotWrite(t *testing.T) {
	dir := goodSite(t)
	mine := filepath.Join(dir, "public", "notes.txt")
	write(t, mine, []byte("mine"))
	err := build(dir)
	if err == nil || !strings.Contains(err.Error(), "kitgen did not write it") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "mine" {
		t.Error("kitgen touched a file it did not write")
	}
}

func TestRebuildKeepsFilesKitgenDidNotWrite(t *testing.T) {
	dir := goodSite(t)
	if err := build(dir); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "public", "prep", "CNAME")
	write(t, mine, []byte("kits.example.com"))
	if err := os.Remove(filepath.Join(dir, "content", "katas", "matching.md")); err != nil {
		t.Fatal(err)
	}
	kit := filepath.Join(dir, "content", "scripts", "sre_001.md")
	if err := os.Rename(kit, filepath.Join(dir, "content", "scripts", "renamed.md")); err != nil {
		t.Fatal(err)
	}
	if err := build(dir); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "kits.example.com" {
		t.Error("a rebuild lost a file kitgen did not write")
	}
	for _, gone := range []string{"panel/sre_001", "panel/katas/matching"} {
		if _, err := os.Stat(filepath.Join(dir, "public", gone)); err == nil {
			t.Errorf("stale %s survived the rebuild", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "panel", "renamed", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestHostileMarkdownComesOutInert(t *testing.T) {
	dir := goodSite(t)
	write(t, filepath.Join(dir, "content", "scripts", "x.md"), []byte(`---
id: x
type: interview_script
visibility: public
domain: "<script>alert('fm')</script>"
author: "<b onmouseover=alert(1)>me</b>"
---
## Hi (5 mins) {audience=both}

<script>alert('body')</script>
<iframe src="https://evil.example"></iframe>
[click](javascript:alert('link')) and <a href="javascript:alert(2)">raw</a>
![img](javascript:alert('img'))
<img src=x onerror=alert(3)>
`))
	out := generate(t, dir, audience.Both)
	for _, name := range []string{"prep/x/index.html", "panel/x/index.html"} {
		b, _ := out.Get(name)
		for _, bad := range []string{"<script>alert", "<iframe", "javascript:", "onerror=", "<b onmouseover"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
	}
}

func TestBuildAfterAFailedBuildSucceeds(t *testing.T) {
	dir := goodSite(t)
	bad := filepath.Join(dir, "content", "scripts", "bad.md")
	write(t, bad, []byte("---\nid: bad\ntype: nope\n---\n"))
	if err := build(dir); err == nil {
		t.Fatal("bad site built")
	}
	if err := os.Remove(bad); err != nil {
		t.Fatal(err)
	}
	if err := build(dir); err != nil {
		t.Fatalf("the build after a failed one: %v", err)
	}
	if err := build(dir); err != nil {
		t.Fatalf("a rebuild: %v", err)
	}
}

// TestUnchangedComparesEveryChunk: a file the size of the page but with
// one byte changed past the first chunk, or a byte short, is changed.
func TestUnchangedComparesEveryChunk(t *testing.T) {
	page := bytes.Repeat([]byte("0123456789abcdef"), 10_000)
	path := filepath.Join(t.TempDir(), "index.html")
	var buf []byte
	for _, tc := range []struct {
		name string
		old  func() []byte
		want bool
	}{
		{"same", func() []byte { return bytes.Clone(page) }, true},
		{"last byte", func() []byte { b := bytes.Clone(page); b[len(b)-1] = 'x'; return b }, false},
		{"first byte", func() []byte { b := bytes.Clone(page); b[0] = 'x'; return b }, false},
		{"shorter", func() []byte { return page[:len(page)-1] }, false},
	} {
		if err := os.WriteFile(path, tc.old(), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := unchanged(path, page, &buf); got != tc.want {
			t.Errorf("%s: unchanged = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestListIsWalkDirsOrder: the side-by-side listing holds what
// filepath.WalkDir visits, in its order: each folder's contents right
// after it.
func TestListIsWalkDirsOrder(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"index.html", "a/b/c.html", "a/b/d/e.html", "a/z.txt", "b.txt", "prep/x/index.html", "prep/assets/k.css", "empty/"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if strings.HasSuffix(f, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want []listed
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if p != root {
			rel, _ := filepath.Rel(root, p)
			want = append(want, listed{filepath.ToSlash(rel), d.IsDir()})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := list(root)
	if got.err != nil || fmt.Sprint(got.entries) != fmt.Sprint(want) {
		t.Errorf("list = %v, %v\nwant %v", got.entries, got.err, want)
	}
	if l := list(filepath.Join(root, "missing")); l.err != nil || len(l.entries) != 0 {
		t.Errorf("a missing folder lists as %v, %v; want nothing", l.entries, l.err)
	}
}
