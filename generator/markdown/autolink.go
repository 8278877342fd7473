package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// URLClass marks links whose text is their address, bare URLs and
// <https://…>: print rules that write a link's address after it leave
// these alone, which would otherwise print the address twice.
const URLClass = "kg-url"

type autolinkMarker struct{}

func (autolinkMarker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindAutoLink {
			n.SetAttributeString("class", []byte(URLClass))
		}
		return ast.WalkContinue, nil
	})
}

type autolinks struct{}

// AutoLinkClass gives autolinks the class URLClass.
var AutoLinkClass goldmark.Extender = autolinks{}

func (autolinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(autolinkMarker{}, 500)))
}
