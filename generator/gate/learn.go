package gate

import (
	"fmt"
	"slices"

	"github.com/yuin/goldmark/ast"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

// Learn reads the runs of doc's page p, the panel's and the
// candidate's; prep says whether p has a candidate's page at all. Without
// one, every word of it is the panel's.
//
// Who reads a block is worked out here again, apart from audience.Prune,
// from the same marks: a gate that asked Prune would share its faults. It
// must not change doc: other goroutines may read it.
func Learn(doc *content.Doc, prep bool) *Source {
	p := doc.Page
	// A run starts at about every sixth byte of markdown.
	s := &Source{Path: p.Path, panel: make([]uint64, 0, len(p.Body)/6)}
	learn(doc, prep, func(h uint64, _, _ int) { s.panel = append(s.panel, h) }, func(h uint64) { s.candidate = append(s.candidate, h) })
	s.panel, s.candidate = slices.Clone(unique(s.panel)), unique(s.candidate)
	return s
}

// Line is the line of doc's page, as Learn reads it, where panel run h first
// stands; 0 when it does not.
func Line(doc *content.Doc, prep bool, h uint64) int {
	line := 0
	learn(doc, prep, func(x uint64, off, l int) {
		if x == h && line == 0 {
			line = l
			if l == 0 {
				line = doc.Page.Line(off)
			}
		}
	}, func(uint64) {})
	return line
}

// learn sends each of p's runs to panel, with where it stands — its
// offset in the body, or the line of its frontmatter field — or to open
// when the candidate may read it. Offsets are not made lines here: that
// counts lines from the top for every run, and only a leak needs one.
func learn(doc *content.Doc, prep bool, panel func(h uint64, off, line int), open func(h uint64)) {
	p := doc.Page
	// Past the nesting limit no one can say who a block is for: all of it
	// is the panel's, as the cut has it.
	if markdown.Deep(doc.Root) {
		prep = false
	}
	body := runs{emit: func(h uint64, off int) { panel(h, off, 0) }}
	var field int
	fields := runs{emit: func(h uint64, _ int) { panel(h, 0, field) }}
	candidate := runs{emit: func(h uint64, _ int) { open(h) }}
	for _, f := range p.Fields {
		to := &fields
		if prep && audience.FieldFor(f.Key, audience.Candidate) {
			to = &candidate
		}
		field = f.Line
		scalars(f.Value, func(v string) {
			to.add([]byte(v), 0)
			to.reset()
		})
	}
	if prep {
		candidate.add([]byte(p.Slug), 0)
	} else {
		field = 1
		fields.add([]byte(p.Slug), 0)
	}
	t := &texts{src: p.Body, panel: &body, open: &candidate, katas: map[ast.Node]bool{}}
	for _, l := range doc.Links {
		t.katas[l.Node] = true
	}
	t.doc(doc.Root, prep)
}

// scalars calls fn with each scalar of a frontmatter value, as text.
func scalars(v any, fn func(string)) {
	switch v := v.(type) {
	case nil:
	case []any:
		for _, e := range v {
			scalars(e, fn)
		}
	case map[string]any:
		for k, e := range v {
			fn(k)
			scalars(e, fn)
		}
	case map[any]any:
		for k, e := range v {
			scalars(k, fn)
			scalars(e, fn)
		}
	default:
		fn(fmt.Sprint(v))
	}
}

// texts sends the text of a document to the runs of who reads it.
type texts struct {
	src         []byte
	panel, open *runs
	// katas are the links Parse made to katas: their addresses are the
	// site's, made for each page, not the source's words.
	katas map[ast.Node]bool
}

// doc walks the document's parts: the preamble and panel parts are the
// panel's; a section's title is the candidate's unless marked panel, and
// its body only when marked both or candidate; containers narrow, and
// admonitions are read as the place they stand in.
func (t *texts) doc(root ast.Node, prep bool) {
	body, limit, started := false, true, false
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, isHeading := n.(*ast.Heading)
		switch {
		case audience.IsSection(n, t.src):
			started = true
			mark := audience.SectionMark(h, t.src)
			body = mark == "both" || mark == "candidate"
			limit = mark == "" || body
			t.walk(n, prep && (mark == "" || body), true)
		case isHeading && h.Level == 1:
			if started {
				body, limit = false, false
			}
			t.walk(n, false, false)
		default:
			t.walk(n, prep && body && limit, prep && limit)
		}
	}
}

// walk sends n's text to the candidate's runs when cand, else to the
// panel's; limit says whether a container below may open to the candidate.
func (t *texts) walk(n ast.Node, cand, limit bool) {
	c, isContainer := n.(*markdown.Container)
	if isContainer {
		// Read from the registry and the fence here, not through
		// audience.ContainerOf: a fence that says more than its name
		// takes (a title where none is taken) opens nothing.
		own := false
		k, known := audience.Containers[string(c.Name)]
		switch {
		case !known || c.Stray || c.Deep || c.Name == nil || c.Title != nil && !k.Titled:
		case k.Inherit:
			// An admonition is read as the place around it is.
			own = cand
		default:
			own = k.For.Has(audience.Candidate)
		}
		cand = own && limit
		limit = cand
	}
	to := t.panel
	if cand {
		to = t.open
	}
	if isContainer && c.Title != nil {
		// An admonition's title is on the page, though no text node
		// holds it.
		to.reset()
		to.add(c.Title, c.Pos())
		to.reset()
	}
	switch n := n.(type) {
	case *ast.Text:
		// Text nodes meet in the middle of words; a line break, or the tag
		// of any other inline, ends one, as in the page.
		to.add(n.Segment.Value(t.src), n.Segment.Start)
		if n.SoftLineBreak() || n.HardLineBreak() {
			to.end()
		}
		return
	case *ast.String:
		to.add(n.Value, n.Pos())
		return
	case *markdown.Placeholder:
		// The label is the panel's, wherever it stands.
		to.end()
		t.panel.add(n.Label, n.Pos())
		t.panel.reset()
		return
	case *ast.Link:
		if !t.katas[n] {
			t.attr(to, markdown.TextStart(n), n.Destination, n.Title)
		}
	case *ast.Image:
		t.attr(to, markdown.TextStart(n), n.Destination, n.Title)
	case *ast.AutoLink:
		to.add(n.URL(t.src), n.Pos())
		return
	case *ast.LinkReferenceDefinition:
		t.attr(to, n.Pos(), n.Label, n.Destination, n.Title)
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		to.reset()
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			to.add(seg.Value(t.src), seg.Start)
		}
		to.reset()
		return
	case *ast.RawHTML, *ast.HTMLBlock:
		// Dropped from every page.
		return
	}
	if n.Type() == ast.TypeBlock {
		to.reset()
	} else {
		to.end()
	}
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		t.walk(k, cand, limit)
	}
	if n.Type() == ast.TypeBlock {
		to.reset()
	} else {
		to.end()
	}
}

// attr sends texts that stand apart from the flow, such as a link's
// address, each as a text of its own, placed at off.
func (t *texts) attr(to *runs, off int, texts ...[]byte) {
	to.end()
	r := runs{emit: func(h uint64, _ int) { to.emit(h, max(off, 0)) }}
	for _, b := range texts {
		r.add(b, 0)
		r.reset()
	}
}
