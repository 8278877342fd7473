package site

import (
	"slices"
	"strings"

	"kitgen/generator/content"
)

// What a page is made of, and so what a change must render again:
//
//   - its source file: the page itself, whole;
//   - the katas it refers to (entry.refs): an edit of one renders the
//     pages that name it;
//   - the kata index, the katas' ids and titles, against which every page
//     resolves the mentions in its text: when it changes, every page;
//   - its template's layout files and the fields of the site it reads
//     (theme.Page, read off the parse trees): a layout or config change
//     renders the pages, of one tree or both, whose template uses it;
//   - nothing of the static files, which pages link by a fixed name: a
//     stylesheet edit copies the stylesheet and renders no page.

// change is what a save touched, sorted by what pages are made of.
type change struct {
	content []string
	// layouts are the paths below layouts/ that changed, a folder
	// standing for everything in it, as templates name them: a theme's
	// layouts/x.html is layouts/x.html too.
	layouts []string
	static  bool
	config  bool
	// other is anything else, which builds everything again.
	other bool
}

// classify sorts changed, slash paths below the site, for a site whose
// theme is theme.
func classify(changed []string, theme string) change {
	var c change
	own := "themes/" + theme + "/"
	for _, p := range changed {
		rest, inTheme := strings.CutPrefix(p, own)
		switch {
		case p == "content" || strings.HasPrefix(p, "content/"):
			c.content = append(c.content, p)
		case p == ConfigFile:
			c.config = true
		case p == "layouts" || strings.HasPrefix(p, "layouts/"):
			c.layouts = append(c.layouts, p)
		case inTheme && (rest == "layouts" || strings.HasPrefix(rest, "layouts/")):
			c.layouts = append(c.layouts, rest)
		case p == "static" || strings.HasPrefix(p, "static/"), inTheme && (rest == "static" || strings.HasPrefix(rest, "static/")):
			c.static = true
		case strings.HasPrefix(p, "themes/") && !strings.HasPrefix(p, own) && strings.Count(p, "/") > 1:
			// Another theme's file: this site does not use it.
		default:
			c.other = true
		}
	}
	return c
}

// touches reports whether a change to the layout paths changed touches
// one of layouts, the files a template uses.
func touches(changed, layouts []string) bool {
	for _, c := range changed {
		if slices.ContainsFunc(layouts, func(l string) bool { return l == c || strings.HasPrefix(l, c+"/") }) {
			return true
		}
	}
	return false
}

// katasKey is the kata index, as references resolve against it: each
// kata's id and title.
func katasKey(katas []*content.Page) string {
	var b strings.Builder
	for _, k := range katas {
		b.WriteString(k.ID)
		b.WriteByte(0)
		b.WriteString(k.Text("title"))
		b.WriteByte(0)
	}
	return b.String()
}
