package audience

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"kitgen/generator/markdown"
)

// A document's top-level blocks fall into parts, and a part's kind says who
// reads its title and its body:
//
//   - the preamble, every block before the first section, the `#` title
//     included: the panel's;
//   - a section, from a top-level ATX `##` heading (see IsSection) to the
//     next part: its mark decides (Section);
//   - a panel part, from a top-level `#` heading after the first section to
//     the next part: the panel's, title and body.
//
// A `##` anywhere else (inside a container, a list or a blockquote) and a
// setext heading are blocks of the part they stand in, with its audience.

// IsSection reports whether n starts a section: a top-level `##` heading
// written with #s.
func IsSection(n ast.Node, src []byte) bool {
	h, ok := n.(*ast.Heading)
	return ok && h.Level == 2 && n.Parent() != nil && n.Parent().Kind() == ast.KindDocument && markdown.ATX(h, src)
}

// startsPanelPart reports whether n starts a panel part, given whether a
// section came before it.
func startsPanelPart(n ast.Node, afterSection bool) bool {
	h, ok := n.(*ast.Heading)
	return ok && h.Level == 1 && afterSection
}

// SectionMark is the audience mark that ends section heading h, "" when it
// has none. A mark that does not read exactly, or text in the heading that
// looks like one, is "?", which no rule accepts: the section is the
// panel's.
func SectionMark(h *ast.Heading, src []byte) string {
	if off, _ := textMark(h, src); off >= 0 {
		return "?"
	}
	tail, _ := markdown.HeadingTail(h, src)
	tail = bytes.TrimLeft(tail, "# ")
	if len(tail) == 0 {
		return ""
	}
	m := readMark(tail)
	if m.err != "" {
		return "?"
	}
	return m.audience
}

// A View is what one reader may read of a document: the document itself,
// cut down in place, and on request (SetIDs) ids on its headings made from
// what the reader sees. Restore puts the document back. The cut is in place so that one
// parse serves every reader; the price is that while a View is open it owns
// the document: only the goroutine that made it may read the document, and
// no other View of it may be made until Restore.
type View struct {
	Reader Audience
	Root   ast.Node
	// Blanked are the placeholders cut from text the reader may read: the
	// candidate reads an ellipsis where each stood.
	Blanked []*markdown.Placeholder
	src     []byte
	undos   []func()
	// headings are those left in the view, in order, as the cut met them.
	headings []*ast.Heading
}

// Prune cuts doc down to what reader r may read. A section marked with an
// audience bounds every container in it; an unmarked one, or the preamble,
// leaves them free; a panel part bounds them to the panel. A container only
// narrows the place around it, an admonition is read by whoever reads the
// place it stands in, and a fence that does not read is the panel's.
func Prune(doc ast.Node, src []byte, r Audience) *View {
	v := &View{Reader: r, Root: doc, src: src}
	if r == Candidate && markdown.Deep(doc) {
		// Past the nesting limit the fences no longer pair up, so no one
		// can say what the author meant for whom: the candidate reads
		// nothing of the document.
		for n := doc.FirstChild(); n != nil; {
			next := n.NextSibling()
			v.remove(n)
			n = next
		}
		return v
	}
	body, limit := Panel, Both
	started := false
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		switch {
		case IsSection(n, src):
			started = true
			h := n.(*ast.Heading)
			mark := SectionMark(h, src)
			var title Audience
			var ok bool
			title, body, ok = Section(mark)
			if !ok {
				title, body = Panel, Panel
			}
			limit = Both
			if mark != "" {
				limit = body
			}
			v.heading(h, r, title)
		case startsPanelPart(n, started):
			body, limit = Panel, Panel
			v.heading(n.(*ast.Heading), r, Panel)
		default:
			if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
				v.heading(h, r, Panel)
			} else {
				v.prune(n, r, body&limit, limit)
			}
		}
		n = next
	}
	return v
}

