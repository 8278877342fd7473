package content

import (
	"iter"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
	"kitgen/generator/markdown"
)

// Doc is a page's markdown, parsed, with kata references linked, and what
// kitgen reads from it.
type Doc struct {
	Page *Page
	Root ast.Node
	// Title is the text of the first `#` heading.
	Title        string
	Sections     []Section
	Refs         []Ref
	Placeholders []Placeholder
	// Runs is the prose, outside code, links and images: what the rules
	// that read the text search, found once for all of them.
	Runs []Run
	// Links are the links Parse made from kata mentions in the text.
	Links []KataLink
	// Clock holds each section's start on the short plan; Lo and Hi are the
	// sums of the time boxes, overviews aside.
	Clock  []float64
	Lo, Hi float64
}

// Total is the sum of the time boxes, "" when there are none.
func (d *Doc) Total() string {
	if d.Hi == 0 {
		return ""
	}
	return Span(d.Lo, d.Hi)
}

// clock sets the running clock from the sections' time boxes.
func (d *Doc) clock() {
	for _, s := range d.Sections {
		d.Clock = append(d.Clock, d.Lo)
		if !s.Overview {
			d.Lo += s.Time.Min
			d.Hi += s.Time.Max
		}
	}
}

// KataLink is a link Parse made to a kata from a mention of it.
type KataLink struct {
	Node *ast.Link
	Kata *Page
}

// Section is a section: a top-level `##` heading and what follows it, as
// audience.IsSection defines it.
type Section struct {
	Heading *ast.Heading
	// Title is the heading without its time box, each placeholder written
	// [Label]; Public is the same with placeholders blanked out, as the
	// candidate reads it.
	Title, Public string
	Line          int
	// Mark is the `{audience=…}` mark, "" when unmarked.
	Mark          string
	TitleFor, For audience.Audience
	// Time is the section's time box: its heading's, or else the sum of
	// the time boxes of the ### headings in it (see SubTime).
	Time TimeBox
	// SubTime is the sum of the time boxes of the highest headings below
	// ## in the section that have one (###, else ####…), and Parts how
	// many there are: the parts of a section timed one by one.
	SubTime TimeBox
	Parts   int
	// Overview is set when the section's time box covers the sections
	// after it and the section is an overview of them, as "Interview
	// structure (60–90 minutes)" is: the clock does not count it, or the
	// interview would be counted twice. See markOverviews.
	Overview bool
}

// ReadSection reads section heading h of a document parsed from src, as
// the tree stands: in a reader's view, the ### time boxes it sums are
// those the reader sees. Its error is a time box that does not read.
func ReadSection(h *ast.Heading, src []byte) (Section, error) {
	s := Section{Heading: h, Mark: audience.SectionMark(h, src)}
	var ok bool
	if s.TitleFor, s.For, ok = audience.Section(s.Mark); !ok {
		s.TitleFor, s.For = audience.Panel, audience.Panel
	}
	text := inlineText(h, src, "[%s]")
	title, tb, err := splitTimeBox(text)
	// The candidate's text differs only where a placeholder stands, which
	// the panel's writes [Label]; most headings have none.
	public := title
	if strings.IndexByte(text, '[') >= 0 {
		public, _, _ = splitTimeBox(inlineText(h, src, "…"))
	}
	s.Title, s.Public, s.Time = strings.TrimSpace(title), strings.TrimSpace(public), tb
	s.SubTime, s.Parts = subTime(h, src)
	if s.Time.IsZero() && s.Parts > 0 {
		s.Time = s.SubTime
	}
	return s, err
}

// Body is what follows section heading h up to the next part, as the
// tree stands.
func Body(h *ast.Heading, src []byte) iter.Seq[ast.Node] {
	return func(yield func(ast.Node) bool) {
		for n := h.NextSibling(); n != nil && !audience.IsSection(n, src); n = n.NextSibling() {
			if k, ok := n.(*ast.Heading); ok && k.Level == 1 {
				return // a part for the panel alone
			}
			if !yield(n) {
				return
			}
		}
	}
}

