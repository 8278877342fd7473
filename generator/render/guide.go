package render

import (
	"bytes"
	"html/template"
	"math"
	"regexp"
	"strings"
	"sync"

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
	// Checkpoints are those of the katas the section names, to tick.
	Checkpoints []Checkpoints
	// Notes is how many ruled lines follow the section: set when the
	// section asks no question that has notes of its own.
	Notes int
	// section is its index in the document's sections.
	section int
}

// Checkpoints are a kata's checkpoints: its panel task lists.
type Checkpoints struct {
	Kata KataLink
	List template.HTML
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

// questionNumber is a numbered question such as "Q3 Testing philosophy".
var questionNumber = regexp.MustCompile(`^Q\d+\b`)

// guide renders the panel's view of o's body section by section: what
// comes before the first section, without the `#` title the cover
// already shows, and each section with its clock, ruled space after each
// question and its katas' checkpoints. rows are the outline's rows, one
// per section.
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
	html, err := r.html(src, pre...)
	if err != nil {
		return "", nil, err
	}
	for i, pt := range parts {
		s := &out[i]
		if s.Heading, err = r.html(src, pt.head); err != nil {
			return "", nil, err
		}
		notes := placeNotes(pt.blocks, src, pt.time.Max)
		s.Body, err = r.html(src, pt.blocks...)
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

// placed is the notes placeNotes added, to take out after the render.
type placed struct {
	questions int
	nodes     []ast.Node
}

func (p *placed) undo() {
	for _, n := range p.nodes {
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

// placeNotes puts ruled space after each question block of a section: a
// list item or paragraph that asks something, with its follow-ups. The
// questions share out the section's time box.
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
	p := &placed{questions: len(qs)}
	lines := minLines
	if minutes > 0 && len(qs) > 0 {
		lines = clamp(minutes/float64(len(qs))/minutesPerLine, minLines, maxLines)
	}
	for _, q := range qs {
		n := markdown.NewNotes(lines)
		if q.Kind() == ast.KindListItem {
			q.AppendChild(q, n)
		} else {
			q.Parent().InsertAfter(q.Parent(), q, n)
		}
		p.nodes = append(p.nodes, n)
	}
	return p
}

// isQuestion reports whether a list item or paragraph asks the candidate
// something: its own text, follow-ups aside, holds a question mark and is
// more than a check-in such as "Sound good?", or it is numbered Q1, Q2….
// Checkpoints to tick are not questions.
func isQuestion(n ast.Node, src []byte) bool {
	own := []ast.Node{n}
	if n.Kind() == ast.KindListItem {
		own = nil
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() == ast.KindParagraph || c.Kind() == ast.KindTextBlock {
				own = append(own, c)
			}
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
	return questionNumber.MatchString(s) || strings.Contains(s, "?") && len(strings.Fields(s)) >= minWordsInQuestion
}

func clamp(v float64, lo, hi int) int {
	return min(max(int(math.Round(v)), lo), hi)
}

// checkpointCache holds each kata's checkpoints, rendered once.
type checkpointCache struct {
	mu sync.Mutex
	m  map[*content.Page]template.HTML
}

// checkpoints renders kata k's checkpoints: the task lists in its
// `::: panel` blocks, as `kitgen check` defines them.
func (r *Renderer) checkpoints(k *content.Page) (template.HTML, error) {
	r.cps.mu.Lock()
	defer r.cps.mu.Unlock()
	if h, ok := r.cps.m[k]; ok {
		return h, nil
	}
	doc, _ := content.Parse(r.md, k, r.katas)
	var b bytes.Buffer
	var err error
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		c, ok := n.(*markdown.Container)
		if !entering || !ok || string(c.Name) != "panel" {
			return ast.WalkContinue, nil
		}
		for l := c.FirstChild(); l != nil; l = l.NextSibling() {
			if l.Kind() == ast.KindList && hasTask(l) {
				if err = r.md.Renderer().Render(&b, k.Body, l); err != nil {
					return ast.WalkStop, err
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return "", err
	}
	if r.cps.m == nil {
		r.cps.m = map[*content.Page]template.HTML{}
	}
	r.cps.m[k] = template.HTML(b.String())
	return r.cps.m[k], nil
}

func hasTask(list ast.Node) bool {
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if tb := it.FirstChild(); tb != nil {
			if _, ok := tb.FirstChild().(*east.TaskCheckBox); ok {
				return true
			}
		}
	}
	return false
}
