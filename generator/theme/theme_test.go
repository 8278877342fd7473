package theme

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPagesKnowWhatTheyAreMadeOf: a page's template reaches base.html and
// the partials it calls, through blocks its own file fills in, and no
// partial it does not call. A file whose templates it runs only through
// {{cached}}, itself or from another cached template, is a fragment of
// the page; a file it also reaches directly is a layout.
func TestPagesKnowWhatTheyAreMadeOf(t *testing.T) {
	for _, c := range []struct {
		name                  string
		files                 map[string]string
		layouts, frags, sites []string
	}{
		{"templates and blocks", map[string]string{
			"layouts/base.html":          `{{define "base"}}<title>{{.Site.Title}}</title>{{block "main" .}}{{end}}{{end}}`,
			"layouts/partials/used.html": `{{define "used"}}{{with .}}{{$.Site.Accommodations}}{{end}}{{end}}`,
			"layouts/partials/idle.html": `{{define "idle"}}{{.Site.BaseURL}}{{end}}`,
			"layouts/page.html":          `{{template "base" .}}{{define "main"}}{{template "used" .}}{{end}}`,
		}, []string{"layouts/base.html", "layouts/page.html", "layouts/partials/used.html"}, nil, []string{"Accommodations", "Title"}},
		{"only through cached", map[string]string{
			"layouts/base.html":           `{{define "base"}}{{block "main" .}}{{end}}{{end}}`,
			"layouts/partials/card.html":  `{{define "card"}}{{cached "inner" .}}{{end}}`,
			"layouts/partials/inner.html": `{{define "inner"}}in{{end}}`,
			"layouts/partials/both.html":  `{{define "both"}}b{{end}}`,
			"layouts/page.html":           `{{template "base" .}}{{define "main"}}{{cached "card" .}}{{cached "both" .}}{{template "both" .}}{{end}}`,
		}, []string{"layouts/base.html", "layouts/page.html", "layouts/partials/both.html"}, []string{"layouts/partials/card.html", "layouts/partials/inner.html"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := themeOf(t, c.files).Template("page.html")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(p.Layouts, c.layouts) {
				t.Errorf("layouts %q, want %q", p.Layouts, c.layouts)
			}
			if !slices.Equal(p.Fragments, c.frags) {
				t.Errorf("fragments %q, want %q", p.Fragments, c.frags)
			}
			if !slices.Equal(p.Site, c.sites) {
				t.Errorf("site fields %q, want %q", p.Site, c.sites)
			}
		})
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
