package markdown

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
)

// ATX reports whether h was written with #s (`## Title`) rather than as a
// setext heading, a paragraph underlined with === or ---.
func ATX(h *ast.Heading, src []byte) bool {
	if h.Lines().Len() == 0 {
		return true // only an ATX heading can be empty
	}
	start := h.Lines().At(0).Start
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	return bytes.IndexByte(src[lineStart:start], '#') >= 0
}

// HeadingTail returns what stands on a heading's last line after its text:
// the attribute block goldmark took off it, closing #s, trimmed of spaces;
// and its offset in src.
func HeadingTail(h *ast.Heading, src []byte) (tail []byte, off int) {
	if h.Lines().Len() == 0 {
		return nil, 0
	}
	stop := h.Lines().At(h.Lines().Len() - 1).Stop
	end := bytes.IndexByte(src[stop:], '\n')
	if end < 0 {
		end = len(src) - stop
	}
	line := src[stop : stop+end]
	trimmed := bytes.TrimLeft(line, " \t")
	return bytes.TrimRight(trimmed, " \t\r"), stop + len(line) - len(trimmed)
}

// Text appends to b the text a reader sees of n: its text and code spans,
// each placeholder written as blank(label).
func Text(b []byte, n ast.Node, src []byte, blank func(b, label []byte) []byte) []byte {
	// A block's text is about as long as its lines: room for them at once
	// spares the appends growing b a few times over, for every block.
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l.Len() > 0 {
			b = slices.Grow(b, l.At(l.Len()-1).Stop-l.At(0).Start)
		}
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *Placeholder:
			b = blank(b, c.Label)
		case *ast.Text:
			b = append(b, c.Segment.Value(src)...)
			if c.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b = append(b, t.Segment.Value(src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b
}

// TextStart is where n's first text starts, -1 when it has none: an inline
// node such as a link has no position of its own to give its line.
func TextStart(n ast.Node) int {
	for k := n.FirstChild(); k != nil; k = k.FirstChild() {
		if t, ok := k.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return -1
}
