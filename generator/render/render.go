// Package render turns parsed pages into HTML for each audience. Each page
// is rendered from its reader's view of the document, cut by audience.Prune:
// the candidate's page, agenda, ids, totals and kata links all come from
// their view and from allow-listed frontmatter, so nothing of the panel's
// is ever in reach of a candidate template.
package render

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/markdown"
	"kitgen/generator/theme"
)

// Site is what every page knows of the site.
type Site struct {
	Title          string
	BaseURL        string
	Accommodations template.HTML
	// PDF is set when the build prints each panel guide to guide.pdf
	// beside it (kitgen build --pdf): the guides link it.
	PDF bool
}

// KataLink is a link to a kata page. Candidates get the title only: a
// kata's id and level are frontmatter outside their allow-list.
type KataLink struct{ Title, ID, Level, Href string }

// Panel is the view model of a panel page.
type Panel struct {
	Site      *Site
	Root      string
	Kind      string
	Title, ID string
	// Facts are what the cover says first: kit id, role, version, last
	// updated, author and total time; Fields are the rest of the
	// frontmatter.
	Facts  []Meta
	Fields []content.Field
	// Sections are the outline's rows, Guide the sections themselves.
	Sections []PanelSection
	Total    string
	// Blanks are the lines the panel fills in on the cover: the
	// candidate's name, the date and every placeholder.
	Blanks []string
	Katas  []KataLink
	// Appendix holds the briefs of the katas that no section of the guide
	// names in its text.
	Appendix  []KataBrief
	Preamble  template.HTML
	Guide     []GuideSection
	Scorecard *Scorecard
	Noindex   bool
	Engine    *Engine
	// PrepHref is the candidate's page of the same kit, from this page;
	// "" when the kit has none.
	PrepHref string
}

// PanelSection is a row of the panel guide's running clock.
type PanelSection struct{ Title, ID, Time, Clock, Note string }

// Prep is the view model of a candidate page. It holds nothing that the
// audience rules did not let through.
type Prep struct {
	Site    *Site
	Root    string
	Kind    string
	Title   string
	Meta    []Meta
	Agenda  []AgendaItem
	Total   string
	Katas   []KataLink
	Body    template.HTML
	Noindex bool
	Engine  *Engine
}

// Meta is an allow-listed frontmatter field, labelled for people.
type Meta struct {
	Label, Value string
	// ID says that Value is an id, to break only after its separators.
	ID bool
}

// AgendaItem is a section title on the candidate's agenda; ID is its
// heading's on the page, "" when the section shows only on the agenda.
type AgendaItem struct{ Title, Time, ID string }

// Engine is a kata's engine compiled to WebAssembly: paths from a tree's
// root to the wasm, to the wasm_exec.js that loads it, and to its
// scenarios bundled as one JSON array; Page is the folder of the kata's
// page, where the runner is, from a tree's root.
type Engine struct{ Name, Wasm, ExecJS, Scenarios, Page string }

// Renderer renders pages with one theme.
type Renderer struct {
	md      goldmark.Markdown
	site    *Site
	katas   *content.Katas
	tmpl    map[string]*theme.Page
	engines map[string]*Engine
	briefs  briefCache
}

// SetEngines tells the renderer which compiled engines the site has.
func (r *Renderer) SetEngines(e map[string]*Engine) { r.engines = e }

// engine returns the engine that page p runs, and the kata it belongs to:
// a kata's own, or that of the first kata among refs that has one.
func (r *Renderer) engine(p *content.Page, refs []content.Ref) (*Engine, *content.Page) {
	if e := r.engines[p.Text("engine")]; e != nil {
		return e, p
	}
	for _, ref := range refs {
		if e := r.engines[ref.Kata.Text("engine")]; e != nil {
			return e, ref.Kata
		}
	}
	return nil, nil
}

// The page templates: the root index, each tree's index, and each tree's
// page of a kit or kata.
const (
	RootIndex  = "index.html"
	PanelIndex = "panel/list.html"
	PanelPages = "panel/kit.html"
	PrepIndex  = "prep/list.html"
	PrepPages  = "prep/kit.html"
)