// subTime sums the time boxes of the highest headings below ## in the
// section of h that have one: the ###s, or the ####s when no ### has one,
// so that a part and its own parts are not counted twice. A box that does
// not read is left out (kitgen check says so).
func subTime(h *ast.Heading, src []byte) (TimeBox, int) {
	var sums [7]TimeBox
	var counts [7]int
	for n := range Body(h, src) {
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			k, ok := c.(*ast.Heading)
			switch {
			case !entering:
				return ast.WalkContinue, nil
			case !ok && (c.Type() == ast.TypeInline || c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock):
				// No heading is in a paragraph's text: most of a tree.
				return ast.WalkSkipChildren, nil
			case !ok:
				return ast.WalkContinue, nil
			}
			if k.Level >= 3 {
				if _, tb, err := splitTimeBox(inlineText(k, src, "[%s]")); err == nil && !tb.IsZero() {
					sums[k.Level].Min += tb.Min
					sums[k.Level].Max += tb.Max
					counts[k.Level]++
				}
			}
			return ast.WalkSkipChildren, nil
		})
	}
	for level := 3; level < len(sums); level++ {
		if counts[level] > 0 {
			tb := sums[level]
			tb.Text = Span(tb.Min, tb.Max)
			return tb, counts[level]
		}
	}
	return TimeBox{}, 0
}

// Total is the sum of the sections' time boxes, overviews aside.
func Total(sections []Section) (lo, hi float64) {
	for _, s := range sections {
		if !s.Overview {
			lo, hi = lo+s.Time.Min, hi+s.Time.Max
		}
	}
	return lo, hi
}

// overviewTitle names a section that gives the plan of the interview.
var overviewTitle = Stemmed{
	RE:    regexp.MustCompile(`(?i)\b(?:structure|overview|agenda|outline|plan|schedule|format|timeline|at a glance|in brief|summary)\b`),
	Stems: []string{"tructure", "overview", "agenda", "outline", "plan", "chedule", "format", "timeline", "glance", "brief", "ummary"},
}

// Stemmed is a case-insensitive regexp of words and a stem that each of
// its matches holds, for ContainsFold: the regexp is slow, and runs only
// on text that holds a stem, which most text does not.
type Stemmed struct {
	RE    *regexp.Regexp
	Stems []string
}

// MatchString reports whether s matches the regexp.
func (w Stemmed) MatchString(s string) bool {
	for _, stem := range w.Stems {
		if ContainsFold(s, stem) {
			return w.RE.MatchString(s)
		}
	}
	return false
}

// ContainsFold reports whether s holds stem, in any case, as (?i) would
// find it. Stem is lower-case ASCII letters other than s and k: (?i) also
// matches those as ſ and as the Kelvin sign K, and every other such
// letter as ASCII alone.
func ContainsFold(s, stem string) bool {
	for i := 0; i+len(stem) <= len(s); i++ {
		j := 0
		for j < len(stem) && s[i+j]|0x20 == stem[j] {
			j++
		}
		if j == len(stem) {
			return true
		}
	}
	return false
}

// markOverviews marks the sections that are overviews of the ones after
// them: their time box is about the sum of the later sections' boxes, and
// their title says they give the plan, or their text names two or more
// of the later sections. Such a box announces the interview's length; it
// is no time of its own.
func markOverviews(sections []Section, src []byte) {
	for i := range sections {
		s := &sections[i]
		if s.Time.IsZero() {
			continue
		}
		var lo, hi float64
		timed := 0
		for _, later := range sections[i+1:] {
			lo, hi = lo+later.Time.Min, hi+later.Time.Max
			if !later.Time.IsZero() {
				timed++
			}
		}
		// An overview plans two sections or more. One that says it is a
		// plan covers them loosely: a plan that runs over what it
		// announces is still a plan, and the time budget check says it
		// runs over. One known by the sections it names must fit closely,
		// or a long exercise before a few short sections would be taken
		// for one.
		if timed < 2 || hi < s.Time.Min*2/3 || lo > s.Time.Max*3/2 {
			continue
		}
		close := hi >= s.Time.Min*0.9 && lo <= s.Time.Max*1.1
		s.Overview = overviewTitle.MatchString(s.Title) || close && namesSections(s.Heading, src, sections[i+1:]) >= 2
	}
}

