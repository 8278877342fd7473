package site

import (
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/gate"
	"kitgen/generator/render"
)

// entry is what the index pages list of a page.
type entry struct {
	page  *content.Page
	refs  []content.Ref
	title string
	total string
	// prepTotal is the total of the candidate's agenda.
	prepTotal string
	ok        bool
}

// IndexEntry is a row of an index page.
type IndexEntry struct {
	Title, ID, Href, Domain, Total, Visibility string
}

// BreakableID is the id, breakable only after its separators.
func (e IndexEntry) BreakableID() template.HTML { return render.Breakable(e.ID) }

type listPage struct {
	Site        *render.Site
	Root        string
	Kits        []IndexEntry
	Katas       []render.KataLink
	Panel, Prep bool
	Noindex     bool
}

// lists are the index pages' data: the panel's and the candidates'.
func (g *generator) lists(entries []entry) (panel, prep *listPage) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].page.Path < entries[j].page.Path })
	panel = &listPage{Site: g.site, Root: "./", Noindex: true}
	prep = &listPage{Site: g.site, Root: "./"}
	for _, e := range entries {
		p := e.page
		if !e.ok {
			continue
		}
		if p.Kind == content.Kata {
			k := render.KataLink{Title: p.Text("title"), ID: p.ID, Level: p.Text("level"), Href: content.Dir(p) + "/"}
			if k.Title == "" {
				k.Title = p.ID
			}
			panel.Katas = append(panel.Katas, k)
			if p.Visibility == audience.Public {
				prep.Katas = append(prep.Katas, render.CandidateKataLink(p, k.Href))
			}
			continue
		}
		vis := map[audience.Visibility]string{audience.Public: "listed", audience.Unlisted: "unlisted", audience.Private: "none"}[p.Visibility]
		title := e.title
		if title == "" {
			title = p.ID
		}
		panel.Kits = append(panel.Kits, IndexEntry{Title: title, ID: p.ID, Href: p.Slug + "/", Domain: content.Humanize(p.Text("domain")), Total: e.total, Visibility: vis})
		if p.Visibility == audience.Public {
			prep.Kits = append(prep.Kits, IndexEntry{Title: content.CandidateTitle(p), Href: p.Slug + "/", Total: e.prepTotal})
		}
	}
	return panel, prep
}

// indexes writes the index page of each tree being built, and the root's,
// those whose template is among which.
func (g *generator) indexes(panel, prep *listPage, out Output, which func(template string) bool) error {
	var errs diag.List
	for i, data := range []*listPage{panel, prep} {
		t := trees[i]
		if !g.trees.Has(t.reader) || !which(t.index) {
			continue
		}
		b, err := g.render.Execute(t.index, data)
		if err == nil {
			g.pages.Add(1)
			err = out.WriteFile(t.dir+"/index.html", b)
		}
		errs.Add(err)
	}
	if !which(render.RootIndex) {
		return errs.Err()
	}
	root := &listPage{Site: g.site, Root: "./", Panel: g.trees.Has(audience.Panel), Prep: g.trees.Has(audience.Candidate)}
	b, err := g.render.Execute(render.RootIndex, root)
	if err == nil {
		g.pages.Add(1)
		err = out.WriteFile("index.html", b)
	}
	errs.Add(err)
	return errs.Err()
}

// assets copies the theme's static files into each tree's assets/ and the
// root's. Each tree gets its own copy so that the prep tree can be served
// alone. favicon.ico goes to a tree's root instead, where browsers ask for
// it whatever a page links.
func (g *generator) assets(out Output) error {
	dirs := []string{""}
	for _, t := range trees {
		if g.trees.Has(t.reader) {
			dirs = append(dirs, t.dir)
		}
	}
	for _, f := range g.th.Files("static") {
		b, err := g.th.ReadFile(f)
		if err != nil {
			return err
		}
		for _, dir := range dirs {
			name := path.Join(dir, "assets", strings.TrimPrefix(f, "static/"))
			if f == "static/favicon.ico" {
				name = path.Join(dir, "favicon.ico")
			}
			if err := out.WriteFile(name, b); err != nil {
				return fmt.Errorf("asset %s: %w", f, err)
			}
		}
	}
	return nil
}

// allowed is the text of the theme and the config, fingerprinted: words
// the candidate may read on any page, whatever the sources say.
func (g *generator) allowed() []gate.Fingerprint {
	out := []gate.Fingerprint{gate.Scan("", []byte(g.site.Title)), gate.Scan(".html", []byte(g.site.Accommodations))}
	for _, dir := range []string{"layouts", "static"} {
		for _, f := range g.th.Files(dir) {
			if b, err := g.th.ReadFile(f); err == nil && utf8.Valid(b) {
				out = append(out, gate.Scan(f, b))
			}
		}
	}
	return out
}
