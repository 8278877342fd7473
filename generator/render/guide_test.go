package render

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"kitgen/generator/markdown"
)

// TestPlaceNotes checks where ruled space goes in a section and how much.
func TestPlaceNotes(t *testing.T) {
	for _, tt := range []struct {
		name    string
		src     string
		minutes float64
		// want are the texts that get notes after them, and lines each.
		want  []string
		lines int
	}{
		{"a question and its follow-ups share one space",
			"- “Tell us about a time you improved performance?”\n  - Follow-up: “How did you measure it?”\n", 20,
			[]string{"“Tell us about a time you improved performance?”"}, 6},
		{"lead-ins are not questions, their items are",
			"- Validation:\n  - “What did you build, and why?”\n  - “What would you change now?”\n- Reminder: we use STAR.\n", 12,
			[]string{"“What did you build, and why?”", "“What would you change now?”"}, 4},
		{"numbered questions need no question mark", "- Q1 Root cause of the outage.\n- Q2 Testing philosophy.\n", 0,
			[]string{"Q1 Root cause of the outage.", "Q2 Testing philosophy."}, 3},
		{"check-ins and checkpoints are not questions", "- “Sound good?”\n- [ ] Asks why it broke before fixing it?\n", 10, nil, 0},
		{"a question in a paragraph", "::: panel\nProbe: \"What does a screen reader announce here?\"\n:::\n", 2,
			[]string{"Probe: \"What does a screen reader announce here?\""}, 3},
		{"code is no question", "```\nwhy() ? a : b; // four words at least?\n```\n", 10, nil, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			root := markdown.New().Parser().Parse(text.NewReader(src))
			var blocks []ast.Node
			for n := root.FirstChild(); n != nil; n = n.NextSibling() {
				blocks = append(blocks, n)
			}
			p := placeNotes(blocks, src, tt.minutes)
			var got []string
			for _, n := range p.nodes {
				q := n.PreviousSibling()
				if n.Parent().Kind() == ast.KindListItem {
					q = n.Parent()
				}
				if q.Kind() == ast.KindListItem {
					q = q.FirstChild()
				}
				s, _ := blockText(q, src)
				got = append(got, s)
				if l := n.(*markdown.Notes).Ruled; l != tt.lines {
					t.Errorf("%d lines after %q, want %d", l, s, tt.lines)
				}
			}
			if len(got) != len(tt.want) || p.questions != len(tt.want) {
				t.Fatalf("notes after %q, want after %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("notes after %q, want after %q", got[i], tt.want[i])
				}
			}
			p.undo()
			_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if n.Kind() == markdown.KindNotes {
					t.Error("undo left notes in the tree")
				}
				return ast.WalkContinue, nil
			})
		})
	}
}
