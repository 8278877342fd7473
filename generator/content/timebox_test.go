package content

import (
	"testing"

	"kitgen/generator/markdown"
)

// TestTimeBoxErrorPointsAtTheTimeBox: an editor, or serve's overlay, puts
// the caret on the time box a build refuses, not on the heading's first
// letter.
func TestTimeBoxErrorPointsAtTheTimeBox(t *testing.T) {
	for _, c := range []struct {
		heading   string
		line, col int
	}{
		{"## Behavioral (25–20 mins)", 6, 15},
		{"## Behavioral (25–20 mins) {audience=both}", 6, 15},
		{"## Ask [Interviewer Name] about `x` (25–20 mins)", 6, 37},
		{"## Aside (not a box) (2–1 hrs)", 6, 22},
		{"## Forever (99999 hours)", 6, 12},
	} {
		p, err := ParsePage("content/scripts/a.md", []byte("---\nid: a\ntype: interview_script\n---\n\n"+c.heading+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, errs := Parse(markdown.New(), p, IndexKatas(nil))
		if len(errs) != 1 || errs[0].Line != c.line || errs[0].Col != c.col {
			t.Errorf("%q: %v, want one error at %d:%d", c.heading, errs, c.line, c.col)
		}
	}
}
