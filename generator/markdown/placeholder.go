package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindPlaceholder is the kind of a fill-in blank such as [Interviewer Name].
var KindPlaceholder = ast.NewNodeKind("Placeholder")

// Placeholder is a bracketed label that the panel fills in by hand.
type Placeholder struct {
	ast.BaseInline
	Label []byte
}

func (n *Placeholder) Kind() ast.NodeKind { return KindPlaceholder }

func (n *Placeholder) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": string(n.Label)}, nil)
}

const maxPlaceholder = 60

type placeholderParser struct{}

func (placeholderParser) Trigger() []byte { return []byte{'['} }

func (placeholderParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n := placeholderLen(line)
	if n == 0 {
		return nil
	}
	label := line[1 : n-1]
	if _, isRef := pc.Reference(util.ToLinkReference(label)); isRef {
		return nil
	}
	block.Advance(n)
	p := &Placeholder{Label: label}
	p.SetPos(seg.Start)
	return p
}

// placeholderLen returns the length of the placeholder that line starts
// with, or 0. A placeholder starts with a capital letter, holds words, and
// is not a link: `[Name](url)`, `[Name][ref]` and `[Name]:` are left alone.
func placeholderLen(line []byte) int {
	if len(line) < 4 || line[0] != '[' || line[1] < 'A' || line[1] > 'Z' {
		return 0
	}
	for i := 2; i < len(line) && i <= maxPlaceholder+1; i++ {
		c := line[i]
		switch {
		case c == ']':
			if i < 3 || line[i-1] == ' ' {
				return 0
			}
			if i+1 < len(line) && (line[i+1] == '(' || line[i+1] == '[' || line[i+1] == ':') {
				return 0
			}
			return i + 1
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == ' ', c == '-', c == '\'', c == '/', c == '.', c == '&', c == '#':
		default:
			return 0
		}
	}
	return 0
}

type placeholderRenderer struct{}

func (placeholderRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPlaceholder, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			label := util.EscapeHTML(node.(*Placeholder).Label)
			_, _ = w.WriteString(`<span class="kg-blank" title="fill in"><span class="kg-blank-label">`)
			_, _ = w.Write(label)
			_, _ = w.WriteString(`</span></span>`)
		}
		return ast.WalkSkipChildren, nil
	})
}

type placeholders struct{}

// Placeholders is the goldmark extension for [Placeholder] fill-in blanks.
var Placeholders goldmark.Extender = placeholders{}

func (placeholders) Extend(m goldmark.Markdown) {
	// After the task-list checkbox parser (0), before links (200).
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(placeholderParser{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(placeholderRenderer{}, 500)))
}
