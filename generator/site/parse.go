package site

import (
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/render"
)

// parse parses page p: its markdown, outline and clock. The outline owns
// the document: the steps after it use it from the one goroutine that
// parsed it.
func (g *generator) parse(p *content.Page) (*render.Outline, diag.List) {
	return g.render.Parse(p)
}
