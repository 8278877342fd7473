package site

import (
	"fmt"
	"path"
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

// listedOf is what the index pages list: the pages that built.
func listedOf(entries []entry) []render.Listed {
	var out []render.Listed
	for _, e := range entries {
		if e.ok {
			out = append(out, render.Listed{Page: e.page, Title: e.title, Total: e.total, PrepTotal: e.prepTotal})
		}
	}
	return out
}

// indexes writes the index page of each tree being built, and the root's,
// those whose template is among which. They are rendered side by side: a
// thousand kits' lists are the build's last pages, and one core would
// render them while the other waits.
func (g *generator) indexes(panel, prep *render.Index, out Output, which func(template string) bool) error {
	type index struct {
		name, template string
		data           any
	}
	var todo []index
	for i, data := range []*render.Index{panel, prep} {
		if t := trees[i]; g.trees.Has(t.reader) && which(t.index) {
			todo = append(todo, index{t.dir + "/index.html", t.index, data})
		}
	}
	if which(render.RootIndex) {
		root := g.render.RootIndexOf(g.trees.Has(audience.Panel), g.trees.Has(audience.Candidate))
		todo = append(todo, index{"index.html", render.RootIndex, root})
	}
	pages := make([]render.Output, len(todo))
	errs := make([]error, len(todo))
	each(len(todo), func(i int) { pages[i], errs[i] = g.render.Execute(todo[i].template, todo[i].data) })
	var all diag.List
	for i, x := range todo {
		if errs[i] == nil {
			g.pages.Add(1)
			errs[i] = out.WriteFile(x.name, pages[i].HTML)
		}
		all.Add(errs[i])
	}
	return all.Err()
}

// assets copies the theme's static files into each tree's assets/ and the
// root's. Each tree gets its own copy so that the prep tree can be served
// alone. favicon.ico goes to a tree's root instead, where browsers ask for
// it whatever a page links. It returns the names of every copy; it writes
// only the files of which fresh says they changed.
func (g *generator) assets(out Output, fresh func(f string, b []byte) bool) ([]string, error) {
	dirs := []string{""}
	for _, t := range trees {
		if g.trees.Has(t.reader) {
			dirs = append(dirs, t.dir)
		}
	}
	var names []string
	for _, f := range g.th.Files("static") {
		b, err := g.th.ReadFile(f)
		if err != nil {
			return names, err
		}
		write := fresh(f, b)
		for _, dir := range dirs {
			if runnerFile(f) && dir != "prep" {
				continue
			}
			name := path.Join(dir, "assets", strings.TrimPrefix(f, "static/"))
			if f == "static/favicon.ico" {
				name = path.Join(dir, "favicon.ico")
			}
			names = append(names, name)
			if !write {
				continue
			}
			if err := out.WriteFile(name, b); err != nil {
				return names, fmt.Errorf("asset %s: %w", f, err)
			}
		}
	}
	return names, nil
}

// runnerFile reports whether static file f is the kata runner's: the
// candidate's pages have the runner, and the panel's link to it there,
// so no other tree carries its two megabytes.
func runnerFile(f string) bool {
	return strings.HasPrefix(f, "static/js/kata/") || f == "static/css/kata.css"
}

// allowed is the text of the theme and the config, fingerprinted, by
// file: words the candidate may read on any page, whatever the sources
// say. print fingerprints one of the theme's files.
func (g *generator) allowed(print func(f string, b []byte) gate.Fingerprint) map[string]gate.Fingerprint {
	out := map[string]gate.Fingerprint{
		"config title":          gate.Scan("", []byte(g.site.Title)),
		"config accommodations": gate.Scan(".html", []byte(g.site.Accommodations)),
	}
	for _, dir := range []string{"layouts", "static"} {
		for _, f := range g.th.Files(dir) {
			if b, err := g.th.ReadFile(f); err == nil && utf8.Valid(b) {
				out["theme "+f] = print(f, b)
			}
		}
	}
	return out
}
