package render

import (
	"html/template"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

// GuideSection is a `##` section of the panel guide's body, rendered on
// its own so that the layout can set its clock beside its heading and
// keep it apart on paper.
type GuideSection struct {
	PanelSection
	Heading, Body template.HTML
	// Katas are the briefs of the katas the section names first.
	Katas []KataBrief
	// Notes is how many ruled lines follow the section: set when the
	// section asks no question that has notes of its own.
	Notes int
	// section is its index in the document's sections.
	section int
}

// Handwriting needs about a line per minute and a half of answer; fewer
// than three lines is no room for an answer, more than six for one
// question is paper the panel will not fill.
const (
	minutesPerLine     = 1.5
	minLines, maxLines = 3, 6
	// A section that asks nothing, such as a design exercise, gets its
	// space at the end, a line per four minutes, when it runs ten or more.
	sectionMinutesPerLine            = 4
	minSectionNotes, maxSectionNotes = 4, 10
	minutesForSectionNotes           = 10
	minWordsInQuestion               = 4
)

var (
	// questionNumber is a numbered question such as "Q3 Testing
	// philosophy".
	questionNumber = regexp.MustCompile(`^Q\d+\b`)
	// lead is what may stand before a question's own words: a label
	// ("Prompt:", "Probe —") and opening quotes.
	lead = regexp.MustCompile(`^(?:[\pL\pN][\pL\pN ()/&'’-]{0,40}?\s*(?::|\s[-–—])\s+)?["“‘'(]*`)
	// prompt is an imperative that asks for an answer, the usual form of a
	// behavioural question: "Tell me about a time…", "Walk us through…".
	prompt = regexp.MustCompile(`(?i)^(?:tell (?:me|us)\b|describe\b|walk (?:me|us) through\b|take (?:me|us) through\b|talk (?:me |us )?(?:about|through)\b|explain\b|give (?:me |us )?an? (?:example|instance)\b|share\b|name (?:a|one)\b|think (?:of|about) a time\b|recall a time\b|imagine\b)`)
	// aboutTheCandidate is a line that speaks of the candidate rather
	// than to them: an instruction to the interviewer ("Ask the candidate
	// to…") or a rubric line ("Does the candidate test their code?").
	aboutTheCandidate = regexp.MustCompile(`(?i)\b(?:the|a|each) candidates?\b|\bcandidate['’]s\b|^(?:ask|check|make sure|ensure|let|stop|remind|note whether)\b|\b(?:does|did|is|was|were|can|could|has|have) (?:they|he|she)\b`)
	// toYou is text that speaks to the candidate: `Ask the candidate
	// "What would your code produce?"` is a question after all.
	toYou = regexp.MustCompile(`(?i)\byou(?:r|rs|rself)?\b`)
)

// guide renders the panel's view of o's body section by section: what
// comes before the first section, without the `#` title the cover
// already shows, and each section with its clock and ruled space after
// each question. rows are the outline's rows, one per section.
func (r *Renderer) guide(o *Outline, view *audience.View, rows []PanelSection) (preamble template.HTML, out []GuideSection, err error) {
	src := o.Page.Body
	index := map[ast.Node]int{}
	for i, s := range o.Doc.Sections {
		index[s.Heading] = i
	}
	type part struct {
		head   ast.Node
		blocks []ast.Node
		time   content.TimeBox
	}
	var pre []ast.Node
	var parts []part
	for n := view.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if i, ok := index[n]; ok {
			parts = append(parts, part{head: n, time: o.Doc.Sections[i].Time})
			out = append(out, GuideSection{PanelSection: rows[i], section: i})
			continue
		}
		if len(parts) > 0 {
			parts[len(parts)-1].blocks = append(parts[len(parts)-1].blocks, n)
			continue
		}
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 && o.Doc.Title != "" && len(pre) == 0 {
			continue
		}
		pre = append(pre, n)
	}
	// The ruled space goes in before anything is rendered: a question
	// written as a paragraph of its own is wrapped with its notes, and
	// the wrapper is rendered in its place.
	notes := placeNotes(pre, src, 0)
	html, err := r.html(src, notes.blocks...)
	notes.undo()
	if err != nil {
		return "", nil, err
	}
	for i, pt := range parts {
		s := &out[i]
		if s.Heading, err = r.html(src, pt.head); err != nil {
			return "", nil, err
		}
		notes := placeNotes(pt.blocks, src, pt.time.Max)
		s.Body, err = r.html(src, notes.blocks...)
		notes.undo()
		if err != nil {
			return "", nil, err
		}
		if notes.questions == 0 && pt.time.Max >= minutesForSectionNotes {
			s.Notes = clamp(pt.time.Max/sectionMinutesPerLine, minSectionNotes, maxSectionNotes)
		}
	}
	return html, out, nil
}