// numbering is what numbers a section's title: "3)", "2.", "Part 1:".
var numbering = regexp.MustCompile(`^\s*(?:part\s+)?[0-9ivx]+[.):]\s*`)

// namesSections counts the sections whose titles the body of heading h
// names.
func namesSections(h *ast.Heading, src []byte, sections []Section) int {
	var text []byte
	for n := range Body(h, src) {
		text = append(markdown.Text(text, n, src, func(b, label []byte) []byte { return append(b, label...) }), ' ')
	}
	body := strings.ToLower(string(text))
	n := 0
	for _, s := range sections {
		t := strings.ToLower(numbering.ReplaceAllString(s.Title, ""))
		if len(t) >= 4 && strings.Contains(body, t) {
			n++
		}
	}
	return n
}

// SectionOf is the section whose heading is h, nil when h is none.
func (d *Doc) SectionOf(h *ast.Heading) *Section {
	for i := range d.Sections {
		if d.Sections[i].Heading == h {
			return &d.Sections[i]
		}
	}
	return nil
}

// HeadingID is the id a heading has in the view open on its document, ""
// when it has none.
func HeadingID(h *ast.Heading) string {
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// Ref is a page's reference to a kata.
type Ref struct {
	Kata *Page
	Line int
	// TextLine is the line of the first mention in the text, 0 when only
	// frontmatter names the kata: the panel guide puts the kata's
	// checkpoints in the section that mentions it.
	TextLine int
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
	k := &Katas{}
	k.Set(katas)
	return k
}

// Set replaces the index with katas, in place, so that whoever holds k
// resolves against the new set.
func (k *Katas) Set(katas []*Page) {
	*k = Katas{byID: map[string]*Page{}, byTitle: map[string]*Page{}}
	for _, p := range katas {
		k.byID[p.ID] = p
		if t := p.Text("title"); t != "" {
			k.byTitle[strings.ToLower(t)] = p
			k.titles = append(k.titles, t)
		}
	}
	// Longest first, so a title that contains another wins.
	sort.Slice(k.titles, func(i, j int) bool { return len(k.titles[i]) > len(k.titles[j]) })
}

// Lookup finds a kata by id or by title, ignoring case in titles.
func (k *Katas) Lookup(s string) *Page {
	if p := k.byID[s]; p != nil {
		return p
	}
	return k.byTitle[strings.ToLower(strings.TrimSpace(s))]
}

// Dir is a page's output folder below a tree: kata pages sit in katas/
// beside the kits.
func Dir(p *Page) string {
	if p.Kind == Kata {
		return "katas/" + p.Slug
	}
	return p.Slug
}

// KataHref is where page from links to kata k, from one folder to the
// other in the same tree.
func KataHref(from *Page, k *Page) string { return relDir(Dir(from), Dir(k)) }

// KitToKata is where any kit's page links to kata k: every kit's folder
// is one deep.
func KitToKata(k *Page) string { return relDir("kit", Dir(k)) }

func relDir(from, to string) string {
	rel, _ := filepath.Rel(from, to)
	return filepath.ToSlash(rel) + "/"
}

// Parse parses p's body and reads its outline. Problems are reported with
// file and line; the Doc is usable even when there are some.
func Parse(md goldmark.Markdown, p *Page, katas *Katas) (*Doc, diag.List) {
	root := md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(parser.NewContext()))
	d := &Doc{Page: p, Root: root}
	var errs diag.List
	fail := func(off int, format string, args ...any) {
		d := diag.Errorf(p.Path, p.Line(off), format, args...)
		d.Col = p.Col(off)
		errs.Add(d)
	}
	seen := map[*Page]int{}
	ref := func(k *Page, line, textLine int) {
		i, ok := seen[k]
		if !ok {
			seen[k] = len(d.Refs)
			d.Refs = append(d.Refs, Ref{Kata: k, Line: line, TextLine: textLine})
		} else if d.Refs[i].TextLine == 0 {
			d.Refs[i].TextLine = textLine
		}
	}
	addRef := func(k *Page, line int) { ref(k, line, line) }
	if f, ok := p.Field("katas"); ok {
		for _, name := range f.List() {
			if k := katas.Lookup(name); k != nil {
				ref(k, f.Line, 0)
			} else {
				errs.Add(diag.Errorf(p.Path, f.Line, "unknown kata %q in katas:; %s", name, katas.known()))
			}
		}
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		switch {
		case audience.IsSection(n, p.Body):
			s, err := ReadSection(h, p.Body)
			s.Line = p.Line(headingStart(h))
			if err != nil {
				fail(timeBoxAt(h, p.Body, headingStart(h)), "%w", err)
			}
			d.Sections = append(d.Sections, s)
		case ok && h.Level == 1 && d.Title == "" && len(d.Sections) == 0:
			d.Title = inlineText(h, p.Body, "[%s]")
		}
	}
	markOverviews(d.Sections, p.Body)
	d.clock()
	for _, pr := range audience.Check(root, p.Body, p.Visibility != audience.Private) {
		e := diag.Errorf(p.Path, p.Line(pr.Off), "%s", pr.Msg).WithHint(pr.Hint)
		e.Col, e.Rule = p.Col(pr.Off), "audience"
		errs.Add(e)
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if ph, ok := n.(*markdown.Placeholder); ok && entering {
			d.Placeholders = append(d.Placeholders, Placeholder{Label: string(ph.Label), Line: p.Line(ph.Pos())})
		}
		return ast.WalkContinue, nil
	})
	d.Runs = Runs(root, p.Body)
	for _, r := range d.Runs {
		d.Links = append(d.Links, linkKatas(r, p, katas, addRef, fail)...)
	}
	return d, errs
}

