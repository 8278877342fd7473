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

// MaxContainerDepth bounds how deep containers nest. goldmark offers every
// line to every open block, so each level of nesting costs a call per
// line: past a depth no author needs, a fence is an error, not a level.
const MaxContainerDepth = 16

// Container is a fenced block, `::: panel` … `:::`. Containers nest: a
// closing fence closes the innermost open one. The parser takes every line
// that looks like a fence, valid or not, so that nothing that looks like
// one is ever read as text; what a fence may say is up to the audience
// rules, which report the rest as errors.
type Container struct {
	ast.BaseBlock
	// Info is what follows the opening colons, trimmed.
	Info []byte
	// Name is the first word of Info, lowercased, when Info is that word
	// alone or the word and a title; nil otherwise.
	Name []byte
	// Title is what follows the name, the way Docusaurus and VuePress
	// title an admonition: `:::tip Before you start` or `:::tip[Before
	// you start]`; nil when there is none. Only the containers that take a
	// title may have one (the audience rules say which), and it is plain
	// text, never markdown.
	Title []byte
	// Closed is false when the document, or the block around it, ended
	// before the closing fence.
	Closed bool
	// Stray marks a closing fence with no container open to close; Deep
	// an opening fence past MaxContainerDepth. Both are empty leaves.
	Stray, Deep bool
}

func (n *Container) Kind() ast.NodeKind { return KindContainer }

func (n *Container) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Info": string(n.Info), "Title": string(n.Title)}, nil)
}

type containerParser struct{}

func (containerParser) Trigger() []byte { return []byte{':'} }

func (containerParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	info, ok := Fence(line)
	if !ok {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	c := &Container{Info: info}
	c.Name, c.Title = fenceName(info)
	c.SetPos(seg.Start)
	switch {
	case len(info) == 0:
		c.Stray = true
		return c, parser.NoChildren
	case depth(parent) >= MaxContainerDepth:
		c.Deep = true
		root := parent
		for root.Parent() != nil {
			root = root.Parent()
		}
		root.SetAttributeString(deepAttr, true)
		return c, parser.NoChildren
	}
	return c, parser.HasChildren
}

// deepAttr marks a document that holds a fence past the nesting limit, so
// that who asks need not walk the document to know.
const deepAttr = "kg-deep"

// Deep reports whether doc holds a fence past MaxContainerDepth.
func Deep(doc ast.Node) bool {
	_, ok := doc.AttributeString(deepAttr)
	return ok
}

func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if n.Kind() == KindContainer {
			d++
		}
	}
	return d
}

// Continue closes n on a closing fence that is n's to take: one not inside
// a fenced code block below n, where it is code, and not meant for a
// container open below n. Fences win over indented code and HTML blocks:
// a fence line ends an indented code block anyway, and an HTML block that
// swallowed it would leave the container open past where its author
// closed it.
func (containerParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Container)
	if n.Stray || n.Deep {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	if info, ok := Fence(line); !ok || len(info) > 0 {
		return parser.Continue | parser.HasChildren
	}
	blocks := pc.OpenedBlocks()
	for i := len(blocks) - 1; i >= 0 && blocks[i].Node != n; i-- {
		switch b := blocks[i].Node.(type) {
		case *ast.FencedCodeBlock:
			return parser.Continue | parser.HasChildren
		case *Container:
			// A stray or too-deep fence is a leaf about to close: the
			// fence is n's.
			if !b.Stray && !b.Deep {
				return parser.Continue | parser.HasChildren
			}
		}
	}
	reader.AdvanceToEOL()
	n.Closed = true
	return parser.Close
}

func (containerParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (containerParser) CanInterruptParagraph() bool { return true }

func (containerParser) CanAcceptIndentedLine() bool { return false }

// Fence reports whether line is a fence — at most three spaces, then three
// or more colons — and returns what follows the colons, trimmed of spaces
// and of closing colons: empty for a closing fence.
func Fence(line []byte) (info []byte, ok bool) {
	s := bytes.TrimLeft(line, " ")
	if len(line)-len(s) > 3 || !bytes.HasPrefix(s, []byte(":::")) {
		return nil, false
	}
	s = bytes.TrimLeft(s, ":")
	s = bytes.TrimRight(s, " \t\r\n")
	if t := bytes.TrimRight(s, ":"); len(t) < len(s) && (len(t) == 0 || t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
		s = t
	}
	return bytes.TrimSpace(s), true
}

// fenceName splits info into a name and a title. The name is a word — a
// letter, then letters, digits, '-' or '_' — lowercased; the title is what
// follows it after spaces, or between brackets right after it
// (`tip[Title]`). Anything else after the word (`panel:`, `tip{…}`), or
// no word at all, leaves both nil.
func fenceName(info []byte) (name, title []byte) {
	i := 0
	for ; i < len(info); i++ {
		c := info[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '_')) {
			break
		}
	}
	if i == 0 {
		return nil, nil
	}
	rest := info[i:]
	switch {
	case len(rest) == 0:
	case rest[0] == ' ' || rest[0] == '\t':
		title = bytes.TrimSpace(rest)
		if len(title) >= 2 && title[0] == '[' && title[len(title)-1] == ']' {
			title = bytes.TrimSpace(title[1 : len(title)-1])
		}
	case rest[0] == '[' && rest[len(rest)-1] == ']':
		title = bytes.TrimSpace(rest[1 : len(rest)-1])
	default:
		return nil, nil
	}
	if title == nil && len(rest) > 0 {
		title = []byte{}
	}
	return bytes.ToLower(info[:i]), title
}

// Admonitions are the callout containers of Docusaurus and VuePress, by
// name, with the word a reader sees above the callout. The audience rules
// decide who reads them; here they are only drawn.
var Admonitions = map[string]string{
	"note":    "Note",
	"tip":     "Tip",
	"info":    "Info",
	"caution": "Caution",
	"warning": "Warning",
	"danger":  "Danger",
}

type containerRenderer struct{}

func (containerRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindContainer, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		c := node.(*Container)
		label, admonition := Admonitions[string(c.Name)]
		switch {
		case c.Stray || c.Deep:
			return ast.WalkSkipChildren, nil
		case !entering:
			_, _ = w.WriteString("</div>\n")
		case admonition:
			// A callout is a note to the reader beside the text (role
			// note), labelled by a line that says what kind it is, in
			// words, so that it reads on grey paper and to a screen
			// reader alike.
			_, _ = w.WriteString(`<div class="kg-admonition kg-`)
			_, _ = w.Write(c.Name)
			_, _ = w.WriteString(`" role="note"><p class="kg-admonition-title"><span class="kg-admonition-kind">`)
			_, _ = w.WriteString(label)
			_, _ = w.WriteString(`</span>`)
			if len(c.Title) > 0 {
				_, _ = w.WriteString(` <span class="kg-admonition-name">`)
				_, _ = w.Write(util.EscapeHTML(c.Title))
				_, _ = w.WriteString(`</span>`)
			}
			_, _ = w.WriteString("</p>\n")
		case c.Name == nil || c.Title != nil:
			// A fence that does not read is an error, so the page never
			// ships; a preview shows the block plainly.
			_, _ = w.WriteString("<div>\n")
		default:
			_, _ = w.WriteString(`<div class="kg-`)
			_, _ = w.Write(util.EscapeHTML(c.Name))
			_, _ = w.WriteString("\">\n")
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
