// Package markdown holds kitgen's markdown dialect: goldmark with GFM,
// heading attributes, and kitgen's own extensions — `:::`
// containers, [Placeholder] blanks, chroma highlighting, and the ruled
// Notes space the panel guide adds. Raw HTML is never passed through.
package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// New returns the markdown converter every kitgen page goes through.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, Containers, Placeholders, Highlighting, NotesSpace, AutoLinkClass, TaskLabels),
		// Heading ids are not made here: audience.Prune makes them from
		// what each reader sees.
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}
