package theme

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// card is data with a key: {{cached}} runs its template once per key.
type card struct {
	Key, Text string
	runs      *atomic.Int32
}

func (c card) CacheKey() string { return c.Key }

// Runs counts the times a template reads it.
func (c card) Runs() string { c.runs.Add(1); return "" }

type doc struct {
	Title string
	Card  card
	Note  map[string]string
}

// cachedSite is a theme whose page reaches card.html and note.html only
// through {{cached}}, card.html keyed and calling another cached
// template, note.html without a key; partial is the text of card.html's
// templates.
func cachedSite(t *testing.T, partial string) *Page {
	t.Helper()
	th := themeOf(t, map[string]string{
		"layouts/base.html":          `{{define "base"}}<title>{{.Title}}</title>{{block "main" .}}{{end}}{{end}}`,
		"layouts/partials/card.html": partial,
		"layouts/partials/note.html": `{{define "note"}}<p class="note">{{.text}}</p>{{end}}`,
		"layouts/page.html": `{{template "base" .}}{{define "main"}}<h1 title="{{.Title}}">{{.Title}}</h1>` +
			`{{cached "card" .Card}}<p>between</p>{{cached "note" .Note}}{{cached "card" .Card}}<footer>{{.Title}}</footer>{{end}}`,
	})
	p, err := th.Template("page.html")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func render(t *testing.T, p *Page, d doc) ([]byte, []Fragment) {
	t.Helper()
	var b bytes.Buffer
	frags, err := p.Render(&b, d)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), frags
}

// TestSpliceIsAFreshRender: a page rendered with one card partial and
// spliced with another is the page the other renders, byte for byte,
// and so is it spliced again; keyed parts run once per key.
func TestSpliceIsAFreshRender(t *testing.T) {
	partials := []string{
		`{{define "card"}}{{.Runs}}<section>{{.Text}} & {{cached "inner" .}}</section>{{end}}{{define "inner"}}<i>{{.Key}}</i>{{end}}`,
		`{{define "card"}}{{.Runs}}<aside data-k="{{.Key}}">{{.Text}}</aside>{{end}}`,
		`{{define "card"}}{{.Runs}}{{cached "inner" .}}{{end}}{{define "inner"}}<b>{{.Text}} {{.Text}}</b>{{end}}`,
	}
	var runs atomic.Int32
	docs := make([]doc, 40)
	for i := range docs {
		docs[i] = doc{
			Title: fmt.Sprintf("Kit <%d>", i),
			Card:  card{Key: fmt.Sprint(i % 3), Text: fmt.Sprintf("card %d", i%3), runs: &runs},
			Note:  map[string]string{"text": fmt.Sprintf("note %d", i)},
		}
	}
	pages := make([][]byte, len(docs))
	frags := make([][]Fragment, len(docs))
	for round, partial := range partials {
		p := cachedSite(t, partial)
		runs.Store(0)
		var wg sync.WaitGroup
		for i, d := range docs {
			wg.Go(func() {
				want, _ := render(t, p, d)
				if round == 0 {
					pages[i], frags[i] = render(t, p, d)
					return
				}
				got, next, err := p.Splice(pages[i], frags[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got, want) {
					t.Errorf("round %d, page %d spliced:\n%s\nrendered:\n%s", round, i, got, want)
				}
				pages[i], frags[i] = got, next
			})
		}
		wg.Wait()
		if n := runs.Load(); n != 3 {
			t.Errorf("round %d: the keyed part ran %d times for 3 keys", round, n)
		}
		if len(frags[0]) != 3 {
			t.Errorf("round %d: %d fragments, want 3", round, len(frags[0]))
		}
	}
}

// TestCachedOnlyWhereHTMLGoes: a {{cached}} call that html/template would
// escape — in an attribute, a URL, a script, a style, a textarea, an
// unquoted attribute — fails the page, and nothing of it is written. (In
// a CSS value html/template writes ZgotmplZ for HTML, marker or not.)
func TestCachedOnlyWhereHTMLGoes(t *testing.T) {
	for _, page := range []string{
		`<a title="{{cached "x" .}}">`,
		`<a href="{{cached "x" .}}">`,
		`<a href="/{{cached "x" .}}">`,
		`<a class={{cached "x" .}}>`,
		`<script>var x = {{cached "x" .}};</script>`,
		"<script>var x = `{{cached \"x\" .}}`;</script>",
		`<style>p { content: "{{cached "x" .}}" }</style>`,
		`<textarea>{{cached "x" .}}</textarea>`,
		`<title>{{cached "x" .}}</title>`,
	} {
		th := themeOf(t, map[string]string{
			"layouts/base.html":       `{{define "base"}}{{end}}`,
			"layouts/partials/x.html": `{{define "x"}}<b>{{.}}</b>{{end}}`,
			"layouts/page.html":       page,
		})
		p, err := th.Template("page.html")
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := p.Execute(&b, "x"); !errors.Is(err, errMarker) || b.Len() > 0 {
			t.Errorf("%s: error %v, wrote %q", page, err, b.String())
		}
	}
}

// TestSpliceRefusesAMarkerEscaped: a cached template that calls another
// where html/template escapes it fails the splice, as it fails a render.
func TestSpliceRefusesAMarkerEscaped(t *testing.T) {
	var runs atomic.Int32
	d := doc{Title: "Kit", Card: card{Key: "k", Text: "card", runs: &runs}, Note: map[string]string{"text": "note"}}
	page, frags := render(t, cachedSite(t, `{{define "card"}}<b>{{.Text}}</b>{{end}}`), d)
	bad := cachedSite(t, `{{define "card"}}<b title="{{cached "inner" .}}"></b>{{end}}{{define "inner"}}in{{end}}`)
	if _, _, err := bad.Splice(page, frags); !errors.Is(err, errMarker) {
		t.Errorf("splice: error %v, want %v", err, errMarker)
	}
	var b bytes.Buffer
	if _, err := bad.Render(&b, d); !errors.Is(err, errMarker) {
		t.Errorf("render: error %v, want %v", err, errMarker)
	}
}