// Templates are the page templates, in a fixed order.
var Templates = []string{RootIndex, PanelIndex, PanelPages, PrepIndex, PrepPages}

// breakable is s, an id such as interview_script_atlas_001, that may
// break across lines only after a separator — _, -, . or / — rather than
// in the middle of a word: <wbr> after each, which copying leaves out.
func breakable(s string) template.HTML {
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "_-./")
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(s))
			return template.HTML(b.String())
		}
		b.WriteString(template.HTMLEscapeString(s[:i+1]))
		b.WriteString("<wbr>")
		s = s[i+1:]
	}
}

// Breakable is the value as Breakable writes it, for ids.
func (m Meta) Breakable() template.HTML { return breakable(m.Value) }

// New parses the theme's templates.
func New(th *theme.Theme, site *Site, katas *content.Katas) (*Renderer, error) {
	r := &Renderer{md: markdown.New(), site: site, katas: katas}
	return r, r.Reload(th)
}

// Reload parses the theme's templates again, after a layout changed. It
// leaves the renderer as it was when one does not parse.
func (r *Renderer) Reload(th *theme.Theme) error {
	tmpl := map[string]*theme.Page{}
	for _, name := range Templates {
		t, err := th.Template(name)
		if err != nil {
			return err
		}
		tmpl[name] = t
	}
	r.tmpl = tmpl
	return nil
}

// Uses says what page template name is made of: the layout files its
// execution reaches, those it reaches only through {{cached}}, and the
// fields of Site it reads.
func (r *Renderer) Uses(name string) (layouts, fragments, site []string) {
	t := r.tmpl[name]
	return t.Layouts, t.Fragments, t.Site
}

// Markdown is the converter pages are parsed with.
func (r *Renderer) Markdown() goldmark.Markdown { return r.md }

// Output is a page as its template wrote it, and where the output of
// each {{cached}} call sits in it.
type Output struct {
	HTML      []byte
	Fragments []theme.Fragment
}

// Execute runs template name with data.
func (r *Renderer) Execute(name string, data any) (Output, error) {
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	frags, err := r.tmpl[name].Render(b, data)
	if err != nil {
		return Output{}, fmt.Errorf("layout %s: %w", name, err)
	}
	return Output{bytes.Clone(b.Bytes()), frags}, nil
}

// Splice returns o, a page of template name, with the output of its
// {{cached}} calls made again: for a change to layouts that the page
// reaches only through them, which leaves the rest of it as it was.
func (r *Renderer) Splice(name string, o Output) (Output, error) {
	b, frags, err := r.tmpl[name].Splice(o.HTML, o.Fragments)
	if err != nil {
		return Output{}, fmt.Errorf("layout %s: %w", name, err)
	}
	return Output{b, frags}, nil
}

// Pages are rendered into reused buffers and copied out at their final
// size: growing a fresh buffer for each of thousands of pages was a fifth
// of a build's allocations, and the garbage collector's work with them.
var (
	buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}
)

