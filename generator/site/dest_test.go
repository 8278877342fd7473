package site

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kitgen/generator/audience"
)

func buildTo(src, dest string) error {
	_, err := Build(Options{Source: src, Dest: dest, Trees: audience.Both})
	return err
}

// retitle changes the seed's title, so that each build's site differs.
func retitle(t *testing.T, dir, title string) {
	t.Helper()
	p := filepath.Join(dir, "content", "scripts", "sre_001.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "# ") {
			lines[i] = "# " + title
			break
		}
	}
	write(t, p, []byte(strings.Join(lines, "\n")))
}

// TestDestinationThatIsALinkIsBuiltThrough: -d a link to a web root builds
// into the web root, every time, and leaves the link a link.
func TestDestinationThatIsALinkIsBuiltThrough(t *testing.T) {
	dir := goodSite(t)
	webroot := filepath.Join(t.TempDir(), "www")
	if err := os.Mkdir(webroot, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "public")
	if err := os.Symlink(webroot, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	for i := range 3 {
		title := fmt.Sprintf("Build number %d", i)
		retitle(t, dir, title)
		if err := buildTo(dir, link); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d replaced the link: %v", i, err)
		}
		b, err := os.ReadFile(filepath.Join(webroot, "panel", "sre_001", "index.html"))
		if err != nil || !strings.Contains(string(b), title) {
			t.Fatalf("after build %d the web root does not hold it (%v)", i, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".public.kitgen-stage")); err == nil {
		t.Error("the stage is beside the link, not beside the folder built")
	}
}

func TestDestinationLinkToNowhereIsRefused(t *testing.T) {
	dir := goodSite(t)
	link := filepath.Join(dir, "public")
	if err := os.Symlink(filepath.Join(dir, "gone"), link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	err := buildTo(dir, link)
	if err == nil || !strings.Contains(err.Error(), "is a link to "+filepath.Join(dir, "gone")+", which does not lead to a folder") {
		t.Errorf("err = %v", err)
	}
}

// TestDestinationInsideWhatKitgenReadsIsRefused: a destination in a
// folder kitgen reads would be read by the next build; one holding the
// source would swallow it.
func TestDestinationInsideWhatKitgenReadsIsRefused(t *testing.T) {
	dir := goodSite(t)
	for _, f := range []string{"layouts", "static", "themes/mine"} {
		if err := os.MkdirAll(filepath.Join(dir, f), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	linkToStatic := filepath.Join(t.TempDir(), "out")
	if err := os.Symlink(filepath.Join(dir, "static", "site"), linkToStatic); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "static", "site"), 0o755); err != nil {
		t.Fatal(err)
	}
	for dest, want := range map[string]string{
		filepath.Join(dir, "static", "public"):         "is inside static/",
		filepath.Join(dir, "static"):                   "is inside static/",
		filepath.Join(dir, "content", "out"):           "is inside content/",
		filepath.Join(dir, "layouts", "a", "b"):        "is inside layouts/",
		filepath.Join(dir, "themes", "mine", "public"): "is inside themes/",
		linkToStatic:      "is inside static/",
		dir:               "holds the source",
		filepath.Dir(dir): "holds the source",
		filepath.Join(dir, "content", "scripts", "sre_001.md"): "is not a folder",
	} {
		err := buildTo(dir, dest)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("-d %s: err = %v, want %q", dest, err, want)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "static")); len(left) != 1 {
		t.Errorf("static/ holds %v after refused builds", left)
	}
}

// TestMarkerCannotBeForgedByAFileName: a static file whose name holds a
// newline used to write a line of its own into the marker, and the
// user's CNAME was then taken for kitgen's and deleted.
func TestMarkerCannotBeForgedByAFileName(t *testing.T) {
	dir := goodSite(t)
	forged := filepath.Join(dir, "static", "x\nCNAME")
	write(t, forged, []byte("x"))
	if err := build(dir); err != nil {
		t.Fatal(err)
	}
	cname := filepath.Join(dir, "public", "CNAME")
	write(t, cname, []byte("kits.example.com"))
	for range 2 {
		if err := build(dir); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(cname); err != nil || string(b) != "kits.example.com" {
		t.Fatalf("the user's CNAME is gone: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "assets", "x\nCNAME")); err != nil {
		t.Errorf("the oddly named file was not copied: %v", err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "public", Marker))
	if !strings.Contains(string(b), "\n"+nameHash("assets/x\nCNAME")+"\n") || strings.Contains(string(b), "CNAME") {
		t.Errorf("marker:\n%s", b)
	}
	// Gone from static/, it goes from the site: the marker named it.
	if err := os.Remove(forged); err != nil {
		t.Fatal(err)
	}
	if err := build(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "assets", "x\nCNAME")); err == nil {
		t.Error("a file kitgen wrote outlived its source")
	}
}

// legacyHead is the first line of markers that listed names.
const legacyHead = "# Written by kitgen. The files listed below are kitgen's; a build replaces them and keeps everything else.\n"

func TestParseMarkerReadsMarkersOfNames(t *testing.T) {
	for _, c := range []struct {
		name, marker string
		want         []string
		err          string
	}{
		{"as kitgen wrote it before quoting", legacyHead + "index.html\npanel/index.html\n", []string{"index.html", "panel/index.html"}, ""},
		{"quoted names", legacyHead + "\"assets/x\\nCNAME\"\n\"#hash.css\"\n\"\\\"q\"\n", []string{"\"q", "#hash.css", "assets/x\nCNAME"}, ""},
		{"Windows line endings", legacyHead + "index.html\r\nprep/index.html\r\n", []string{"index.html", "prep/index.html"}, ""},
		{"comments and blank lines", "# a\n\n# b\nindex.html\n", []string{"index.html"}, ""},
		{"a broken quote", "\"index.html\n", nil, "line 1 is not a quoted file name"},
		{"outside the destination", "../../etc/passwd\n", nil, `line 1 names "../../etc/passwd"`},
		{"absolute", "\"/etc/passwd\"\n", nil, "not a file inside the destination"},
		{"a hashed marker with a name in it", markerHead + "index.html\n", nil, "line 2 is not the hash of a file name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseMarker([]byte(c.marker))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if names := slices.Sorted(maps.Keys(got.names)); !slices.Equal(names, c.want) {
				t.Errorf("got %q, want %q", names, c.want)
			}
		})
	}
}

