package render

import (
	"html/template"
	"math"
	"slices"
	"strings"
	"unicode"

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
	// The row's fields are its own, not a PanelSection embedded: a
	// template reaches a promoted field through reflect's FieldByNameFunc,
	// which searches and allocates on every use.
	Title, ID, Time, Clock, Note string
	Heading, Body                template.HTML
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

// numberedQ reports whether s starts with a question's number, such as
// "Q3 Testing philosophy".
func numberedQ(s string) bool {
	i := 1
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return len(s) > 1 && s[0] == 'Q' && i > 1 && (i == len(s) || !isWordByte(s[i]))
}

// prompts are the imperatives that ask for an answer, the usual form of a
// behavioural question: "Tell me about a time…", "Walk us through…".
var prompts = []string{
	"tell me", "tell us", "describe", "walk me through", "walk us through", "take me through", "take us through",
	"talk about", "talk through", "talk me through", "talk us through", "explain", "give an example", "give me an example",
	"give us an example", "give an instance", "share", "name a", "name one", "think of a time", "think about a time",
	"recall a time", "imagine",
}

// Words that speak of the candidate rather than to them: an instruction
// to the interviewer ("Ask the candidate to…") or a rubric line ("Does the
// candidate test their code?", "Did they self-correct?").
var (
	ofTheCandidate   = []string{"the candidate", "the candidates", "a candidate", "each candidate", "candidate's", "candidate’s"}
	toTheInterviewer = []string{"ask", "check", "make sure", "ensure", "let", "stop", "remind", "note whether"}
	auxiliaries      = []string{"does", "did", "is", "was", "were", "can", "could", "has", "have"}
	thirdPersons     = []string{"they", "he", "she"}
	// toYou is text that speaks to the candidate: `Ask the candidate
	// "What would your code produce?"` is a question after all.
	toYou = []string{"you", "your", "yours", "yourself"}
)

// aboutTheCandidate reports whether lower, a text in lower case, speaks of
// the candidate and not to them. Word lists rather than a regexp: it
// reads every question of every guide.
func aboutTheCandidate(lower string) bool {
	if slices.ContainsFunc(toYou, func(w string) bool { return hasWord(lower, w) }) {
		return false
	}
	if slices.ContainsFunc(ofTheCandidate, func(w string) bool { return hasWord(lower, w) }) {
		return true
	}
	if slices.ContainsFunc(toTheInterviewer, func(w string) bool { return startsWord(lower, w) }) {
		return true
	}
	for _, p := range thirdPersons {
		if !hasWord(lower, p) {
			continue
		}
		for _, aux := range auxiliaries {
			if hasWord(lower, aux+" "+p) {
				return true
			}
		}
	}
	return false
}

// hasWord reports whether w stands in s as whole words.
func hasWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		if (a == 0 || !isWordByte(s[a-1])) && (b == len(s) || !isWordByte(s[b])) {
			return true
		}
		i = a + 1
	}
}

// startsWord reports whether s starts with w as whole words.
func startsWord(s, w string) bool {
	return strings.HasPrefix(s, w) && (len(s) == len(w) || !isWordByte(s[len(w)]))
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// isPrompt reports whether s starts with a prompt, itself or after a
// label ("Prompt:", "Probe —") and opening quotes. It compares prefixes
// rather than run a regexp: it reads every list item of every guide.
func isPrompt(s string) bool {
	for _, t := range [2]string{s, afterLead(s)} {
		for _, p := range prompts {
			if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) && (len(t) == len(p) || !isWordByte(t[len(p)])) {
				return true
			}
		}
	}
	return false
}

// afterLead is s without a label of up to 40 bytes that ends in a colon
// or a dash ("Prompt: …", "Probe — …") and without opening quotes.
func afterLead(s string) string {
	head := s[:min(len(s), 44)]
	if i := strings.Index(head, ": "); i > 0 {
		s = s[i+2:]
	} else {
		for _, dash := range []string{" - ", " – ", " — "} {
			if i := strings.Index(head, dash); i > 0 {
				s = s[i+len(dash):]
				break
			}
		}
	}
	return strings.TrimLeft(s, "\"“‘'( ")
}

// guide renders the panel's view of o's body section by section: what
// comes before the first section, without the `#` title the cover
// already shows, and each section with its clock and ruled space after
// each question. rows are the outline's rows, one per section.
func (r *Renderer) guide(o *content.Doc, view *audience.View, rows []PanelSection) (preamble template.HTML, out []GuideSection, err error) {
	src := o.Page.Body
	index := map[ast.Node]int{}
	for i, s := range o.Sections {
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
			parts = append(parts, part{head: n, time: o.Sections[i].Time})
			row := rows[i]
			out = append(out, GuideSection{Title: row.Title, ID: row.ID, Time: row.Time, Clock: row.Clock, Note: row.Note, section: i})
			continue
		}
		if len(parts) > 0 {
			parts[len(parts)-1].blocks = append(parts[len(parts)-1].blocks, n)
			continue
		}
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 && o.Title != "" && len(pre) == 0 {
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
	// Every block of every kit is asked: its text is gathered once, into
	// one buffer.
	var b []byte
	for _, c := range own {
		if _, ok := c.FirstChild().(*east.TaskCheckBox); ok {
			return false
		}
		b = markdown.Text(b, c, src, func(b, _ []byte) []byte { return b })
		b = append(b, ' ')
	}
	s := strings.TrimSpace(string(b))
	if s == "" || strings.HasSuffix(s, ":") {
		return false
	}
	asks := numberedQ(s) ||
		strings.Contains(s, "?") && (numbered || words(s) >= minWordsInQuestion) ||
		isPrompt(s)
	return asks && !aboutTheCandidate(strings.ToLower(s))
}

// words counts the words of s, as strings.Fields splits them.
func words(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

func clamp(v float64, lo, hi int) int {
	return min(max(int(math.Round(v)), lo), hi)
}
