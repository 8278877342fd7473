package render

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"kitgen/generator/content"
	"kitgen/generator/diag"
)

// Scorecard is the page the panel fills in by hand after the interview:
// each competency rated on a four-point scale with no middle, so that
// every rating leans one way, and an overall recommendation.
type Scorecard struct {
	Competencies []Competency
	// From says where the competencies come from when the author did not
	// list them in frontmatter `scorecard:`, such as the script's
	// "Values:" line; "" when they did.
	From string
	// STAR is set when the script asks for STAR answers: the scorecard
	// then reminds the panel to note evidence that way.
	STAR     bool
	Outcomes []string
}

// Competency is a row of the scorecard: what is assessed and, per level
// from 1 to 4, the behaviour that earns it where the author wrote one
// down. The levels' names are the theme's (partials/scorecard.html): a
// four-point scale with no neutral middle, so that a 2 is a no and a 3 a
// yes, the way the overall recommendation reads.
type Competency struct {
	Name    string
	Anchors [levels]string
}

const levels = 4

var outcomes = []string{"Strong no", "No", "Yes", "Strong yes"}

// blankRows is how many unnamed rows a scorecard gets when the script
// names no competency: the panel writes in what they assessed.
const blankRows = 3

// scorecardOf reads p's scorecard from frontmatter `scorecard:`, or else
// from the values the script states in doc. Errors name the field's line.
func scorecardOf(p *content.Page, doc *content.Doc) (*Scorecard, error) {
	sc := &Scorecard{Outcomes: outcomes, STAR: usesSTAR(p, doc)}
	if f, ok := p.Field("scorecard"); ok {
		cs, err := competencies(f.Value)
		if err != nil {
			return nil, diag.Errorf(p.Path, f.Line, "scorecard: %w", err)
		}
		sc.Competencies = cs
	} else if names, line := statedValues(p, doc); names != nil {
		sc.From = fmt.Sprintf("the values stated on line %d of the script", line)
		for _, n := range names {
			sc.Competencies = append(sc.Competencies, competency(n, nil))
		}
	}
	if len(sc.Competencies) == 0 {
		for range blankRows {
			sc.Competencies = append(sc.Competencies, competency("", nil))
		}
	}
	return sc, nil
}

func competency(name string, anchors map[int]string) Competency {
	c := Competency{Name: name}
	for i := range c.Anchors {
		c.Anchors[i] = anchors[i+1]
	}
	return c
}

const scorecardForm = "write a list of names, or of {name, anchors} with anchors for levels 1 to 4"

// competencies decodes the frontmatter value: a list whose entries are
// names, or maps with a name and anchors, keyed 1 to 4 or listed from 1.
func competencies(v any) ([]Competency, error) {
	var list []any
	switch v := v.(type) {
	case []any:
		list = v
	case []map[string]any:
		// TOML's [[scorecard]] tables.
		for _, m := range v {
			list = append(list, m)
		}
	default:
		return nil, fmt.Errorf("not a list; %s", scorecardForm)
	}
	var out []Competency
	for i, e := range list {
		switch e := e.(type) {
		case string:
			if strings.TrimSpace(e) == "" {
				return nil, fmt.Errorf("entry %d is empty", i+1)
			}
			out = append(out, competency(strings.TrimSpace(e), nil))
		case map[string]any, map[any]any:
			c, err := competencyMap(stringKeys(e))
			if err != nil {
				return nil, fmt.Errorf("entry %d: %w", i+1, err)
			}
			out = append(out, c)
		default:
			return nil, fmt.Errorf("entry %d is a %T; %s", i+1, e, scorecardForm)
		}
	}
	return out, nil
}

func competencyMap(m map[string]any) (Competency, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "name" && k != "anchors" {
			return Competency{}, fmt.Errorf("unknown key %q; an entry takes name and anchors", k)
		}
	}
	name, _ := m["name"].(string)
	if strings.TrimSpace(name) == "" {
		return Competency{}, fmt.Errorf("no name; %s", scorecardForm)
	}
	anchors := map[int]string{}
	switch a := m["anchors"].(type) {
	case nil:
	case []any:
		if len(a) > levels {
			return Competency{}, fmt.Errorf("%d anchors for a %d-point scale", len(a), levels)
		}
		for i, s := range a {
			anchors[i+1] = fmt.Sprint(s)
		}
	case map[string]any, map[any]any:
		for k, s := range stringKeys(a) {
			n, err := strconv.Atoi(k)
			if err != nil || n < 1 || n > levels {
				return Competency{}, fmt.Errorf("anchor %q is not a level; levels are 1 to %d", k, levels)
			}
			anchors[n] = fmt.Sprint(s)
		}
	default:
		return Competency{}, fmt.Errorf("anchors of %s are a %T; key them by level, 1 to 4", name, a)
	}
	return competency(strings.TrimSpace(name), anchors), nil
}

// stringKeys gives YAML maps with non-string keys (`1: …`) the string keys
// that TOML and YAML's string-keyed maps have.
func stringKeys(m any) map[string]any {
	switch m := m.(type) {
	case map[string]any:
		return m
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, v := range m {
			out[fmt.Sprint(k)] = v
		}
		return out
	}
	return nil
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
func statedValues(p *content.Page, doc *content.Doc) ([]string, int) {
	var names []string
	line := 0
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || names != nil {
			return ast.WalkSkipChildren, nil
		}
		if n.Type() != ast.TypeBlock || n.HasChildren() && n.FirstChild().Type() == ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		text, off := blockText(n, p.Body)
		m := valuesLabel.FindStringIndex(text)
		if m == nil {
			return ast.WalkSkipChildren, nil
		}
		names = splitValues(text[m[1]:])
		line = p.Line(off)
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
func usesSTAR(p *content.Page, doc *content.Doc) bool {
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
