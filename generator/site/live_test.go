package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kitgen/generator/audience"
)

// contentSite copies the repository's content/ into a new site.
func contentSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", p, old)
	}
	write(t, p, bytes.Replace(b, []byte(old), []byte(new), 1))
}

// sameAsCleanBuild fails unless got holds exactly what a fresh Generate of
// dir writes.
func sameAsCleanBuild(t *testing.T, dir string, got *Files) {
	t.Helper()
	want := &Files{}
	if _, errs := Generate(dir, audience.Both, want); errs.HasErrors() {
		t.Fatalf("clean build fails: %v", errs)
	}
	w, g := want.Snapshot(), got.Snapshot()
	for n, b := range w {
		if gb, ok := g[n]; !ok {
			t.Errorf("%s missing", n)
		} else if !bytes.Equal(b, gb) {
			t.Errorf("%s differs from a clean build: %s", n, firstDiff(b, gb))
		}
	}
	for n := range g {
		if _, ok := w[n]; !ok {
			t.Errorf("%s is stale: a clean build does not write it", n)
		}
	}
}

func TestLiveUpdateMatchesCleanBuild(t *testing.T) {
	dir := contentSite(t)
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	seed := "content/scripts/interview_script_atlas_001.md"
	kata := "content/katas/matching.md"
	steps := []struct {
		name    string
		change  func()
		paths   []string
		wantErr string
		// rendered is how many pages the update may render at most; 0 is
		// any number.
		rendered int
	}{
		{"edit a script", func() { edit(t, p(seed), "## 1) Rapport Building", "## 1) Hello there") }, []string{seed}, "", 4},
		{"add a script", func() {
			b, _ := os.ReadFile(p(seed))
			write(t, p("content/scripts/copy.md"), bytes.ReplaceAll(b, []byte("interview_script_atlas_001_2025-08-10_v1"), []byte("copy_001")))
		}, []string{"content/scripts/copy.md"}, "", 4},
		{"rename a script", func() {
			if err := os.Rename(p("content/scripts/copy.md"), p("content/scripts/copy2.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/scripts/copy.md", "content/scripts/copy2.md"}, "", 4},
		{"add a folder of scripts", func() {
			b, _ := os.ReadFile(p("content/scripts/copy2.md"))
			write(t, p("content/more/deep/copy3.md"), bytes.ReplaceAll(b, []byte("copy_001"), []byte("copy_003")))
		}, []string{"content/more"}, "", 4},
		{"remove a folder", func() {
			if err := os.RemoveAll(p("content/more")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/more"}, "", 2},
		{"break the frontmatter", func() { edit(t, p("content/scripts/copy2.md"), "type:", "type: [") }, []string{"content/scripts/copy2.md"}, "copy2.md:", 0},
		{"fix the frontmatter", func() { edit(t, p("content/scripts/copy2.md"), "type: [", "type:") }, []string{"content/scripts/copy2.md"}, "", 4},
		{"make a kit private", func() { edit(t, p("content/scripts/copy2.md"), "visibility: public", "visibility: private") }, []string{"content/scripts/copy2.md"}, "", 3},
		{"delete a script", func() { os.Remove(p("content/scripts/copy2.md")) }, []string{"content/scripts/copy2.md"}, "", 2},
		{"edit a kata's body", func() { edit(t, p(kata), "## ", "## Renamed ") }, []string{kata}, "", 0},
		{"change a kata id", func() { edit(t, p(kata), "id: I-3", "id: I-4") }, []string{kata}, "unknown kata", 0},
		{"change it back", func() { edit(t, p(kata), "id: I-4", "id: I-3") }, []string{kata}, "", 0},
		{"retitle a kata", func() { edit(t, p(kata), "title: Mini", "title: Tiny") }, []string{kata}, "", 0},
		{"duplicate an id", func() {
			b, _ := os.ReadFile(p(seed))
			write(t, p("content/scripts/dup.md"), b)
		}, []string{"content/scripts/dup.md"}, "duplicate kit id", 0},
		{"remove the duplicate", func() { os.Remove(p("content/scripts/dup.md")) }, []string{"content/scripts/dup.md"}, "", 0},
		{"override a layout", func() {
			b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "prep", "list.html"))
			if err != nil {
				t.Fatal(err)
			}
			write(t, p("layouts/prep/list.html"), append(b, "<!-- site layout -->"...))
		}, []string{"layouts/prep/list.html"}, "", 0},
		{"set a title", func() { write(t, p(ConfigFile), []byte("title = \"Hiring at Example\"\n")) }, []string{ConfigFile}, "", 0},
		{"break the config", func() { write(t, p(ConfigFile), []byte("title = \n")) }, []string{ConfigFile}, "kitgen.toml:1", 0},
		{"fix the config", func() { os.Remove(p(ConfigFile)) }, []string{ConfigFile}, "", 0},
	}
	l := NewLive(dir, audience.Both)
	if _, errs := l.Update(nil); errs.HasErrors() {
		t.Fatal(errs)
	}
	l.Files().Changed()
	for _, s := range steps {
		s.change()
		st, errs := l.Update(s.paths)
		if s.wantErr != "" {
			if !errs.HasErrors() || !strings.Contains(errs.Error(), s.wantErr) {
				t.Fatalf("%s: want an error with %q, got %v", s.name, s.wantErr, errs)
			}
			continue
		}
		if errs.HasErrors() {
			t.Fatalf("%s: %v", s.name, errs)
		}
		if s.rendered > 0 && st.Pages > s.rendered+2 {
			t.Errorf("%s: rendered %d pages, want at most %d and the two indexes", s.name, st.Pages, s.rendered)
		}
		sameAsCleanBuild(t, dir, l.Files())
		if t.Failed() {
			t.Fatalf("after %s", s.name)
		}
	}
}

func TestLiveReportsWhatChanged(t *testing.T) {
	dir := contentSite(t)
	l := NewLive(dir, audience.Both)
	if _, errs := l.Update(nil); errs.HasErrors() {
		t.Fatal(errs)
	}
	l.Files().Changed()
	edit(t, filepath.Join(dir, "content/scripts/sre_001.md"), "Red flag:", "Red flag, edited:")
	if _, errs := l.Update([]string{"content/scripts/sre_001.md"}); errs.HasErrors() {
		t.Fatal(errs)
	}
	got := strings.Join(l.Files().Changed(), " ")
	if got != "panel/sre_001/index.html" {
		t.Errorf("changed: %s; want only the panel guide: the edit is in a panel container", got)
	}
}
