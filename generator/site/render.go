package site

import (
	"fmt"
	"path"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/render"
	"kitgen/generator/theme"
)

// A tree is one reader's site: its folder, its reader and the templates
// of its pages and its index.
type tree struct {
	dir          string
	reader       audience.Audience
	page, index  string
	onlyWithPrep bool
}

// trees are the panel's and the candidate's, in that order; a source
// keeps what it wrote for each at the same index.
var trees = [2]tree{
	{"panel", audience.Panel, render.PanelPages, render.PanelIndex, false},
	{"prep", audience.Candidate, render.PrepPages, render.PrepIndex, true},
}

// output is what a page wrote for one tree, and what stopped it; and
// where its {{cached}} parts sit in the page, for a change to them alone.
type output struct {
	names []string
	err   error
	frags []theme.Fragment
}

// render renders o's page for tree t into out, recording what it wrote.
// For the candidate it returns their page's total too, for the index.
func (g *generator) renderPage(o *content.Doc, t tree, out *recorder) (prepTotal string, frags []theme.Fragment, err error) {
	var page render.Output
	if t.reader == audience.Candidate {
		var v *render.Prep
		if v, page, err = g.render.PrepPage(o, hasPrep); err == nil {
			prepTotal = v.Total
		}
	} else {
		page, err = g.render.PanelPage(o)
	}
	if err != nil {
		return "", nil, err
	}
	g.pages.Add(1)
	return prepTotal, page.Fragments, out.WriteFile(t.file(o.Page), page.HTML)
}

// file is the file of p's page in tree t.
func (t tree) file(p *content.Page) string {
	return path.Join(t.dir, content.Dir(p), "index.html")
}

// splice makes the {{cached}} parts of p's page in tree t, which last
// wrote old, again, and writes the page into out.
func (g *generator) splice(p *content.Page, t tree, old output, files *Files, out *recorder) ([]theme.Fragment, error) {
	b, ok := files.Get(t.file(p))
	if !ok {
		return nil, fmt.Errorf("%s: no page to splice", t.file(p))
	}
	page, err := g.render.Splice(t.page, render.Output{HTML: b, Fragments: old.frags})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	g.pages.Add(1)
	g.spliced.Add(1)
	return page.Fragments, out.WriteFile(t.file(p), page.HTML)
}
