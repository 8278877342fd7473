package audience

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"kitgen/generator/markdown"
)

// A Problem is a place in a document where who reads what is not certain:
// a mark or a fence that does not read exactly, or candidate text that
// would show what is not theirs. Every Problem stops the build.
type Problem struct {
	// Off is the byte offset in the document's source.
	Off       int
	Msg, Hint string
}

// Check finds the Problems of doc, parsed from src; prep says whether the
// page has a candidate's version, whose text it then checks too.
func Check(doc ast.Node, src []byte, prep bool) []Problem {
	c := &checker{src: src}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			c.heading(n)
			return ast.WalkSkipChildren, nil
		case *markdown.Container:
			c.container(n)
		case *ast.Paragraph:
			c.lines(n)
		case *ast.Text:
			c.text(n)
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if prep {
		c.candidate(doc)
	}
	return c.problems
}

type checker struct {
	src      []byte
	problems []Problem
	// deep is set once a fence past MaxContainerDepth is reported: the
	// fences after it no longer pair up, and one error says it all.
	deep bool
}

func (c *checker) add(off int, msg, hint string) {
	c.problems = append(c.problems, Problem{Off: off, Msg: msg, Hint: hint})
}

const markHint = "write the mark last on a top-level ## heading: ## Title (10 mins) {audience=panel}"

// heading checks the attribute block that ends h: it must read exactly,
// and a mark belongs on a section heading only.
func (c *checker) heading(h *ast.Heading) {
	c.lines(h)
	c.braces(h)
	tail, off := markdown.HeadingTail(h, c.src)
	tail = bytes.TrimLeft(tail, "# ")
	if i := bytes.IndexByte(tail, '{'); i >= 0 {
		off += len(tail) - len(tail[i:])
		m := readMark(tail[i:])
		switch {
		case m.err != "":
			c.add(off, m.err, markHint)
		case m.audience != "" && !IsSection(h, c.src):
			what := "a top-level ## heading written with #s"
			if h.Level != 2 {
				what = "## section headings, not level " + fmt.Sprint(h.Level)
			}
			c.add(off, "{audience="+m.audience+"} marks sections, and sections are "+what,
				"use ::: containers inside a section, or make this heading a section")
		}
	}
}

// container checks a fence: a known name, nothing more, closed, at a depth
// the parser takes.
func (c *checker) container(n *markdown.Container) {
	switch {
	case c.deep:
	case n.Deep:
		c.deep = true
		c.add(n.Pos(), fmt.Sprintf("containers nest deeper than %d here", markdown.MaxContainerDepth), "close some ::: blocks; no kit needs them this deep")
	case n.Stray:
		c.add(n.Pos(), "::: closes no open container", "remove it, or open the block it closes with ::: "+ContainerNames)
	case !known(n):
		k, named := Containers[string(n.Name)]
		switch {
		case named && k.Titled:
			c.add(n.Pos(), "this admonition's title looks like an audience mark but is text",
				"an admonition is read by whoever reads the place it stands in; put it in a ::: panel, candidate or both block")
		case named:
			c.add(n.Pos(), fmt.Sprintf("unknown container ::: %s", n.Info), "::: "+string(n.Name)+" takes no title: write the name alone on the line")
		default:
			c.add(n.Pos(), fmt.Sprintf("unknown container ::: %s", n.Info), "containers are ::: "+ContainerNames+", the name alone on the line")
		}
	case !n.Closed:
		c.add(n.Pos(), fmt.Sprintf("::: %s is never closed", n.Name), "end it with a ::: line")
	}
}

func known(n *markdown.Container) bool {
	_, ok := ContainerOf(n)
	return ok
}