// headingStart is where h's text starts.
func headingStart(h *ast.Heading) int {
	if h.Lines().Len() > 0 {
		return h.Lines().At(0).Start
	}
	return h.Pos()
}

// InlineText is n's text as the panel reads it, each placeholder [Label].
func InlineText(n ast.Node, src []byte) string { return inlineText(n, src, "[%s]") }

// inlineText is n's text, each placeholder written with format (%s is its
// label).
func inlineText(n ast.Node, src []byte, format string) string {
	return string(markdown.Text(nil, n, src, func(b, label []byte) []byte {
		return append(b, strings.ReplaceAll(format, "%s", string(label))...)
	}))
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

// Run is the text of adjacent text nodes, joined: goldmark splits a
// sentence into several nodes (at every space where an autolink might
// start), and a phrase must be found whole.
type Run struct {
	Text  string
	nodes []*ast.Text
	at    []int
}

// Runs returns the text runs of root outside code, links and images.
func Runs(root ast.Node, src []byte) []Run {
	// The runs' texts, nodes and offsets are gathered end to end, one
	// buffer of each for all runs, and cut apart at the end: growing
	// three slices for each run was a fifth of a parse's allocations.
	// The texts fit in the source's size: each is source text, and a
	// space for each line break. Scripts have about a text node for every
	// 32 bytes, and a run for every 64.
	var text strings.Builder
	text.Grow(len(src))
	nodes := make([]*ast.Text, 0, len(src)/32)
	at := make([]int, 0, len(src)/32)
	starts := make([]runStart, 0, len(src)/64)
	open := false
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.Link, *ast.AutoLink, *ast.Image, *ast.FencedCodeBlock, *ast.CodeBlock:
			open = false
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !open || nodes[len(nodes)-1] != n.PreviousSibling() {
				starts = append(starts, runStart{text.Len(), len(nodes)})
				open = true
			}
			nodes = append(nodes, n)
			at = append(at, text.Len()-starts[len(starts)-1].text)
			text.Write(n.Segment.Value(src))
			if n.SoftLineBreak() {
				text.WriteByte(' ')
			}
		default:
			if n.Type() != ast.TypeInline {
				open = false
			}
		}
		return ast.WalkContinue, nil
	})
	all := text.String()
	runs := make([]Run, len(starts))
	for i, s := range starts {
		e := runStart{len(all), len(nodes)}
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		runs[i] = Run{Text: all[s.text:e.text], nodes: nodes[s.node:e.node:e.node], at: at[s.node:e.node:e.node]}
	}
	return runs
}

// runStart is where a run starts in the buffers Runs gathers.
type runStart struct{ text, node int }