// placed is what placeNotes changed, to put back after the render.
type placed struct {
	questions int
	// blocks are the blocks to render: those given, each question written
	// as a block of its own replaced by its wrapper.
	blocks []ast.Node
	undos  []func()
}

func (p *placed) undo() {
	for i := len(p.undos) - 1; i >= 0; i-- {
		p.undos[i]()
	}
	p.undos = nil
}

// placeNotes puts ruled space after each question of blocks: a list item
// or paragraph that asks something, with its follow-ups. The questions
// share out the time box of their section, minutes (0 when unknown). A
// list item takes its notes inside it; a paragraph is wrapped with them
// in a Question block, so that paper keeps the two together.
func placeNotes(blocks []ast.Node, src []byte, minutes float64) *placed {
	var qs []ast.Node
	var find func(n ast.Node)
	find = func(n ast.Node) {
		switch n.Kind() {
		case ast.KindListItem, ast.KindParagraph:
			if isQuestion(n, src) {
				qs = append(qs, n)
				return
			}
		case ast.KindList, ast.KindBlockquote, markdown.KindContainer:
		default:
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			find(c)
		}
	}
	for _, b := range blocks {
		find(b)
	}
	p := &placed{questions: len(qs), blocks: slices.Clone(blocks)}
	lines := minLines
	if minutes > 0 && len(qs) > 0 {
		lines = clamp(minutes/float64(len(qs))/minutesPerLine, minLines, maxLines)
	}
	for _, q := range qs {
		n := markdown.NewNotes(lines)
		if q.Kind() == ast.KindListItem {
			q.AppendChild(q, n)
			_, had := q.AttributeString("class")
			q.SetAttributeString("class", []byte("kg-question"))
			p.undos = append(p.undos, func() {
				q.RemoveChild(q, n)
				if !had {
					q.RemoveAttributes()
				}
			})
			continue
		}
		parent, wrap := q.Parent(), markdown.NewQuestion()
		parent.InsertBefore(parent, q, wrap)
		wrap.AppendChild(wrap, q)
		wrap.AppendChild(wrap, n)
		if i := slices.Index(p.blocks, q); i >= 0 {
			p.blocks[i] = wrap
		}
		p.undos = append(p.undos, func() {
			parent.InsertBefore(parent, wrap, q)
			parent.RemoveChild(parent, wrap)
		})
	}
	return p
}

// isQuestion reports whether a list item or paragraph asks the candidate
// something. Its own text, follow-ups aside, holds a question mark and is
// more than a check-in such as "Sound good?" (an item of a numbered list
// may be as short as it likes); or it is numbered Q1, Q2…; or it is a
// prompt such as "Tell me about a time…" or "Walk us through…". Text that
// speaks of the candidate rather than to them — "Ask the candidate to…",
// a rubric's "Does the candidate…?" — is not a question, nor is a lead-in
// ending in a colon (its items may be), nor a checkpoint to tick.
func isQuestion(n ast.Node, src []byte) bool {
	own := []ast.Node{n}
	numbered := false
	if n.Kind() == ast.KindListItem {
		own = nil
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock {
				own = append(own, c)
			}
		}
		if l, ok := n.Parent().(*ast.List); ok {
			numbered = l.IsOrdered()
		}
	}
	var b strings.Builder
	for _, c := range own {
		if _, ok := c.FirstChild().(*east.TaskCheckBox); ok {
			return false
		}
		t, _ := blockText(c, src)
		b.WriteString(t + " ")
	}
	s := strings.TrimSpace(b.String())
	switch {
	case s == "" || strings.HasSuffix(s, ":"):
		return false
	case aboutTheCandidate.MatchString(s) && !toYou.MatchString(s):
		return false
	case questionNumber.MatchString(s):
		return true
	case strings.Contains(s, "?"):
		return numbered || len(strings.Fields(s)) >= minWordsInQuestion
	}
	return prompt.MatchString(s) || prompt.MatchString(s[len(lead.FindString(s)):])
}

func clamp(v float64, lo, hi int) int {
	return min(max(int(math.Round(v)), lo), hi)
}
