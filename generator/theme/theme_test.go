package theme

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPagesKnowWhatTheyAreMadeOf: a page's template reaches base.html and
// the partials it calls, through blocks its own file fills in, and no
// partial it does not call.
func TestPagesKnowWhatTheyAreMadeOf(t *testing.T) {
	th := themeOf(t, map[string]string{
		"layouts/base.html":          `{{define "base"}}<title>{{.Site.Title}}</title>{{block "main" .}}{{end}}{{end}}`,
		"layouts/partials/used.html": `{{define "used"}}{{with .}}{{$.Site.Accommodations}}{{end}}{{end}}`,
		"layouts/partials/idle.html": `{{define "idle"}}{{.Site.BaseURL}}{{end}}`,
		"layouts/page.html":          `{{template "base" .}}{{define "main"}}{{template "used" .}}{{end}}`,
	})
	p, err := th.Template("page.html")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"layouts/base.html", "layouts/page.html", "layouts/partials/used.html"}; !slices.Equal(p.Layouts, want) {
		t.Errorf("layouts %q, want %q", p.Layouts, want)
	}
	if want := []string{"Accommodations", "Title"}; !slices.Equal(p.Site, want) {
		t.Errorf("site fields %q, want %q", p.Site, want)
	}
}

// TestPagesKnowWhatTheyReachOnlyThroughCached: a file whose templates a
// page runs only through {{cached}}, itself or from another cached
// template, is a fragment of the page; a file it also reaches directly
// is a layout.
func TestPagesKnowWhatTheyReachOnlyThroughCached(t *testing.T) {
	th := themeOf(t, map[string]string{
		"layouts/base.html":           `{{define "base"}}{{block "main" .}}{{end}}{{end}}`,
		"layouts/partials/card.html":  `{{define "card"}}{{cached "inner" .}}{{end}}`,
		"layouts/partials/inner.html": `{{define "inner"}}in{{end}}`,
		"layouts/partials/both.html":  `{{define "both"}}b{{end}}`,
		"layouts/page.html":           `{{template "base" .}}{{define "main"}}{{cached "card" .}}{{cached "both" .}}{{template "both" .}}{{end}}`,
	})
	p, err := th.Template("page.html")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"layouts/base.html", "layouts/page.html", "layouts/partials/both.html"}; !slices.Equal(p.Layouts, want) {
		t.Errorf("layouts %q, want %q", p.Layouts, want)
	}
	if want := []string{"layouts/partials/card.html", "layouts/partials/inner.html"}; !slices.Equal(p.Fragments, want) {
		t.Errorf("fragments %q, want %q", p.Fragments, want)
	}
}

// themeOf is a site of files, a slash path's text each, as a theme.
func themeOf(t *testing.T, files map[string]string) *Theme {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	th, err := Open(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// TestOnlyPanelGuidesUseTheScorecard: in the default theme the scorecard
// partial is the panel guide's alone, and only through {{cached}}, so an
// edit of it need not touch a candidate's page, nor more of a guide than
// its scorecard.
func TestOnlyPanelGuidesUseTheScorecard(t *testing.T) {
	th, err := Open(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]bool{"panel/kit.html": true, "prep/kit.html": false, "prep/list.html": false} {
		p, err := th.Template(page)
		if err != nil {
			t.Fatal(err)
		}
		const sc = "layouts/partials/scorecard.html"
		if slices.Contains(p.Layouts, sc) {
			t.Errorf("%s uses the scorecard other than through {{cached}} (%q)", page, p.Layouts)
		}
		if got := slices.Contains(p.Fragments, sc); got != want {
			t.Errorf("%s uses the scorecard: %v, want %v (%q)", page, got, want, p.Fragments)
		}
	}
}
