package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"kitgen/generator/content"
)

// Scorecard is the page the panel fills in by hand after the interview:
// each competency rated on a four-point scale with no middle, so that
// every rating leans one way, and an overall recommendation.
type Scorecard struct {
	Competencies []Row
	// From says where the competencies come from when the author did not
	// list them in frontmatter `scorecard:`, such as the script's
	// "Values:" line; "" when they did.
	From string
	// STAR is set when the script asks for STAR answers: the scorecard
	// then reminds the panel to note evidence that way.
	STAR     bool
	Outcomes []string
}

// CacheKey is what the scorecard shows, for {{cached}}: two kits with the
// same key get the same scorecard, rendered once. Each string is quoted,
// so that no two scorecards share a key; formatting the struct with %#v
// did the same through reflection, for every guide.
func (s *Scorecard) CacheKey() string {
	b := strconv.AppendQuote(nil, s.From)
	b = strconv.AppendBool(b, s.STAR)
	for _, o := range s.Outcomes {
		b = strconv.AppendQuote(b, o)
	}
	for _, r := range s.Competencies {
		b = strconv.AppendInt(append(b, ';'), int64(r.N), 10)
		b = strconv.AppendQuote(b, r.Name)
		for _, a := range r.Anchors {
			b = strconv.AppendQuote(b, a)
		}
	}
	return string(b)
}

// Row is a competency on the scorecard, numbered from 1 for the names
// of its fields on screen. Its fields are its own, not a Competency's
// promoted: a template finds a promoted field by a search that allocates,
// on every row of every guide.
type Row struct {
	N       int
	Name    string
	Anchors [content.Levels]string
}

var outcomes = []string{"Strong no", "No", "Yes", "Strong yes"}

// blankRows is how many unnamed rows a scorecard gets when the script
// names no competency: the panel writes in what they assessed.
const blankRows = 3

// scorecardOf reads the scorecard from the page's frontmatter
// `scorecard:`, or else from the values its script states. Errors name
// the field's line.
func scorecardOf(doc *content.Doc) (*Scorecard, error) {
	p := doc.Page
	sc := &Scorecard{Outcomes: outcomes, STAR: usesSTAR(doc)}
	if cs, err := content.Scorecard(p); err != nil {
		return nil, err
	} else if cs != nil {
		for _, c := range cs {
			sc.Competencies = append(sc.Competencies, Row{Name: c.Name, Anchors: c.Anchors})
		}
	} else if names, line := statedValues(doc); names != nil {
		sc.From = fmt.Sprintf("the values stated on line %d of the script", line)
		for _, n := range names {
			sc.Competencies = append(sc.Competencies, Row{Name: n})
		}
	}
	if len(sc.Competencies) == 0 {
		for range blankRows {
			sc.Competencies = append(sc.Competencies, Row{})
		}
	}
	for i := range sc.Competencies {
		sc.Competencies[i].N = i + 1
	}
	return sc, nil
}

var (
	// valuesLabel starts a statement of what the team hires for, as the
	// seed's `Values: "We hire for …"`.
	valuesLabel = regexp.MustCompile(`(?i)^\s*(?:our |core )?(?:values|competencies)\s*:\s*`)
	// leadIn is the sentence's start before the list: "We hire for",
	// "Our values are".
	leadIn = regexp.MustCompile(`(?i)^(?:we|our|at)\b[^,]*?\b(?:for|are|is|on|include|includes|value)\s+`)
	star   = regexp.MustCompile(`\bSTAR\b|Situation, Task, Action,? (?:and )?Result`)
)

// statedValues finds the first paragraph or list item that states values
// and returns them, with its line; nil when there is none. Items are
// separated by commas or semicolons; "&" and "and" inside an item are part
// of its name, as in "Ownership & Proactivity".
func statedValues(doc *content.Doc) ([]string, int) {
	var names []string
	line := 0
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || names != nil {
			return ast.WalkSkipChildren, nil
		}
		if n.Type() != ast.TypeBlock || n.HasChildren() && n.FirstChild().Type() == ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		text, off := blockText(n, doc.Page.Body)
		m := valuesLabel.FindStringIndex(text)
		if m == nil {
			return ast.WalkSkipChildren, nil
		}
		names = splitValues(text[m[1]:])
		line = doc.Page.Line(off)
		return ast.WalkStop, nil
	})
	return names, line
}

func splitValues(s string) []string {
	s = strings.Trim(strings.TrimSpace(s), "“”\"'.")
	s = leadIn.ReplaceAllString(s, "")
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		part = strings.TrimPrefix(strings.TrimPrefix(part, "and "), "or ")
		part = strings.Trim(strings.TrimSpace(part), "“”\"'.")
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// usesSTAR reports whether the script asks for answers in the STAR form
// (Situation, Task, Action, Result).
func usesSTAR(doc *content.Doc) bool {
	for _, r := range doc.Runs {
		// The regexp has no literal prefix to skip ahead by, so it would
		// backtrack through every run.
		if (strings.Contains(r.Text, "STAR") || strings.Contains(r.Text, "Situation")) && star.MatchString(r.Text) {
			return true
		}
	}
	return false
}

// blockText is the text of a leaf block's inlines, and the offset of its
// first text.
func blockText(n ast.Node, src []byte) (string, int) {
	var b strings.Builder
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if off < 0 {
				off = c.Segment.Start
			}
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String(), max(off, 0)
}
