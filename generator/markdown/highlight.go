package markdown

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	// cache maps language and code to HTML. Chroma's regexp lexers take
	// about a millisecond for ten lines, and kits are often written from
	// one template, with the same snippets in many of them.
	cache sync.Map
	// lexers maps a language's name to its lexer: chroma's lookup matches
	// the name against every lexer's file patterns, a few milliseconds a
	// block, and a kit of a thousand unnamed blocks took seconds.
	lexers sync.Map
}

// lexer is the lexer of language lang, the fallback when it has none.
func (h *highlighter) lexer(lang string) chroma.Lexer {
	if lang == "" {
		return lexers.Fallback
	}
	if l, ok := h.lexers.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	h.lexers.Store(lang, l)
	return l
}

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true)),
		// With classes the formatter writes no colour: the stylesheet,
		// themes/default/static/css/highlight.css, has them.
		style: chroma.MustNewStyle("kitgen", chroma.StyleEntries{}),
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
	lexer := h.lexer(string(lang))
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

// Highlighting renders fenced code blocks with chroma and CSS classes; the
// theme's highlight.css, which styles them, is written from chroma by
// highlight_css_test.go.
var Highlighting goldmark.Extender = highlighting{}

func (highlighting) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newHighlighter(), 100)))
}
