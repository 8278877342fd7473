// Package site runs the pipeline. Each step has its file:
//
//	load.go    the config, the theme and the sources
//	parse.go   each page's markdown and outline
//	render.go  each page for each reader: render cuts the document down to
//	           what the reader may read (audience.Prune) and fills in the
//	           templates
//	lint.go    what kitgen check finds, shown by the build
//	index.go   the index pages and the theme's files
//	gate.go    the leak gate, last
//	write.go   where files go: an Output, recorded
//
// live.go strings them together, for a one-off build and for serve alike:
// Live keeps what each page was made of (deps.go), so that a change renders
// exactly the pages that depend on it. build.go puts a site on disk,
// atomically.
package site

import (
	"sync/atomic"
	"time"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/render"
	"kitgen/generator/theme"
)

// Output receives the built files; names are slash paths below the site.
// WriteFile is called from several goroutines at once.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Stats counts what a build made and where its time went.
type Stats struct {
	Kits, Katas, Pages int
	// Spliced are the pages of Pages only whose {{cached}} parts were
	// made again.
	Spliced int
	// Render includes writing the pages, which happens as each is
	// rendered; Gate is the leak gate's part of the time after rendering.
	Load, Render, Swap, Gate time.Duration
	// Warnings are findings that do not stop the build.
	Warnings diag.List
}

// Trees says which sites to build: audience.Panel, audience.Candidate or
// both.
type Trees = audience.Audience

// Generate builds the site in src into out.
func Generate(src string, trees Trees, out Output) (Stats, diag.List) {
	l := &Live{src: src, trees: trees, out: out}
	return l.Rebuild()
}

// generator is what every step shares: the config, the theme, the
// renderer and the kata index. Steps read it from many goroutines; only
// Live changes it, between steps.
type generator struct {
	cfg    Config
	katas  *content.Katas
	trees  Trees
	th     *theme.Theme
	site   *render.Site
	render *render.Renderer
	// pages counts the pages rendered since Live last asked, and spliced
	// those of them only spliced.
	pages, spliced atomic.Int64
}

func hasPrep(p *content.Page) bool { return p.Visibility != audience.Private }