// Body is the view's top-level blocks as a page shows them: for the
// candidate, without the headings of sections that kept nothing but their
// title, which their agenda lists instead.
func (v *View) Body() []ast.Node {
	var blocks []ast.Node
	for n := v.Root.FirstChild(); n != nil; n = n.NextSibling() {
		// A link reference definition shows nothing of itself.
		if n.Kind() != ast.KindLinkReferenceDefinition {
			blocks = append(blocks, n)
		}
	}
	out := blocks[:0]
	for i, n := range blocks {
		if v.Reader == Candidate && IsSection(n, v.src) && (i+1 == len(blocks) || IsSection(blocks[i+1], v.src)) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// Sections are the section headings left in the view, in order.
func (v *View) Sections() []*ast.Heading {
	var out []*ast.Heading
	for n := v.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if IsSection(n, v.src) {
			out = append(out, n.(*ast.Heading))
		}
	}
	return out
}

// Restore puts back everything Prune and Unwrap cut, in reverse.
func (v *View) Restore() {
	for i := len(v.undos) - 1; i >= 0; i-- {
		v.undos[i]()
	}
	v.undos = nil
}

// heading keeps a part's heading when its title is for r, without the
// audience attribute, which is not rendered.
func (v *View) heading(h *ast.Heading, r, title Audience) {
	if _, marked := h.AttributeString("audience"); marked {
		v.setAttr(h, "audience", nil)
	}
	if title.Has(r) {
		v.prune(h, r, title, Both)
	} else {
		v.remove(h)
	}
}

func (v *View) remove(n ast.Node) {
	parent, next := n.Parent(), n.NextSibling()
	parent.RemoveChild(parent, n)
	v.undos = append(v.undos, func() {
		if next != nil {
			parent.InsertBefore(parent, next, n)
		} else {
			parent.AppendChild(parent, n)
		}
	})
}

func (v *View) replace(old, with ast.Node) {
	parent := old.Parent()
	parent.ReplaceChild(parent, old, with)
	v.undos = append(v.undos, func() { parent.ReplaceChild(parent, with, old) })
}

// Unwrap replaces n by its children in the view: a link the reader must
// not follow keeps its text.
func (v *View) Unwrap(n ast.Node) {
	parent := n.Parent()
	var kids []ast.Node
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		kids = append(kids, k)
	}
	for _, k := range kids {
		parent.InsertBefore(parent, n, k)
	}
	v.remove(n)
	v.undos = append(v.undos, func() {
		for _, k := range kids {
			n.AppendChild(n, k)
		}
	})
}

// setAttr sets attribute name of n to value, or removes it when value is
// nil, and records how to put it back.
func (v *View) setAttr(n ast.Node, name string, value any) {
	old, had := n.AttributeString(name)
	set := func(val any, ok bool) {
		if ok {
			n.SetAttributeString(name, val)
			return
		}
		attrs := n.Attributes()
		n.RemoveAttributes()
		for _, a := range attrs {
			if string(a.Name) != name {
				n.SetAttribute(a.Name, a.Value)
			}
		}
	}
	set(value, value != nil)
	v.undos = append(v.undos, func() { set(old, had) })
}

// prune keeps n when its audience a includes r, and then goes on into its
// children; limit bounds the containers below.
func (v *View) prune(n ast.Node, r, a, limit Audience) {
	if ct, ok := n.(*markdown.Container); ok {
		own := Panel
		if c, known := ContainerOf(ct); known && c.Inherit {
			own = a
		} else if known {
			own = c.For
		}
		a = own & limit
		limit = a
	}
	if !a.Has(r) {
		v.remove(n)
		return
	}
	if h, ok := n.(*ast.Heading); ok {
		v.headings = append(v.headings, h)
	}
	for k := n.FirstChild(); k != nil; {
		next := k.NextSibling()
		if p, ok := k.(*markdown.Placeholder); ok && r == Candidate {
			// The blank is for the panel's pen; the candidate reads an ellipsis.
			v.replace(p, ast.NewString([]byte("…")))
			v.Blanked = append(v.Blanked, p)
		} else {
			v.prune(k, r, a, limit)
		}
		k = next
	}
}

// SetIDs gives every heading left in the view an id made from the text
// the reader sees of it, unless the author gave it one: an id made before
// the cut would spell out a placeholder, or number itself after a heading
// the reader never sees. Restore takes them off again. Only a view that
// is rendered, or whose anchors are checked, needs them.
func (v *View) SetIDs() {
	src := v.src
	ids := parser.NewContext().IDs()
	var auto []*ast.Heading
	for _, h := range v.headings {
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				ids.Put(b)
				continue
			}
		}
		auto = append(auto, h)
	}
	var buf []byte
	for _, h := range auto {
		buf = markdown.Text(buf[:0], h, src, func(b, label []byte) []byte { return append(b, label...) })
		v.setAttr(h, "id", ids.Generate(buf, ast.KindHeading))
	}
}
