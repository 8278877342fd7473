package markdown

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Highlight styles: a light one, and a dark one for readers who prefer it.
// Print always takes the light one.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	// cache maps language and code to HTML. Chroma's regexp lexers take
	// about a millisecond for ten lines, and kits are often written from
	// one template, with the same snippets in many of them.
	cache sync.Map
}

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true)),
		style:     styles.Get(lightStyle),
	}
}

func (h *highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
}

func (h *highlighter) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(source))
	}
	lang := n.Language(source)
	key := string(lang) + "\x00" + code.String()
	if html, ok := h.cache.Load(key); ok {
		_, err := w.Write(html.([]byte))
		return ast.WalkSkipChildren, err
	}
	lexer := lexers.Get(string(lang))
	if lexer == nil {
		lexer = lexers.Fallback
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, fmt.Errorf("highlight %s: %w", lang, err)
	}
	var html bytes.Buffer
	if err := h.formatter.Format(&html, h.style, it); err != nil {
		return ast.WalkStop, err
	}
	h.cache.Store(key, html.Bytes())
	if _, err := w.Write(html.Bytes()); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}

type highlighting struct{}

// Highlighting renders fenced code blocks with chroma and CSS classes;
// WriteCSS writes the matching stylesheet.
var Highlighting goldmark.Extender = highlighting{}

func (highlighting) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newHighlighter(), 100)))
}

// WriteCSS writes the highlighting stylesheet: the light style, and the dark
// one for screens whose reader prefers dark.
func WriteCSS(w io.Writer) error {
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.WriteCSS(w, styles.Get(lightStyle)); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "@media screen and (prefers-color-scheme: dark) {\n"); err != nil {
		return err
	}
	if err := f.WriteCSS(w, styles.Get(darkStyle)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "}\n")
	return err
}