// html renders nodes of src. goldmark wraps any writer but a bufio.Writer
// in a new one on each call, which for a page rendered node by node was
// most of its garbage.
func (r *Renderer) html(src []byte, nodes ...ast.Node) (template.HTML, error) {
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	w := writers.Get().(*bufio.Writer)
	defer writers.Put(w)
	w.Reset(b)
	for _, n := range nodes {
		if err := r.md.Renderer().Render(w, src, n); err != nil {
			return "", err
		}
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	// goldmark escapes text and drops raw HTML (unsafe is off).
	return template.HTML(b.String()), nil
}

func kind(p *content.Page) string {
	if p.Kind == content.Kata {
		return "kata"
	}
	return "kit"
}

// PanelPage renders the panel view of o.
func (r *Renderer) PanelPage(o *content.Doc) (Output, error) {
	p := o.Page
	v := &Panel{
		Site: r.site, Root: "../", Kind: kind(p), ID: p.ID,
		Title: firstOf(o.Title, p.Text("title"), p.ID), Total: o.Total(), Noindex: true,
		Katas: r.kataLinks(p, o.Refs),
	}
	if p.Kind == content.Script {
		var err error
		if v.Scorecard, err = scorecardOf(o); err != nil {
			return Output{}, err
		}
	}
	view := audience.Prune(o.Root, p.Body, audience.Panel)
	view.SetIDs()
	defer view.Restore()
	v.Engine, _ = r.engine(p, o.Refs)
	if p.Kind == content.Kata {
		v.Root = "../../"
	}
	v.Facts, v.Fields = coverFacts(p, v.Title, v.Total)
	for i, s := range o.Sections {
		ps := PanelSection{Title: s.Title, Time: s.Time.Text}
		if s.TitleFor.Has(audience.Panel) {
			ps.ID = content.HeadingID(s.Heading)
		}
		if !s.Time.IsZero() && !s.Overview {
			ps.Clock = content.Clock(o.Clock[i]) + "–" + content.Clock(o.Clock[i]+s.Time.Min)
		}
		switch {
		case s.Overview:
			ps.Note = "an overview: the sections after it take its time"
		case !s.TitleFor.Has(audience.Panel):
			ps.Note = "on the candidate's prep page only"
		case s.For.Has(audience.Candidate):
			ps.Note = "candidate sees this section"
		case !s.TitleFor.Has(audience.Candidate):
			ps.Note = "hidden from the candidate's agenda"
		}
		v.Sections = append(v.Sections, ps)
	}
	if p.Kind == content.Script && p.Visibility != audience.Private {
		v.PrepHref = v.Root + "../prep/" + content.Dir(p) + "/"
	}
	at, restore := r.placeKatas(o)
	defer restore()
	var err error
	if v.Preamble, v.Guide, err = r.guide(o, view, v.Sections); err != nil {
		return Output{}, fmt.Errorf("%s: %w", p.Path, err)
	}
	for i, ref := range o.Refs {
		section, ok := at[ref.Kata]
		if !ok {
			continue
		}
		body, err := r.brief(ref.Kata)
		if err != nil {
			return Output{}, fmt.Errorf("%s: kata %s: %w", p.Path, ref.Kata.ID, err)
		}
		b := KataBrief{Kata: r.kataLinks(p, o.Refs[i:i+1])[0], ID: briefID(ref.Kata), Body: body}
		if g := guideSection(v.Guide, section); g != nil {
			g.Katas = append(g.Katas, b)
		} else {
			v.Appendix = append(v.Appendix, b)
		}
	}
	if p.Kind == content.Script {
		v.Blanks = append(v.Blanks, "Candidate name", "Date")
	}
	seen := map[string]bool{}
	for _, b := range v.Blanks {
		seen[strings.ToLower(b)] = true
	}
	for _, ph := range o.Placeholders {
		if !seen[strings.ToLower(ph.Label)] {
			seen[strings.ToLower(ph.Label)] = true
			v.Blanks = append(v.Blanks, ph.Label)
		}
	}
	return r.Execute("panel/kit.html", v)
}

func coverFacts(p *content.Page, title, total string) (facts []Meta, rest []content.Field) {
	shown := map[string]bool{"scorecard": true, "katas": true, "title": p.Text("title") == title}
	for _, c := range content.Fields {
		if f, ok := p.Field(c.Key); ok && c.Cover && f.Text != "" {
			facts = append(facts, Meta{Label: c.Label, Value: content.Value(f), ID: c.Key == "id"})
			shown[c.Key] = true
		}
	}
	if p.Kind == content.Kata {
		facts[0].Label = "Kata id"
	}
	if total != "" {
		facts = append(facts, Meta{Label: "Total time", Value: total})
	}
	for _, f := range p.Fields {
		if !shown[f.Key] {
			rest = append(rest, f)
		}
	}
	return facts, rest
}

// guideSection is the guide's section of the document's section i, nil
// when it has none.
func guideSection(guide []GuideSection, i int) *GuideSection {
	for j := range guide {
		if i >= 0 && guide[j].section == i {
			return &guide[j]
		}
	}
	return nil
}

// PrepPage renders the candidate view of o's page, and returns its view
// model too, for the index to list what the page shows. Everything in it
// comes from the candidate's view of the document: the agenda, its ids
// and total, and the katas, which are those linked from what the
// candidate reads; a link to a kata with no prep page keeps its text and
// loses its address. hasPrep says which pages have one.
func (r *Renderer) PrepPage(o *content.Doc, hasPrep func(*content.Page) bool) (*Prep, Output, error) {
	p := o.Page
	view := audience.Prune(o.Root, p.Body, audience.Candidate)
	view.SetIDs()
	defer view.Restore()
	v := &Prep{
		Site: r.site, Root: "../", Kind: kind(p), Title: content.CandidateTitle(p),
		Noindex: p.Visibility != audience.Public,
	}
	if p.Kind == content.Kata {
		v.Root = "../../"
	}
	for _, f := range p.Fields {
		if audience.FieldFor(f.Key, audience.Candidate) && f.Key != "title" {
			v.Meta = append(v.Meta, Meta{Label: content.Label(f.Key), Value: content.Value(f)})
		}
	}
	var refs []content.Ref
	if p.Kind == content.Kata {
		refs = append(refs, content.Ref{Kata: p})
	}
	for _, l := range o.Links {
		switch {
		case !inView(l.Node, view.Root):
		case !hasPrep(l.Kata):
			view.Unwrap(l.Node)
		case !slices.ContainsFunc(refs, func(r content.Ref) bool { return r.Kata == l.Kata }):
			refs = append(refs, content.Ref{Kata: l.Kata})
		}
	}
	body := view.Body()
	shown := map[ast.Node]bool{}
	for _, n := range body {
		shown[n] = true
	}
	var lo, hi float64
	for _, h := range view.Sections() {
		s, _ := content.ReadSection(h, p.Body)
		item := AgendaItem{Title: s.Public, Time: s.Time.Text}
		if shown[h] {
			item.ID = content.HeadingID(h)
		}
		v.Agenda = append(v.Agenda, item)
		if full := o.SectionOf(h); full == nil || !full.Overview {
			lo, hi = lo+s.Time.Min, hi+s.Time.Max
		}
	}
	if hi > 0 {
		v.Total = content.Span(lo, hi)
	}
	for _, ref := range refs {
		if ref.Kata != p {
			v.Katas = append(v.Katas, candidateKataLink(ref.Kata, content.KataHref(p, ref.Kata)))
		}
	}
	if e, k := r.engine(p, refs); e != nil {
		prep := *e
		prep.Page = ""
		if k != p && hasPrep(k) {
			prep.Page = content.Dir(k) + "/"
		}
		v.Engine = &prep
	}
	var err error
	if v.Body, err = r.html(p.Body, body...); err != nil {
		return nil, Output{}, fmt.Errorf("%s: %w", p.Path, err)
	}
	out, err := r.Execute("prep/kit.html", v)
	return v, out, err
}

// inView reports whether n is still in the view rooted at root.
func inView(n, root ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if n == root {
			return true
		}
	}
	return false
}

func (r *Renderer) kataLinks(from *content.Page, refs []content.Ref) []KataLink {
	var out []KataLink
	for _, ref := range refs {
		k := ref.Kata
		if k == from {
			continue
		}
		out = append(out, KataLink{Title: firstOf(k.Text("title"), k.ID), ID: k.ID, Level: k.Text("level"), Href: content.KataHref(from, k)})
	}
	return out
}

// candidateKataLink links to kata k for candidates: its title only.
func candidateKataLink(k *content.Page, href string) KataLink {
	return KataLink{Title: firstOf(k.Text("title"), "Practice kata"), Href: href}
}

// Markdown renders trusted site text, such as the accommodations note, as
// markdown seen by everyone.
func Markdown(md goldmark.Markdown, src []byte) (template.HTML, error) {
	var b bytes.Buffer
	if err := md.Convert(src, &b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
