// Package audience holds every rule that decides who reads what. Audience
// is deny by default: nothing reaches the candidate unless the author marked
// it for them, and every candidate page is cut from the source by Prune.
package audience

import (
	"github.com/yuin/goldmark/ast"

	"kitgen/generator/markdown"
)

// Audience is a set of readers.
type Audience uint8

const (
	Panel Audience = 1 << iota
	Candidate
	Both = Panel | Candidate
)

// Parse reads an audience mark: `panel`, `candidate` or `both`.
func Parse(s string) (Audience, bool) {
	switch s {
	case "panel":
		return Panel, true
	case "candidate":
		return Candidate, true
	case "both":
		return Both, true
	}
	return 0, false
}

// Has reports whether reader r is among a.
func (a Audience) Has(r Audience) bool { return a&r == r && r != 0 }

func (a Audience) String() string {
	switch a {
	case Panel:
		return "panel"
	case Candidate:
		return "candidate"
	case Both:
		return "both"
	}
	return "nobody"
}

// Marks lists the words Parse accepts, for error messages.
const Marks = "panel, candidate or both"

// candidateFields is the allow-list of frontmatter a candidate may see.
var candidateFields = map[string]bool{
	"title":        true,
	"domain":       true,
	"duration":     true,
	"last_updated": true,
}

// FieldFor reports whether frontmatter field key may be shown to r.
func FieldFor(key string, r Audience) bool {
	return r == Panel || r == Candidate && candidateFields[key]
}

// Visibility says whether a page has a candidate version and whether it is
// listed.
type Visibility int

const (
	// Private pages have no candidate version at all.
	Private Visibility = iota
	// Unlisted pages are built for candidates but neither linked nor indexed.
	Unlisted
	// Public pages are built and listed.
	Public
)

// PageVisibility reads frontmatter `visibility`; anything but `public` or
// `unlisted`, missing included, is Private.
func PageVisibility(v string) Visibility {
	switch v {
	case "public":
		return Public
	case "unlisted":
		return Unlisted
	}
	return Private
}

// Section returns who reads a `##` section's title and who reads its body,
// given its `{audience=…}` mark (empty when unmarked). An unmarked section's
// title is on the candidate's agenda while its body stays with the panel.
func Section(mark string) (title, body Audience, ok bool) {
	if mark == "" {
		return Both, Panel, true
	}
	a, ok := Parse(mark)
	return a, a, ok
}

// Prune cuts doc down to what reader r may read, in place, and returns a
// function that puts back everything it cut, so that one parse serves both
// readers. Blocks before the first `##` heading, the `#` title included,
// belong to the panel. A section marked with an audience bounds every
// container in it; an unmarked one leaves them free. A container only
// narrows the containers around it, and one with an unknown name is the
// panel's.
func Prune(doc ast.Node, r Audience) (undo func()) {
	return prune(doc, r).undo
}

// Blanked returns the placeholders in what the candidate reads of doc: each
// leaves a hole in a sentence meant for them.
func Blanked(doc ast.Node) []*markdown.Placeholder {
	c := prune(doc, Candidate)
	c.undo()
	return c.blanked
}

func prune(doc ast.Node, r Audience) *cuts {
	c := &cuts{}
	body, limit := Panel, Both
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			title := Panel
			if h.Level == 2 {
				var ok bool
				mark := Mark(h)
				title, body, ok = Section(mark)
				if !ok {
					title, body = Panel, Panel
				}
				limit = Both
				if mark != "" {
					limit = body
				}
			}
			c.dropMark(h)
			if !title.Has(r) {
				c.remove(n)
			} else {
				c.prune(n, r, title, Both)
			}
		} else {
			c.prune(n, r, body&limit, limit)
		}
		n = next
	}
	if r == Candidate {
		c.dropEmptySections(doc)
	}
	return c
}

// cuts records what Prune changed, to undo it in reverse, and the
// placeholders it blanked out.
type cuts struct {
	undos   []func()
	blanked []*markdown.Placeholder
}

func (c *cuts) undo() {
	for i := len(c.undos) - 1; i >= 0; i-- {
		c.undos[i]()
	}
	c.undos = nil
}

func (c *cuts) remove(n ast.Node) {
	parent, next := n.Parent(), n.NextSibling()
	parent.RemoveChild(parent, n)
	c.undos = append(c.undos, func() {
		if next != nil {
			parent.InsertBefore(parent, next, n)
		} else {
			parent.AppendChild(parent, n)
		}
	})
}

func (c *cuts) replace(old, with ast.Node) {
	parent := old.Parent()
	parent.ReplaceChild(parent, old, with)
	c.undos = append(c.undos, func() { parent.ReplaceChild(parent, with, old) })
}

// dropEmptySections removes the headings of sections left with no body: the
// candidate finds their titles on the agenda.
func (c *cuts) dropEmptySections(doc ast.Node) {
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			if nh, ok := next.(*ast.Heading); next == nil || ok && nh.Level <= 2 {
				c.remove(n)
			}
		}
		n = next
	}
}

// prune keeps n when its audience a includes r, and then goes on into its
// children; limit bounds the containers below.
func (c *cuts) prune(n ast.Node, r, a, limit Audience) {
	if ct, ok := n.(*markdown.Container); ok {
		own, known := Parse(string(ct.Name))
		if !known {
			own = Panel
		}
		a = own & limit
		limit = a
	}
	if !a.Has(r) {
		c.remove(n)
		return
	}
	for k := n.FirstChild(); k != nil; {
		next := k.NextSibling()
		if p, ok := k.(*markdown.Placeholder); ok && r == Candidate {
			// The blank is for the panel's pen; the candidate reads an ellipsis.
			c.replace(p, ast.NewString([]byte("…")))
			c.blanked = append(c.blanked, p)
		} else {
			c.prune(k, r, a, limit)
		}
		k = next
	}
}

// dropMark removes the audience attribute so it is not rendered into HTML.
func (c *cuts) dropMark(h *ast.Heading) {
	if _, marked := h.AttributeString("audience"); !marked {
		return
	}
	attrs := h.Attributes()
	h.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != "audience" {
			h.SetAttribute(a.Name, a.Value)
		}
	}
	c.undos = append(c.undos, func() {
		h.RemoveAttributes()
		for _, a := range attrs {
			h.SetAttribute(a.Name, a.Value)
		}
	})
}

// Mark returns the `{audience=…}` attribute of a heading, or "".
func Mark(h *ast.Heading) string {
	v, ok := h.AttributeString("audience")
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return "?"
}
