package render

import (
	"html/template"
	"sort"

	"kitgen/generator/audience"
	"kitgen/generator/content"
)

// Listed is what the index pages list of one page that built.
type Listed struct {
	Page *content.Page
	// Title is the panel's title, the `#` heading; Total the sum of the
	// time boxes, PrepTotal that of the candidate's agenda.
	Title, Total, PrepTotal string
}

// Index is the view model of an index page.
type Index struct {
	Site        *Site
	Root        string
	Kits        []IndexEntry
	Katas       []KataLink
	Panel, Prep bool
	Noindex     bool
}

// IndexEntry is a row of an index page.
type IndexEntry struct {
	Title, ID, Href, Domain, Total, Visibility string
}

// BreakableID is the id, breakable only after its separators.
func (e IndexEntry) BreakableID() template.HTML { return breakable(e.ID) }

// Indexes are the index pages' view models, the panel's and the
// candidates', of listed in path order. The candidates' lists only what
// is public, by what a candidate may read of it.
func (r *Renderer) Indexes(listed []Listed) (panel, prep *Index) {
	sort.Slice(listed, func(i, j int) bool { return listed[i].Page.Path < listed[j].Page.Path })
	panel = &Index{Site: r.site, Root: "./", Noindex: true}
	prep = &Index{Site: r.site, Root: "./"}
	for _, e := range listed {
		p := e.Page
		if p.Kind == content.Kata {
			k := KataLink{Title: firstOf(p.Text("title"), p.ID), ID: p.ID, Level: p.Text("level"), Href: content.Dir(p) + "/"}
			panel.Katas = append(panel.Katas, k)
			if p.Visibility == audience.Public {
				prep.Katas = append(prep.Katas, candidateKataLink(p, k.Href))
			}
			continue
		}
		vis := map[audience.Visibility]string{audience.Public: "listed", audience.Unlisted: "unlisted", audience.Private: "none"}[p.Visibility]
		panel.Kits = append(panel.Kits, IndexEntry{Title: firstOf(e.Title, p.ID), ID: p.ID, Href: p.Slug + "/", Domain: content.Humanize(p.Text("domain")), Total: e.Total, Visibility: vis})
		if p.Visibility == audience.Public {
			prep.Kits = append(prep.Kits, IndexEntry{Title: content.CandidateTitle(p), Href: p.Slug + "/", Total: e.PrepTotal})
		}
	}
	return panel, prep
}

// RootIndexOf is the view model of the site's root page, which links the
// trees built.
func (r *Renderer) RootIndexOf(panel, prep bool) *Index {
	return &Index{Site: r.site, Root: "./", Panel: panel, Prep: prep}
}
