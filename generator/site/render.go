package site

import (
	"path"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/render"
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

// output is what a page wrote for one tree, and what stopped it.
type output struct {
	names []string
	err   error
}

// render renders o's page for tree t into out, recording what it wrote.
// For the candidate it returns their page's total too, for the index.
func (g *generator) renderPage(o *content.Doc, t tree, out *recorder) (prepTotal string, err error) {
	p := o.Page
	var b []byte
	if t.reader == audience.Candidate {
		var v *render.Prep
		if v, b, err = g.render.PrepPage(o, hasPrep); err == nil {
			prepTotal = v.Total
		}
	} else {
		b, err = g.render.PanelPage(o)
	}
	if err != nil {
		return "", err
	}
	g.pages.Add(1)
	return prepTotal, out.WriteFile(path.Join(t.dir, content.Dir(p), "index.html"), b)
}
