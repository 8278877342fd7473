package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kitgen/generator/seal"
)

// refreshPublic is the one command that makes public/ current.
const refreshPublic = "go run ./generator build"

// TestPublicIsCurrent holds public/, this repository's own site committed
// for static hosts, to what `kitgen build` makes of content/ now: the same
// files, byte for byte, nothing ignored. And a clone's public/, which has
// the files but none of the folders, modes or times they had, is one kitgen
// takes for its own: building over it succeeds, says nothing more than a
// build into an empty folder, and gives the same site.
func TestPublicIsCurrent(t *testing.T) {
	// public/ is committed unsealed: a passphrase in the environment
	// would seal the fresh build.
	t.Setenv(seal.Env, "")
	root := ".."
	committed := filepath.Join(root, "public")
	fresh := filepath.Join(t.TempDir(), "public")
	complaints := buildSite(t, root, fresh)
	if d := diffTrees(t, committed, fresh); d != "" {
		t.Errorf("public/ is not what kitgen build makes now:\n%s\nrun `%s` and commit public/", d, refreshPublic)
	}

	clone := filepath.Join(t.TempDir(), "public")
	err := filepath.WalkDir(committed, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(committed, p)
		to := filepath.Join(clone, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := buildSite(t, root, clone); got != complaints {
		t.Errorf("building over a clone's public/ says\n%s\nwhere a build into an empty folder says\n%s", got, complaints)
	}
	if d := diffTrees(t, clone, fresh); d != "" {
		t.Errorf("building over a clone's public/ does not give the site:\n%s", d)
	}
}

// buildSite runs kitgen build and returns what it printed on stderr.
func buildSite(t *testing.T, src, dest string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", src, "-d", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("kitgen build -d %s: exit %d\n%s%s", dest, code, stdout.Bytes(), stderr.Bytes())
	}
	return stderr.String()
}

// diffTrees lists the files that are in one tree only or differ, at most
// ten of them.
func diffTrees(t *testing.T, a, b string) string {
	t.Helper()
	ta, tb := files(t, a), files(t, b)
	names := map[string]bool{}
	for n := range ta {
		names[n] = true
	}
	for n := range tb {
		names[n] = true
	}
	var d []string
	for _, name := range slices.Sorted(maps.Keys(names)) {
		x, inA := ta[name]
		y, inB := tb[name]
		switch {
		case !inB:
			d = append(d, fmt.Sprintf("  %s: not built any more", name))
		case !inA:
			d = append(d, fmt.Sprintf("  %s: missing", name))
		case !bytes.Equal(x, y):
			d = append(d, fmt.Sprintf("  %s: differs (%d bytes, built %d)", name, len(x), len(y)))
		}
	}
	if len(d) > 10 {
		d = append(d[:10], fmt.Sprintf("  and %d more", len(d)-10))
	}
	return strings.Join(d, "\n")
}

// files reads every file below root, by slash path; none when there is
// no root.
func files(t *testing.T, root string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if p == root && errors.Is(err, fs.ErrNotExist) {
			return fs.SkipAll
		}
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
