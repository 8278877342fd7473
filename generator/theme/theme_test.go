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
	dir := t.TempDir()
	files := map[string]string{
		"layouts/base.html":          `{{define "base"}}<title>{{.Site.Title}}</title>{{block "main" .}}{{end}}{{end}}`,
		"layouts/partials/used.html": `{{define "used"}}{{with .}}{{$.Site.Accommodations}}{{end}}{{end}}`,
		"layouts/partials/idle.html": `{{define "idle"}}{{.Site.BaseURL}}{{end}}`,
		"layouts/page.html":          `{{template "base" .}}{{define "main"}}{{template "used" .}}{{end}}`,
	}
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

// TestOnlyPanelGuidesUseTheScorecard: in the default theme the scorecard
// partial is the panel guide's alone, so an edit of it need not touch a
// candidate's page.
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
		if got := slices.Contains(p.Layouts, "layouts/partials/scorecard.html"); got != want {
			t.Errorf("%s uses the scorecard: %v, want %v (%q)", page, got, want, p.Layouts)
		}
	}
}
