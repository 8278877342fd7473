package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A task list item's box is a checkbox the reader can tick, and its text
// is the box's label: GFM's disabled box without one is a form control no
// screen reader can name, and a box that cannot be ticked on screen. The
// panel guide keeps what is ticked (assets/js/guide.js).
type taskRenderer struct {
	// base renders paragraphs and text blocks as goldmark does; the label
	// goes around their inlines.
	base map[ast.NodeKind]renderer.NodeRendererFunc
}

type funcs map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcs) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

func newTaskRenderer() taskRenderer {
	base := funcs{}
	html.NewRenderer().RegisterFuncs(base)
	return taskRenderer{base: base}
}

func (r taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if n.(*east.TaskCheckBox).IsChecked {
				_, _ = w.WriteString(`<input type="checkbox" checked=""> `)
			} else {
				_, _ = w.WriteString(`<input type="checkbox"> `)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, kind := range []ast.NodeKind{ast.KindParagraph, ast.KindTextBlock} {
		base := r.base[kind]
		reg.Register(kind, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if _, task := n.FirstChild().(*east.TaskCheckBox); !task {
				return base(w, src, n, entering)
			}
			// The label holds the block's inlines: inside <p> in a loose
			// list, before the text block's line break in a tight one.
			if entering {
				s, err := base(w, src, n, entering)
				_, _ = w.WriteString(`<label class="kg-task">`)
				return s, err
			}
			_, _ = w.WriteString(`</label>`)
			return base(w, src, n, entering)
		})
	}
}

type tasks struct{}

// TaskLabels renders GFM task lists as checkboxes labelled by their text.
var TaskLabels goldmark.Extender = tasks{}

func (tasks) Extend(m goldmark.Markdown) {
	// Before GFM's task renderer and goldmark's HTML renderer (500, 1000):
	// the lowest priority number is registered last and wins.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newTaskRenderer(), 100)))
}
