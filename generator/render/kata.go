package render

import (
	"html/template"
	"sync"

	"github.com/yuin/goldmark/ast"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

// KataBrief is what the panel needs of a kata in the room, printed where
// the script names it: the kata as the panel reads it — the statement and
// the interface, the guidance for the panel (what a strong answer looks
// like, the follow-ups) and the checkpoints to tick — without its title,
// which the brief's own heading gives.
type KataBrief struct {
	Kata KataLink
	// ID is the brief's anchor on the page; links to the kata in the
	// guide's text point to it.
	ID   string
	Body template.HTML
}

// briefCache holds each kata's brief, rendered once for every guide that
// names the kata.
type briefCache struct {
	mu sync.Mutex
	m  map[*content.Page]template.HTML
}

// ForgetKatas drops the briefs rendered so far: after a kata changed, its
// brief is rendered again, and the old one's page is let go of. Call it
// between renders.
func (r *Renderer) ForgetKatas() {
	r.briefs.mu.Lock()
	defer r.briefs.mu.Unlock()
	r.briefs.m = nil
}

// briefID is the anchor of kata k's brief in a guide: "kg-" keeps it apart
// from the ids of the kit's own headings.
func briefID(k *content.Page) string { return "kg-kata-" + k.Slug }

// brief renders kata k for a kit's guide. The kata is parsed anew: its
// tree is cut to the panel's view and changed for the guide — headings
// set under the brief's, ids that cannot meet the kit's, links to other
// katas made from a kit's folder — and nobody else reads it.
func (r *Renderer) brief(k *content.Page) (template.HTML, error) {
	r.briefs.mu.Lock()
	defer r.briefs.mu.Unlock()
	if h, ok := r.briefs.m[k]; ok {
		return h, nil
	}
	doc, _ := content.Parse(r.md, k, r.katas)
	view := audience.Prune(doc.Root, k.Body, audience.Panel)
	view.SetIDs()
	defer view.Restore()
	var blocks []ast.Node
	for i, n := range view.Body() {
		if h, ok := n.(*ast.Heading); ok && i == 0 && h.Level == 1 && doc.Title != "" {
			continue
		}
		blocks = append(blocks, n)
	}
	prefix := briefID(k) + "-"
	_ = ast.Walk(view.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			// The guide's sections are h2 and the brief's title h3.
			h.Level = min(h.Level+2, 6)
			if id := content.HeadingID(h); id != "" {
				h.SetAttributeString("id", []byte(prefix+id))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, l := range doc.Links {
		l.Node.Destination = []byte(content.KitToKata(l.Kata))
	}
	h, err := r.html(k.Body, blocks...)
	if err != nil {
		return "", err
	}
	if r.briefs.m == nil {
		r.briefs.m = map[*content.Page]template.HTML{}
	}
	r.briefs.m[k] = h
	return h, nil
}

// placeKatas decides where each kata a script refers to is printed: in
// the section that first names it, or, when no section of the guide does
// (only frontmatter names it, or a part the panel does not read), at the
// end of the guide. The links to the kata in the guide's text point to
// its brief, and say on paper where it is; restore puts them back.
func (r *Renderer) placeKatas(o *content.Doc) (at map[*content.Page]int, restore func()) {
	at = map[*content.Page]int{}
	for _, ref := range o.Refs {
		if ref.Kata == o.Page || o.Page.Kind != content.Script {
			continue
		}
		at[ref.Kata] = -1
		for i, s := range o.Sections {
			if ref.TextLine > 0 && s.Line <= ref.TextLine {
				at[ref.Kata] = i
			}
		}
		if i := at[ref.Kata]; i >= 0 && !o.Sections[i].TitleFor.Has(audience.Panel) {
			at[ref.Kata] = -1
		}
	}
	var undos []func()
	for _, l := range o.Links {
		i, ok := at[l.Kata]
		if !ok {
			continue
		}
		where := "see the kata brief at the end of the guide"
		switch {
		case i >= 0 && sectionOf(o, l.Node) == i:
			where = "see the kata brief below"
		case i >= 0:
			where = "see the kata brief in section “" + o.Sections[i].Title + "”"
		}
		n, dest := l.Node, l.Node.Destination
		n.Destination = []byte("#" + briefID(l.Kata))
		n.SetAttributeString("class", []byte("kg-kata-ref"))
		n.SetAttributeString("title", []byte(where))
		undos = append(undos, func() {
			n.Destination = dest
			n.RemoveAttributes()
		})
	}
	return at, func() {
		for _, u := range undos {
			u()
		}
	}
}

// sectionOf is the index of the section that holds link n, -1 before the
// first.
func sectionOf(o *content.Doc, n ast.Node) int {
	line := 0
	if off := markdown.TextStart(n); off >= 0 {
		line = o.Page.Line(off)
	}
	at := -1
	for i, s := range o.Sections {
		if line > 0 && s.Line <= line {
			at = i
		}
	}
	return at
}
