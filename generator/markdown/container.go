package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindContainer is the kind of a fenced container, `::: name` … `:::`.
var KindContainer = ast.NewNodeKind("Container")

// Container is a fenced block, `::: panel` … `:::`. Containers nest: a
// closing fence closes the innermost open one. Name is what follows the
// opening fence; what it means is up to the audience rules.
type Container struct {
	ast.BaseBlock
	Name []byte
	// Closed is false when the document ended before the closing fence.
	Closed bool
	nested int
}

func (n *Container) Kind() ast.NodeKind { return KindContainer }

func (n *Container) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": string(n.Name)}, nil)
}

type containerParser struct{}

func (containerParser) Trigger() []byte { return []byte{':'} }

func (containerParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	name, ok := fenceName(line)
	if !ok || len(name) == 0 {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &Container{Name: name}, parser.HasChildren
}

func (containerParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Container)
	if insideLiteral(n, pc) {
		return parser.Continue | parser.HasChildren
	}
	line, _ := reader.PeekLine()
	name, ok := fenceName(line)
	switch {
	case !ok:
	case len(name) > 0:
		// Every open container sees the opening line of a nested one and
		// must then let the nested one take the next closing fence.
		n.nested++
	case n.nested > 0:
		n.nested--
	default:
		reader.AdvanceToEOL()
		n.Closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// insideLiteral reports whether a code or HTML block is open below n: a
// fence line there is text, not a fence.
func insideLiteral(n ast.Node, pc parser.Context) bool {
	blocks := pc.OpenedBlocks()
	for i := len(blocks) - 1; i >= 0 && blocks[i].Node != n; i-- {
		switch blocks[i].Node.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return true
		}
	}
	return false
}

func (containerParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (containerParser) CanInterruptParagraph() bool { return true }

func (containerParser) CanAcceptIndentedLine() bool { return false }

// fenceName parses a fence line: ok when the line is one, name empty for a
// closing fence.
func fenceName(line []byte) (name []byte, ok bool) {
	s := bytes.TrimLeft(line, " ")
	if len(line)-len(s) > 3 || !bytes.HasPrefix(s, []byte(":::")) {
		return nil, false
	}
	s = bytes.TrimLeft(s, ":")
	s = bytes.TrimSpace(s)
	s = bytes.TrimRight(s, ": ")
	for i, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '_')) {
			return nil, false
		}
	}
	return bytes.ToLower(s), true
}

type containerRenderer struct{}

func (containerRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindContainer, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="kg-`)
			_, _ = w.Write(util.EscapeHTML(node.(*Container).Name))
			_, _ = w.WriteString("\">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}

type containers struct{}

// Containers is the goldmark extension for `::: name` fenced containers.
var Containers goldmark.Extender = containers{}

func (containers) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(containerParser{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(containerRenderer{}, 500)))
}
