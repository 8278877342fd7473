package site

import (
	"maps"
	"slices"

	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/render"
	"kitgen/generator/theme"
)

// setup reads the config and the theme of the site in src, and parses the
// theme's templates.
func setup(src string, trees Trees) (*generator, diag.List) {
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
	g := &generator{trees: trees, th: th, site: &render.Site{}, katas: content.IndexKatas(nil)}
	if g.render, err = render.New(th, g.site, g.katas); err != nil {
		errs.Add(err)
		return nil, errs
	}
	if _, err := g.configure(cfg); err != nil {
		errs.Add(err)
		return nil, errs
	}
	return g, errs
}

// configure takes cfg's settings into the site every page sees, and
// returns the fields of render.Site that changed.
func (g *generator) configure(cfg Config) (changed []string, err error) {
	next := render.Site{Title: cfg.Title, BaseURL: cfg.BaseURL}
	if cfg.Accommodations != "" {
		if next.Accommodations, err = render.Markdown(g.render.Markdown(), []byte(cfg.Accommodations)); err != nil {
			return nil, err
		}
	}
	if next.Title != g.site.Title {
		changed = append(changed, "Title")
	}
	if next.BaseURL != g.site.BaseURL {
		changed = append(changed, "BaseURL")
	}
	if next.Accommodations != g.site.Accommodations {
		changed = append(changed, "Accommodations")
	}
	*g.site, g.cfg = next, cfg
	return changed, nil
}

// read loads the pages at paths, in parallel.
func (l *Live) read(paths []string) {
	pages, errs := content.ReadPages(l.src, paths)
	for i, p := range paths {
		s := &source{page: pages[i]}
		s.errs.Add(errs[i])
		l.sources[p] = s
	}
}

// site is every page that loaded, in path order, with the kata index set
// to its katas.
func (l *Live) site() *content.Site {
	paths := slices.Sorted(maps.Keys(l.sources))
	pages := make([]*content.Page, 0, len(paths))
	for _, p := range paths {
		pages = append(pages, l.sources[p].page)
	}
	s := content.NewSite(pages)
	l.g.katas.Set(s.Katas)
	return s
}