// TestMarkerNamesNoFile: the marker a site is published with lists hashes,
// and reads back every name kitgen wrote, whatever it holds, and no other.
func TestMarkerNamesNoFile(t *testing.T) {
	dir := t.TempDir()
	names := []string{"panel/secret-kit/index.html", "a b.html", " lead", "trail ", "\"q", "#h", "tab\there", "esc\x1b[2J", "nl\nx", "cr\r", "ünï/çødé.css", "bidi\u202e"}
	if err := writeMarker(dir, names); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "secret") {
		t.Errorf("the marker spells out a name:\n%s", b)
	}
	got, err := parseMarker(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if !got.has(n) {
			t.Errorf("%q does not read back from\n%s", n, b)
		}
	}
	if got.has("CNAME") || got.has("panel/secret-kit") {
		t.Error("the marker claims a file kitgen did not write")
	}
}

// TestFoldersTheUserAddedSurvive: empty folders in the destination are
// the user's as much as files are.
func TestFoldersTheUserAddedSurvive(t *testing.T) {
	dir := goodSite(t)
	if err := build(dir); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "public")
	mine := []string{"drafts", "panel/mine/empty", "prep/.well-known"}
	for _, d := range mine {
		if err := os.MkdirAll(filepath.Join(pub, d), 0o750); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(pub, "panel", "mine", "notes.txt"), []byte("mine"))
	for range 2 {
		if err := build(dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range mine {
		fi, err := os.Stat(filepath.Join(pub, d))
		if err != nil {
			t.Errorf("%s: %v", d, err)
			continue
		}
		if fi.Mode().Perm() != 0o750 {
			t.Errorf("%s is %v now", d, fi.Mode().Perm())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "panel", "mine", "notes.txt")); string(b) != "mine" {
		t.Error("the user's file in their folder is gone")
	}
}