// Offset maps index i of the run's text to an offset in the source.
func (r *Run) Offset(i int) int {
	k := 0
	for k+1 < len(r.at) && r.at[k+1] <= i {
		k++
	}
	seg := r.nodes[k].Segment
	return min(seg.Start+i-r.at[k], seg.Stop)
}

// wrap moves the text from source offset a to b into link, splitting the
// text nodes at both ends. The text must lie in adjacent text nodes of one
// parent; otherwise wrap leaves the tree alone and returns false.
func wrap(parent ast.Node, a, b int, link ast.Node) bool {
	var first, last *ast.Text
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		switch {
		case !ok:
			if first != nil && last == nil {
				return false
			}
		case first == nil && t.Segment.Start <= a && a < t.Segment.Stop:
			first = t
			if b <= t.Segment.Stop {
				last = t
			}
		case first != nil && last == nil && t.Segment.Start < b && b <= t.Segment.Stop:
			last = t
		}
	}
	if first == nil || last == nil {
		return false
	}
	if a > first.Segment.Start {
		head := ast.NewTextSegment(text.NewSegment(first.Segment.Start, a))
		parent.InsertBefore(parent, first, head)
		first.Segment = first.Segment.WithStart(a)
	}
	if b < last.Segment.Stop {
		tail := ast.NewTextSegment(text.NewSegment(b, last.Segment.Stop))
		tail.SetSoftLineBreak(last.SoftLineBreak())
		tail.SetHardLineBreak(last.HardLineBreak())
		last.SetSoftLineBreak(false)
		last.SetHardLineBreak(false)
		parent.InsertAfter(parent, last, tail)
		last.Segment = last.Segment.WithStop(b)
	}
	parent.InsertBefore(parent, first, link)
	for n := ast.Node(first); ; {
		next := n.NextSibling()
		link.AppendChild(link, n)
		if n == last {
			break
		}
		n = next
	}
	return true
}

// linkKatas turns the kata references in run r into links to the kata's
// page, and reports ids named with a level that no kata has.
func linkKatas(r Run, p *Page, katas *Katas, addRef func(*Page, int), fail func(int, string, ...any)) (links []KataLink) {
	s := r.Text
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
			fail(r.Offset(m[0]), "unknown kata %q; %s", s[m[0]:m[1]], katas.known())
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
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	// Map to source offsets before wrap splits the nodes the run maps with.
	type place struct {
		a, b int
		kata *Page
	}
	var places []place
	for _, sp := range spans {
		if sp.kata != p {
			places = append(places, place{r.Offset(sp.start), r.Offset(sp.end-1) + 1, sp.kata})
		}
	}
	parent := r.nodes[0].Parent()
	for _, pl := range places {
		addRef(pl.kata, p.Line(pl.a))
		link := ast.NewLink()
		link.Destination = []byte(KataHref(p, pl.kata))
		if wrap(parent, pl.a, pl.b, link) {
			links = append(links, KataLink{Node: link, Kata: pl.kata})
		}
	}
	return links
}

// hasIDShape reports whether s holds a letter, a dash and a digit in a row.
func hasIDShape(s string) bool {
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], '-')
		if j < 0 {
			return false
		}
		i += j
		if i > 0 && i+1 < len(s) && s[i-1] >= 'A' && s[i-1] <= 'Z' && isDigit(s[i+1]) {
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

// Checkpoints are a kata's checkpoints: the task-list items only the
// panel reads (in a ::: panel block, or a section marked for the panel),
// which the panel ticks as the candidate reaches each one.
func (d *Doc) Checkpoints() []ast.Node {
	var tasks []ast.Node
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTaskCheckBox {
			tasks = append(tasks, n)
		}
		return ast.WalkContinue, nil
	})
	if len(tasks) == 0 {
		return nil
	}
	v := audience.Prune(d.Root, d.Page.Body, audience.Candidate)
	defer v.Restore()
	var out []ast.Node
	for _, t := range tasks {
		n := ast.Node(t)
		for n != nil && n != d.Root {
			n = n.Parent()
		}
		if n == nil {
			out = append(out, t.Parent().Parent())
		}
	}
	return out
}