// lines finds fences that the parser read as text: indented four spaces
// or more, lazily continuing a paragraph, or after a heading's #s.
func (c *checker) lines(p ast.Node) {
	for i := 0; i < p.Lines().Len(); i++ {
		seg := p.Lines().At(i)
		line := seg.Value(c.src)
		if s := bytes.TrimLeft(line, " \t"); bytes.HasPrefix(s, []byte(":::")) {
			c.add(seg.Start+len(line)-len(s), "a ::: fence here is read as text", "start the fence at most three spaces in, after a blank line")
		}
	}
}

// text finds the word audience after a brace or before an =, however it
// is spelled: what looks like a mark but is text.
func (c *checker) text(t *ast.Text) {
	if i := lookalike(t.Segment.Value(c.src)); i >= 0 {
		c.add(t.Segment.Start+i, "this looks like an audience mark but is text", markHint+", or a ::: container")
	}
}

// braces reports what in h's text looks like a mark that did not read.
func (c *checker) braces(h *ast.Heading) {
	if off, msg := textMark(h, c.src); off >= 0 {
		c.add(off, msg, markHint)
	}
}

// textMark finds what in heading h's text looks like a mark, and says what
// it is; off is -1 when nothing does. kitgen reads {…} in a heading only as
// the mark that ends it, so a brace anywhere else is a mark that did not
// read, and so is the word audience after a brace or before an =, however
// it is spelled.
func textMark(h *ast.Heading, src []byte) (off int, msg string) {
	off = -1
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			s := n.Segment.Value(src)
			for i, b := range s {
				if (b == '{' || b == '}') && (i == 0 || s[i-1] != '\\') {
					off, msg = n.Segment.Start+i, "a brace in a heading, where kitgen reads {…} only as the mark that ends it; write \\{ for a brace"
					return ast.WalkStop, nil
				}
			}
			if i := lookalike(s); i >= 0 {
				off, msg = n.Segment.Start+i, "this looks like an audience mark but is text"
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return off, msg
}

// candidate checks what the candidate reads: no placeholder, whose blank
// would show as a hole, and no reference link whose address is defined
// where the candidate cannot read it.
func (c *checker) candidate(doc ast.Node) {
	refs, at, seen := c.candidateView(doc)
	if len(refs) == 0 {
		return // most pages have none: no definition to look for
	}
	first := map[string]ast.Node{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if d, ok := n.(*ast.LinkReferenceDefinition); ok && entering {
			if l := string(util.ToLinkReference(d.Label)); first[l] == nil {
				first[l] = d
			}
		}
		return ast.WalkContinue, nil
	})
	for i, r := range refs {
		if d := first[string(util.ToLinkReference(r.Value))]; d != nil && !seen[d] {
			c.add(at[i], fmt.Sprintf("the link [%s] is in text the candidate reads, but its address is defined where they cannot read it", r.Value),
				"define the reference in a part the candidate reads, or write the address inline")
		}
	}
}

// candidateView reports the placeholders in the candidate's view of doc,
// and returns the reference links in it, with where each stands, and the
// definitions it holds.
func (c *checker) candidateView(doc ast.Node) (refs []*ast.ReferenceLink, at []int, seen map[ast.Node]bool) {
	v := Prune(doc, c.src, Candidate)
	defer v.Restore()
	for _, p := range v.Blanked {
		c.add(p.Pos(), fmt.Sprintf("[%s] is in text the candidate reads, which would show a hole there", p.Label),
			"reword the candidate's text, or move the line into a ::: panel block")
	}
	seen = map[ast.Node]bool{}
	_ = ast.Walk(v.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.LinkReferenceDefinition:
			seen[n] = true
		case *ast.Link:
			if n.Reference != nil {
				refs, at = append(refs, n.Reference), append(at, textPos(n))
			}
		case *ast.Image:
			if n.Reference != nil {
				refs, at = append(refs, n.Reference), append(at, textPos(n))
			}
		}
		return ast.WalkContinue, nil
	})
	return refs, at, seen
}

// textPos is where a link's text starts, for its line and column.
func textPos(n ast.Node) int {
	if off := markdown.TextStart(n); off >= 0 {
		return off
	}
	return n.Pos()
}
