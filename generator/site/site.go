// Package site runs the pipeline: load content, parse and render every page
// for each audience in parallel, and write the result — to disk for a build,
// atomically, or anywhere else through Output.
package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"kitgen/generator/audience"
	"kitgen/generator/check"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/gate"
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

// newGenerator reads the config and theme of the site in src.
func newGenerator(src string, trees Trees) (*generator, diag.List) {
	var errs diag.List
	cfg, err := LoadConfig(src)
	if err != nil {
		errs.Add(err)
		return nil, errs
	}
	th, err := theme.Open(src, cfg.Theme)
	if err != nil {
		errs.Add(err)
		return nil, errs
	}
	g := &generator{trees: trees, th: th, site: &render.Site{Title: cfg.Title, BaseURL: cfg.BaseURL}, katas: content.IndexKatas(nil)}
	g.render, err = render.New(th, g.site, g.katas)
	if err != nil {
		errs.Add(err)
		return nil, errs
	}
	if cfg.Accommodations != "" {
		if g.site.Accommodations, err = render.Markdown(g.render.Markdown(), []byte(cfg.Accommodations)); err != nil {
			errs.Add(err)
		}
	}
	return g, errs
}

type generator struct {
	katas  *content.Katas
	trees  Trees
	th     *theme.Theme
	site   *render.Site
	render *render.Renderer
	pages  atomic.Int64
}

// entry is what the index pages list of a page.
type entry struct {
	page  *content.Page
	refs  []content.Ref
	title string
	total string
	// prepTotal is the total of the candidate's agenda.
	prepTotal string
	ok        bool
	// gate is what the leak gate knows of the page.
	gate *gate.Source
}

func hasPrep(p *content.Page) bool { return p.Visibility != audience.Private }

func (g *generator) write(out Output, name string, data []byte) error {
	g.pages.Add(1)
	return out.WriteFile(name, data)
}

func (g *generator) page(p *content.Page, out Output) (entry, diag.List) {
	o, errs := g.render.Parse(p)
	e := entry{page: p, title: o.Doc.Title, total: o.Total(), refs: o.Doc.Refs}
	if errs.HasErrors() {
		return e, errs
	}
	errs = append(errs, lint(check.Page(p, o.Doc, g.katas))...)
	if g.trees.Has(audience.Candidate) && hasPrep(p) {
		v, b, err := g.render.PrepPage(o, hasPrep)
		if err == nil {
			e.prepTotal = v.Total
			err = g.write(out, path.Join("prep", content.Dir(p), "index.html"), b)
		}
		errs.Add(err)
	}
	if g.trees.Has(audience.Panel) {
		b, err := g.render.PanelPage(o)
		if err == nil {
			err = g.write(out, path.Join("panel", content.Dir(p), "index.html"), b)
		}
		errs.Add(err)
	}
	if g.trees.Has(audience.Candidate) {
		e.gate = gate.Learn(p, o.Doc, hasPrep(p))
	}
	e.ok = !errs.HasErrors()
	return e, errs
}

// lint turns the linter's findings into the build's warnings: the build
// shows what kitgen check finds, notes aside, and fails only on what stops
// it from rendering; kitgen check is the gate.
func lint(l diag.List) diag.List {
	l = check.Filter(l, diag.Warning)
	for _, d := range l {
		d.Severity = diag.Warning
	}
	return l
}

// IndexEntry is a row of an index page.
type IndexEntry struct {
	Title, ID, Href, Domain, Total, Visibility string
}

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
		panel.Kits = append(panel.Kits, IndexEntry{Title: title, ID: p.ID, Href: p.Slug + "/", Domain: render.Humanize(p.Text("domain")), Total: e.total, Visibility: vis})
		if p.Visibility == audience.Public {
			prep.Kits = append(prep.Kits, IndexEntry{Title: render.PrepTitle(p), Href: p.Slug + "/", Total: e.prepTotal})
		}
	}
	return panel, prep
}

// indexes writes the index pages and the assets.
func (g *generator) indexes(panel, prep *listPage, out Output) error {
	var errs diag.List
	for _, t := range []struct {
		tree     string
		reader   audience.Audience
		template string
		data     *listPage
	}{
		{"panel", audience.Panel, "panel/list.html", panel},
		{"prep", audience.Candidate, "prep/list.html", prep},
	} {
		if !g.trees.Has(t.reader) {
			continue
		}
		b, err := g.render.Execute(t.template, t.data)
		if err == nil {
			err = g.write(out, t.tree+"/index.html", b)
		}
		errs.Add(err)
		errs.Add(g.assets(t.tree, out))
	}
	root := &listPage{Site: g.site, Root: "./", Panel: g.trees.Has(audience.Panel), Prep: g.trees.Has(audience.Candidate)}
	b, err := g.render.Execute("index.html", root)
	if err == nil {
		err = out.WriteFile("index.html", b)
	}
	errs.Add(err)
	errs.Add(g.assets("", out))
	return errs.Err()
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

// assets copies the theme's static files into tree/assets. Each tree gets
// its own copy so that the prep tree can be served alone. favicon.ico goes
// to the tree's root instead, where browsers ask for it whatever a page
// links.
func (g *generator) assets(tree string, out Output) error {
	for _, f := range g.th.Files("static") {
		b, err := g.th.ReadFile(f)
		if err != nil {
			return err
		}
		name := path.Join(tree, "assets", strings.TrimPrefix(f, "static/"))
		if f == "static/favicon.ico" {
			name = path.Join(tree, "favicon.ico")
		}
		if err := out.WriteFile(name, b); err != nil {
			return fmt.Errorf("asset %s: %w", f, err)
		}
	}
	return nil
}
