package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kitgen/generator/audience"
	"kitgen/generator/internal/testsite"
)

// liveSite is testdata/live.txtar in a new folder.
func liveSite(t *testing.T) string {
	t.Helper()
	return unpack(t, filepath.Join("testdata", "live.txtar"))
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

// TestLiveUpdateMatchesCleanBuild makes every kind of change, and checks
// after each that the site equals a clean build and that the update
// rendered exactly the pages that depend on what changed.
func TestLiveUpdateMatchesCleanBuild(t *testing.T) {
	dir := liveSite(t)
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	const a, b, kata = "content/scripts/a.md", "content/scripts/b.md", "content/katas/k.md"
	theme := func(rel string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// spliced are the steps' pages made only by splicing their scorecards;
	// no other step splices.
	spliced := map[string]int{
		"edit the scorecard partial: the scorecards of the panel's kit pages": 3,
		"edit a kit and the scorecard partial":                                2,
	}
	steps := []struct {
		name    string
		change  func()
		paths   []string
		wantErr string
		// pages is how many pages the update renders.
		pages int
	}{
		{"edit a kit's body", func() { edit(t, p(b), "Hello.", "Hello there.") }, []string{b}, "", 2},
		{"edit a kit's title, which the panel index lists", func() { edit(t, p(b), "# Kit B", "# Kit Bee") }, []string{b}, "", 2 + 3},
		{"add a kit", func() {
			write(t, p("content/scripts/d.md"), []byte("---\nid: d\ntype: interview_script\nvisibility: public\n---\n## Hi (5 mins) {audience=both}\n\nHi.\n"))
		}, []string{"content/scripts/d.md"}, "", 2 + 3},
		{"rename a kit", func() {
			if err := os.Rename(p("content/scripts/d.md"), p("content/scripts/e.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/scripts/d.md", "content/scripts/e.md"}, "", 2 + 3},
		{"add a folder of kits", func() {
			write(t, p("content/more/deep/f.md"), []byte("---\nid: f\ntype: interview_script\nvisibility: public\n---\n## Hi (5 mins) {audience=both}\n\nHi.\n"))
		}, []string{"content/more"}, "", 2 + 3},
		{"remove the folder", func() {
			if err := os.RemoveAll(p("content/more")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/more"}, "", 3},
		{"break the frontmatter", func() { edit(t, p("content/scripts/e.md"), "type:", "type: [") }, []string{"content/scripts/e.md"}, "e.md:", 0},
		{"fix the frontmatter", func() { edit(t, p("content/scripts/e.md"), "type: [", "type:") }, []string{"content/scripts/e.md"}, "", 2 + 3},
		{"make a kit private", func() { edit(t, p("content/scripts/e.md"), "visibility: public", "visibility: private") }, []string{"content/scripts/e.md"}, "", 1 + 3},
		{"delete a kit", func() { os.Remove(p("content/scripts/e.md")) }, []string{"content/scripts/e.md"}, "", 3},
		{"edit a kata's body: the kata and the kit that names it", func() { edit(t, p(kata), "Build a limit", "Build a small limit") }, []string{kata}, "", 2 + 2},
		{"change a kata's level, which the panel index lists", func() { edit(t, p(kata), "level: intermediate", "level: advanced") }, []string{kata}, "", 2 + 2 + 3},
		{"retitle a kata: every page resolves its mentions again", func() { edit(t, p(kata), "title: Order book", "title: Order books") }, []string{kata}, "", 10},
		{"change a kata id", func() { edit(t, p(kata), "id: K-1", "id: K-2") }, []string{kata}, "unknown kata", 0},
		{"change it back", func() { edit(t, p(kata), "id: K-2", "id: K-1") }, []string{kata}, "", 10},
		{"duplicate an id", func() {
			write(t, p("content/scripts/dup.md"), []byte(strings.Replace(string(read(t, p(b))), "id: b", "id: a", 1)))
		}, []string{"content/scripts/dup.md"}, "duplicate kit id", 0},
		{"remove the duplicate", func() { os.Remove(p("content/scripts/dup.md")) }, []string{"content/scripts/dup.md"}, "", 3},
		{"edit a stylesheet: no page", func() {
			write(t, p("static/css/kitgen.css"), append(theme("static/css/kitgen.css"), "\n/* site */"...))
		}, []string{"static/css/kitgen.css"}, "", 0},
		{"add a static file: no page", func() { write(t, p("static/notes.txt"), []byte("notes")) }, []string{"static/notes.txt"}, "", 0},
		{"remove it", func() { os.Remove(p("static/notes.txt")) }, []string{"static/notes.txt"}, "", 0},
		{"add it back, as it was", func() { write(t, p("static/notes.txt"), []byte("notes")) }, []string{"static/notes.txt"}, "", 0},
		{"edit the scorecard partial: the scorecards of the panel's kit pages", func() {
			write(t, p("layouts/partials/scorecard.html"), bytes.Replace(theme("layouts/partials/scorecard.html"), []byte(">Scorecard</h2>"), []byte(">Score card</h2>"), 1))
		}, []string{"layouts/partials/scorecard.html"}, "", 3},
		{"edit a kit and the scorecard partial", func() {
			edit(t, p(b), "Hello there.", "Hello again.")
			edit(t, p("layouts/partials/scorecard.html"), "Score card", "The scorecard")
		}, []string{b, "layouts/partials/scorecard.html"}, "", 2 + 2},
		{"define a block in the scorecard partial: every page", func() {
			edit(t, p("layouts/partials/scorecard.html"), "{{define \"scorecard\"}}", "{{define \"footer\"}}Footer.{{end}}{{define \"scorecard\"}}")
		}, []string{"layouts/partials/scorecard.html"}, "", 10},
		{"take it out again: every page", func() {
			edit(t, p("layouts/partials/scorecard.html"), "{{define \"footer\"}}Footer.{{end}}", "")
		}, []string{"layouts/partials/scorecard.html"}, "", 10},
		{"break a layout", func() {
			write(t, p("layouts/partials/scorecard.html"), []byte("{{define \"scorecard\"}}{{if}}{{end}}"))
		}, []string{"layouts/partials/scorecard.html"}, "scorecard.html", 0},
		{"fix it", func() { os.Remove(p("layouts/partials/scorecard.html")) }, []string{"layouts/partials/scorecard.html"}, "", 10},
		{"override the prep index", func() {
			write(t, p("layouts/prep/list.html"), append(theme("layouts/prep/list.html"), "<!-- site -->"...))
		}, []string{"layouts/prep/list.html"}, "", 1},
		{"edit base.html through a theme folder: every page", func() {
			write(t, p("themes/default/layouts/base.html"), append(theme("layouts/base.html"), "<!-- theme -->"...))
		}, []string{"themes/default/layouts/base.html"}, "", 10},
		{"edit another theme: nothing", func() { write(t, p("themes/other/layouts/base.html"), []byte("x")) }, []string{"themes/other/layouts/base.html"}, "", 0},
		{"set the accommodations: the candidate's kit pages", func() { write(t, p(ConfigFile), []byte("accommodations = \"Ask for more time.\"\n")) }, []string{ConfigFile}, "", 3},
		{"set a title: every page", func() {
			write(t, p(ConfigFile), []byte("title = \"Hiring at Example\"\naccommodations = \"Ask for more time.\"\n"))
		}, []string{ConfigFile}, "", 10},
		{"break the config", func() { write(t, p(ConfigFile), []byte("title = \n")) }, []string{ConfigFile}, "kitgen.toml:1", 0},
		{"fix the config", func() { os.Remove(p(ConfigFile)) }, []string{ConfigFile}, "", 10},
		{"choose another theme: everything", func() {
			write(t, p("themes/other/layouts/base.html"), theme("layouts/base.html"))
			write(t, p(ConfigFile), []byte("theme = \"other\"\n"))
		}, []string{ConfigFile, "themes/other/layouts/base.html"}, "", 10},
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
		if st.Pages != s.pages || st.Spliced != spliced[s.name] {
			t.Errorf("%s: rendered %d pages, %d spliced; want %d, %d", s.name, st.Pages, st.Spliced, s.pages, spliced[s.name])
		}
		sameAsCleanBuild(t, dir, l.Files())
		if t.Failed() {
			t.Fatalf("after %s", s.name)
		}
	}
}

func read(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLiveReportsWhatChanged(t *testing.T) {
	dir := liveSite(t)
	l := NewLive(dir, audience.Both)
	if _, errs := l.Update(nil); errs.HasErrors() {
		t.Fatal(errs)
	}
	l.Files().Changed()
	edit(t, filepath.Join(dir, "content/scripts/b.md"), "Red flag:", "Red flag, edited:")
	if _, errs := l.Update([]string{"content/scripts/b.md"}); errs.HasErrors() {
		t.Fatal(errs)
	}
	got := strings.Join(l.Files().Changed(), " ")
	if got != "panel/b/index.html" {
		t.Errorf("changed: %s; want only the panel guide: the edit is in a panel container", got)
	}
}

// TestRenderingPutsTheTreeBack renders every page of the tests' own site
// twice from one parse: cutting the tree for a reader, placing notes and
// katas, and setting ids must leave it as parsed, since the panel's page
// and the candidate's are rendered from one parse, so the second render
// is the first.
func TestRenderingPutsTheTreeBack(t *testing.T) {
	l := NewLive(testsite.New(t, true), audience.Both)
	if _, errs := l.Rebuild(); errs.HasErrors() {
		t.Fatal(errs)
	}
	for path, s := range l.sources {
		doc, errs := l.g.parse(s.page)
		if errs.HasErrors() {
			t.Fatalf("%s: %v", path, errs)
		}
		var first [2][]byte
		for round := range 2 {
			for i, tr := range trees {
				if tr.onlyWithPrep && !hasPrep(s.page) {
					continue
				}
				out := &Files{}
				if _, _, err := l.g.renderPage(doc, tr, &recorder{out: out}); err != nil {
					t.Fatal(err)
				}
				name := out.Names()[0]
				got, _ := out.Get(name)
				if round == 0 {
					first[i] = got
				} else if !bytes.Equal(got, first[i]) {
					t.Errorf("%s renders differently the second time from one parse", name)
				}
			}
		}
	}
}
