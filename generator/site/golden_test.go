package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kitgen/generator/audience"
	"kitgen/generator/internal/testsite"
)

// hashRE matches the content hash in an asset's name: the golden pages
// should not change with every change to the engine.
var hashRE = regexp.MustCompile(`\.[0-9a-f]{12}\.`)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestContentMatchesGolden renders the tests' own site with the seed
// script, unchanged, among its kits, and compares every page with
// testdata/golden. Run with -update after a deliberate change and read
// the diff.
func TestContentMatchesGolden(t *testing.T) {
	out := generate(t, testsite.New(t, true), audience.Both)
	golden := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		got, _ := out.Get(name)
		got = hashRE.ReplaceAll(got, []byte(".HASH."))
		path := filepath.Join(golden, filepath.FromSlash(name))
		seen[path] = true
		if *update {
			write(t, path, got)
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./generator/site -run Golden -update)", name)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run with -update and read the diff)\n%s", name, path, firstDiff(want, got))
		}
	}
	_ = filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !seen[p] {
			t.Errorf("%s is no longer built", p)
		}
		return nil
	})
	if _, ok := out.Get("prep/interview_script_atlas_001/index.html"); !ok {
		t.Error("the seed script has no prep page")
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := range max(len(wl), len(gl)) {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n- " + string(w) + "\n+ " + string(g)
		}
	}
	return ""
}
