package site

import (
	"kitgen/generator/content"
	"kitgen/generator/diag"
)

// parse parses page p: its markdown, outline and clock. The steps after
// it use the document from the one goroutine that parsed it.
func (g *generator) parse(p *content.Page) (*content.Doc, diag.List) {
	return content.Parse(g.render.Markdown(), p, g.katas)
}
