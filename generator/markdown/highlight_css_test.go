package markdown

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

var update = flag.Bool("update", false, "rewrite the theme's highlight.css from chroma's styles")

// Highlight styles: a light one, and a dark one for readers who prefer it.
// Print always takes the light one.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// writeCSS writes the stylesheet for the classes the highlighter writes.
// It is made here and kept in the theme, not made on each build: loading
// chroma's styles costs every run of kitgen 9 ms, and in the theme a site
// can override it.
//
// Each style has a media query of its own, and the two never both apply:
// a style leaves out the classes whose colour is its text colour, so a
// light rule left in force in the dark (github's names, #1f2328) would be
// dark on dark, 1.19:1.
func writeCSS(w io.Writer) error {
	f := chromahtml.New(chromahtml.WithClasses(true))
	for _, s := range []struct{ media, style string }{
		{"not screen and (prefers-color-scheme: dark)", lightStyle},
		{"screen and (prefers-color-scheme: dark)", darkStyle},
	} {
		if _, err := io.WriteString(w, "@media "+s.media+" {\n"); err != nil {
			return err
		}
		if err := f.WriteCSS(w, styles.Get(s.style)); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "}\n"); err != nil {
			return err
		}
	}
	return nil
}

func TestThemeHighlightCSSMatchesChroma(t *testing.T) {
	var want bytes.Buffer
	if err := writeCSS(&want); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("..", "..", "themes", "default", "static", "css", "highlight.css")
	if *update {
		if err := os.WriteFile(file, want.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("%s is not what chroma's %s and %s styles give; run go test ./generator/markdown -update", file, lightStyle, darkStyle)
	}
}
