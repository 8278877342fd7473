package content

import (
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
	"kitgen/generator/markdown"
)

// Doc is a page's markdown, parsed, with kata references linked, and what
// kitgen reads from it.
type Doc struct {
	Root ast.Node
	// Title is the text of the first `#` heading.
	Title        string
	Sections     []Section
	Refs         []Ref
	Placeholders []Placeholder
}

// Section is a `##` section.
type Section struct {
	// Title is the heading without its time box; Public is the same with
	// placeholders blanked out, for candidates.
	Title, Public string
	ID            string
	Line          int
	// Mark is the `{audience=…}` mark, "" when unmarked.
	Mark          string
	TitleFor, For audience.Audience
	Time          TimeBox
}

// Ref is a page's reference to a kata.
type Ref struct {
	Kata *Page
	Line int
}

// Placeholder is a [Label] blank and its line.
type Placeholder struct {
	Label string
	Line  int
}

// Katas finds katas by id or title.
type Katas struct {
	byID    map[string]*Page
	byTitle map[string]*Page
	titles  []string
}

// IndexKatas indexes katas by id and by title.
func IndexKatas(katas []*Page) *Katas {
	k := &Katas{byID: map[string]*Page{}, byTitle: map[string]*Page{}}
	for _, p := range katas {
		k.byID[p.ID] = p
		if t := p.Text("title"); t != "" {
			k.byTitle[strings.ToLower(t)] = p
			k.titles = append(k.titles, t)
		}
	}
	// Longest first, so a title that contains another wins.
	sort.Slice(k.titles, func(i, j int) bool { return len(k.titles[i]) > len(k.titles[j]) })
	return k
}

// Lookup finds a kata by id or by title, ignoring case in titles.
func (k *Katas) Lookup(s string) *Page {
	if p := k.byID[s]; p != nil {
		return p
	}
	return k.byTitle[strings.ToLower(strings.TrimSpace(s))]
}

// KataHref is where a page links to kata k: kata pages sit in katas/
// beside the kits.
func KataHref(from *Page, k *Page) string {
	if from.Kind == Kata {
		return "../" + k.Slug + "/"
	}
	return "../katas/" + k.Slug + "/"
}

// Parse parses p's body and reads its outline. Problems are reported with
// file and line; the Doc is usable even when there are some.
func Parse(md goldmark.Markdown, p *Page, katas *Katas) (*Doc, diag.List) {
	root := md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(parser.NewContext()))
	d := &Doc{Root: root}
	var errs diag.List
	fail := func(off int, format string, args ...any) {
		d := diag.Errorf(p.Path, p.Line(off), format, args...)
		d.Col = p.Col(off)
		errs.Add(d)
	}
	seen := map[*Page]bool{}
	addRef := func(k *Page, line int) {
		if !seen[k] {
			seen[k] = true
			d.Refs = append(d.Refs, Ref{Kata: k, Line: line})
		}
	}
	if f, ok := p.Field("katas"); ok {
		for _, name := range f.List() {
			if k := katas.Lookup(name); k != nil {
				addRef(k, f.Line)
			} else {
				errs.Add(diag.Errorf(p.Path, f.Line, "unknown kata %q in katas:; %s", name, katas.known()))
			}
		}
	}
	var texts []*ast.Text
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			d.heading(n, p, fail)
		case *markdown.Container:
			if _, ok := audience.Parse(string(n.Name)); !ok {
				fail(n.Pos(), "unknown container ::: %s; containers are ::: %s", n.Name, audience.Marks)
			}
			if !n.Closed {
				fail(n.Pos(), "::: %s is never closed; end it with a ::: line", n.Name)
			}
		case *markdown.Placeholder:
			d.Placeholders = append(d.Placeholders, Placeholder{Label: string(n.Label), Line: p.Line(n.Pos())})
		case *ast.Text:
			texts = append(texts, n)
		case *ast.CodeSpan, *ast.Link, *ast.AutoLink, *ast.Image:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		linkKatas(t, p, katas, addRef, fail)
	}
	return d, errs
}

