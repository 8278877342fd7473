package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindNotes is the kind of ruled space for handwritten notes.
var KindNotes = ast.NewNodeKind("Notes")

// Notes is ruled space for the panel's pen. No markdown makes one: the
// panel guide puts them after its questions before it renders.
type Notes struct {
	ast.BaseBlock
	// Ruled is the number of ruled lines.
	Ruled int
}

// NewNotes returns a notes block of n ruled lines.
func NewNotes(n int) *Notes { return &Notes{Ruled: n} }

func (n *Notes) Kind() ast.NodeKind { return KindNotes }

func (n *Notes) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Ruled": strconv.Itoa(n.Ruled)}, nil)
}

type notesRenderer struct{}

// The lines are elements with a bottom border rather than a background:
// browsers print borders whatever their "background graphics" setting.
func (notesRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindNotes, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="kg-notes" aria-hidden="true">`)
			for range node.(*Notes).Ruled {
				_, _ = w.WriteString(`<span></span>`)
			}
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindQuestion, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="kg-question">` + "\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}

type notes struct{}

// NotesSpace renders Notes and Question blocks.
var NotesSpace goldmark.Extender = notes{}

func (notes) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(notesRenderer{}, 500)))
}

// KindQuestion is the kind of a question block with its notes.
var KindQuestion = ast.NewNodeKind("Question")

// Question holds a question written as a paragraph and the notes after
// it, so that the page keeps the two together on paper. No markdown
// makes one: the panel guide wraps its questions before it renders.
type Question struct{ ast.BaseBlock }

// NewQuestion returns an empty question block.
func NewQuestion() *Question { return &Question{} }

func (n *Question) Kind() ast.NodeKind { return KindQuestion }

func (n *Question) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
