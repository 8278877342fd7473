package browser

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kitgen/generator/audience"
	"kitgen/generator/site"
)

// TestEveryTreeHasAFavicon serves the whole site, and each tree alone as a
// team may publish it: the icons a page links load, and so does
// /favicon.ico, which browsers and feed readers ask for whatever a page
// links.
func TestEveryTreeHasAFavicon(t *testing.T) {
	tab := Start(t, 60*time.Second)
	src, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	kit := filepath.Join(src, "content", "scripts", "kit.md")
	if err := os.MkdirAll(filepath.Dir(kit), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(kit, []byte("---\nid: kit\ntype: interview_script\nvisibility: public\n---\n## Hello (5 mins) {audience=both}\n\nHi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(site.Options{Source: src, Dest: dest, Trees: audience.Both}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ root, page string }{
		{"", "panel/kit/"},
		{"prep", "kit/"},
		{"panel", "kit/"},
	} {
		s := Serve(t, filepath.Join(dest, c.root))
		tab.Do(t, chromedp.Navigate(s.URL+"/"+c.page))
		statuses := Eval[[]int](t, tab, `Promise.all(
			[...document.querySelectorAll('link[rel="icon"]')].map(l => l.href).concat(["/favicon.ico"])
				.map(u => fetch(u).then(r => r.status)))`)
		if len(statuses) != 3 {
			t.Errorf("%s/%s: %d icons fetched, want the two linked and /favicon.ico", c.root, c.page, len(statuses))
		}
		for _, st := range statuses {
			if st != 200 {
				t.Errorf("serving %q alone, %s: icon statuses %v", c.root, c.page, statuses)
				break
			}
		}
	}
}
