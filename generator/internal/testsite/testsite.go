// Package testsite gives tests a site of their own to build: the kits in
// generator/testdata/site, copied into a new folder, and on request the
// seed script from ../shared/seeds beside the repository. Tests build
// these, never this repository's content/, so editing a kit breaks no
// test of the generator.
package testsite

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir is the fixture site, generator/testdata/site.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "site")
}

// Seed is the path of the seed script, ../shared/seeds beside the
// repository; the test skips, saying why, when it is not there, as on a
// user's clone.
func Seed(tb testing.TB) string {
	tb.Helper()
	p := filepath.Join(Dir(), "..", "..", "..", "..", "shared", "seeds", "interview_script_atlas_001.md")
	if _, err := os.Stat(p); err != nil {
		tb.Skip("no ../shared/seeds beside the repository (a user's clone): this test builds the seed script")
	}
	return p
}

// New copies the fixture site into a new folder and returns it; with seed,
// the seed script is among its kits, as content/scripts/interview_script_atlas_001.md.
func New(tb testing.TB, seed bool) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(dir, os.DirFS(Dir())); err != nil {
		tb.Fatal(err)
	}
	if seed {
		b, err := os.ReadFile(Seed(tb))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "scripts", "interview_script_atlas_001.md"), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