func (d *Doc) heading(h *ast.Heading, p *Page, fail func(int, string, ...any)) {
	off := h.Pos()
	if h.Lines().Len() > 0 {
		off = h.Lines().At(0).Start
	}
	mark := audience.Mark(h)
	if h.Level != 2 {
		if mark != "" {
			fail(off, "{audience=%s} works on ## section headings only; use ::: containers inside a section", mark)
		}
		if h.Level == 1 && d.Title == "" {
			d.Title = inlineText(h, p.Body, "[%s]")
		}
		return
	}
	titleFor, bodyFor, ok := audience.Section(mark)
	if !ok {
		fail(off, "unknown audience %q; sections take {audience=%s}", mark, audience.Marks)
		titleFor, bodyFor = audience.Panel, audience.Panel
	}
	s := Section{Line: p.Line(off), Mark: mark, TitleFor: titleFor, For: bodyFor}
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			s.ID = string(b)
		}
	}
	var err error
	s.Title, s.Time, err = splitTimeBox(inlineText(h, p.Body, "[%s]"))
	if err != nil {
		fail(off, "%w", err)
	}
	s.Public, _, _ = splitTimeBox(inlineText(h, p.Body, "…"))
	s.Title, s.Public = strings.TrimSpace(s.Title), strings.TrimSpace(s.Public)
	d.Sections = append(d.Sections, s)
}

// inlineText is n's text, each placeholder written with format (%s is its
// label).
func inlineText(n ast.Node, src []byte, format string) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *markdown.Placeholder:
			b.WriteString(strings.ReplaceAll(format, "%s", string(c.Label)))
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// levelRef matches a kata named the way scripts name them: a level, then
// an id ("Intermediate I-3").
var (
	levelRef = regexp.MustCompile(`\b(?:Beginner|Intermediate|Advanced|Expert)\s+([A-Z]{1,3}-\d{1,4})\b`)
	bareID   = regexp.MustCompile(`\b[A-Z]{1,3}-\d{1,4}\b`)
)

type span struct {
	start, end int
	kata       *Page
}

// linkKatas turns the kata references in t into links to the kata's page.
func linkKatas(t *ast.Text, p *Page, katas *Katas, addRef func(*Page, int), fail func(int, string, ...any)) {
	seg := t.Segment
	s := string(seg.Value(p.Body))
	var spans []span
	free := func(a, b int) bool {
		for _, sp := range spans {
			if a < sp.end && b > sp.start {
				return false
			}
		}
		return true
	}
	// Go's regexp is slow at \b; most text holds no id to find.
	mayHoldID := hasIDShape(s)
	for _, m := range findAll(mayHoldID, levelRef, s) {
		id := s[m[2]:m[3]]
		k := katas.byID[id]
		if k == nil {
			fail(seg.Start+m[0], "unknown kata %q; %s", s[m[0]:m[1]], katas.known())
			continue
		}
		end := m[1]
		if title := k.Text("title"); title != "" && strings.HasPrefix(strings.ToLower(s[end:]), " "+strings.ToLower(title)) {
			end += 1 + len(title)
		}
		spans = append(spans, span{m[0], end, k})
	}
	for _, m := range findAll(mayHoldID, bareID, s) {
		if k := katas.byID[s[m[0]:m[1]]]; k != nil && free(m[0], m[1]) {
			spans = append(spans, span{m[0], m[1], k})
		}
	}
	for _, title := range katas.titles {
		for from := 0; ; {
			i := strings.Index(s[from:], title)
			if i < 0 {
				break
			}
			a, b := from+i, from+i+len(title)
			if free(a, b) && wordEdge(s, a) && wordEdge(s, b) {
				spans = append(spans, span{a, b, katas.byTitle[strings.ToLower(title)]})
			}
			from = b
		}
	}
	if len(spans) == 0 {
		return
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	parent := t.Parent()
	at := 0
	for _, sp := range spans {
		addRef(sp.kata, p.Line(seg.Start+sp.start))
		if sp.start > at {
			parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+sp.start)))
		}
		link := ast.NewLink()
		link.Destination = []byte(KataHref(p, sp.kata))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+sp.start, seg.Start+sp.end)))
		parent.InsertBefore(parent, t, link)
		at = sp.end
	}
	t.Segment = seg.WithStart(seg.Start + at)
	if t.Segment.IsEmpty() && !t.SoftLineBreak() && !t.HardLineBreak() {
		parent.RemoveChild(parent, t)
	}
}

// hasIDShape reports whether s holds a letter, a dash and a digit in a row.
func hasIDShape(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '-' && s[i-1] >= 'A' && s[i-1] <= 'Z' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

func findAll(ok bool, re *regexp.Regexp, s string) [][]int {
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

func wordEdge(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	isWord := func(c byte) bool { return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' }
	return !isWord(s[i-1]) || !isWord(s[i])
}

func (k *Katas) known() string {
	if len(k.byID) == 0 {
		return "there are no katas under content/katas"
	}
	ids := make([]string, 0, len(k.byID))
	for id := range k.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return "known katas: " + strings.Join(ids, ", ")
}
