package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"kitgen/generator/content"
	"kitgen/generator/markdown"
	"kitgen/generator/theme"
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
		{"a question written as a paragraph of its own", "What kind of work environment brings out your best?\n", 15,
			[]string{"What kind of work environment brings out your best?"}, 6},
		{"code is no question", "```\nwhy() ? a : b; // four words at least?\n```\n", 10, nil, 0},
		{"prompts are questions",
			"- Tell me about a time you disagreed with your manager.\n- Describe event bubbling.\n- Walk me through your last launch.\n" +
				"- Explain `Function.prototype.bind`.\n- Give an example of a time-management skill you learned.\n- Share one of your trips with us.\n" +
				"- Prompt: “Describe how you handled secrets.”\n", 0,
			[]string{"Tell me about a time you disagreed with your manager.", "Describe event bubbling.", "Walk me through your last launch.",
				"Explain Function.prototype.bind.", "Give an example of a time-management skill you learned.", "Share one of your trips with us.",
				"Prompt: “Describe how you handled secrets.”"}, 3},
		{"short numbered questions", "1. Why leave?\n1. Strengths?\n", 0, []string{"Why leave?", "Strengths?"}, 3},
		{"instructions to the interviewer and rubric lines are not questions",
			"- Ask the candidate to explain their approach.\n- Check if candidate wants to take a break?\n" +
				"1. Communication - Does the candidate make clarifications and explain while coding?\n1. Testing - Was the code tested? Did they self-correct bugs?\n\n" +
				"- Asks appropriate clarifying questions\n- Describes trade-offs before coding\n", 0, nil, 0},
		{"an instruction that quotes a question asks it",
			"- Ask the candidate \"What if X was the input? What would your code produce?\"\n", 0,
			[]string{"Ask the candidate \"What if X was the input? What would your code produce?\""}, 3},
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
			_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				notes, ok := n.(*markdown.Notes)
				if !entering || !ok {
					return ast.WalkContinue, nil
				}
				q := n.PreviousSibling()
				if n.Parent().Kind() == ast.KindListItem {
					q = n.Parent().FirstChild()
				} else if n.Parent().Kind() != markdown.KindQuestion {
					t.Errorf("notes in a %s, not in a question", n.Parent().Kind())
				}
				s, _ := blockText(q, src)
				got = append(got, s)
				if notes.Ruled != tt.lines {
					t.Errorf("%d lines after %q, want %d", notes.Ruled, s, tt.lines)
				}
				return ast.WalkSkipChildren, nil
			})
			if len(got) != len(tt.want) || p.questions != len(tt.want) {
				t.Fatalf("notes after %q, want after %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("notes after %q, want after %q", got[i], tt.want[i])
				}
			}
			for _, b := range p.blocks {
				if b.Parent() != root {
					t.Errorf("a block to render, %s, is not in the document", b.Kind())
				}
			}
			p.undo()
			_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if n.Kind() == markdown.KindNotes || n.Kind() == markdown.KindQuestion {
					t.Errorf("undo left a %s in the tree", n.Kind())
				}
				if n.Kind() == ast.KindListItem && n.Attributes() != nil {
					t.Error("undo left a class on a list item")
				}
				return ast.WalkContinue, nil
			})
		})
	}
}

// renderer is a Renderer with the default theme and the given katas.
func renderer(t *testing.T, katas ...*content.Page) *Renderer {
	t.Helper()
	th, err := theme.Open(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(th, &Site{Title: "Test"}, content.IndexKatas(katas))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func page(t *testing.T, path, src string) *content.Page {
	t.Helper()
	p, err := content.ParsePage(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestQuestionParagraphGetsNotes is the bug of issue 16: a question
// written as a paragraph of its own in a section got no notes, and the
// section lost its own notes too, since it asked a question.
func TestQuestionParagraphGetsNotes(t *testing.T) {
	r := renderer(t)
	p := page(t, "content/scripts/k.md", "---\nid: k\ntype: interview_script\n---\n## S (15 minutes)\n\nWhat kind of work environment brings out your best?\n")
	o, errs := content.Parse(r.Markdown(), p, r.katas)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	out, err := r.PanelPage(o)
	if err != nil {
		t.Fatal(err)
	}
	b := out.HTML
	want := `<div class="kg-question">` + "\n<p>What kind of work environment brings out your best?</p>\n" + `<div class="kg-notes" aria-hidden="true"><span></span>`
	if !strings.Contains(string(b), want) {
		t.Errorf("the question has no notes:\n%s", b)
	}
	// The tree is as it was: a second render gives the same page.
	if again, _ := r.PanelPage(o); string(again.HTML) != string(b) {
		t.Error("a second render differs: the notes were left in the tree")
	}
}

// TestKataBrief: the section that names a kata prints the kata as the
// panel reads it, and the mention links to it; a kata that only
// frontmatter names goes to the end of the guide.
func TestKataBrief(t *testing.T) {
	kata := page(t, "content/katas/k.md", "---\nid: K-1\ntype: kata\ntitle: Tiny Kata\nlevel: intermediate\nvisibility: public\n---\n# Tiny Kata\n\n"+
		"## The problem {audience=both}\n\nSTATEMENT of the kata.\n\n```go\ntype Book interface{}\n```\n\n"+
		"## Practise {audience=candidate}\n\nCANDIDATE_ONLY practice.\n\n"+
		"## Approach {audience=both}\n\n::: candidate\nCANDIDATE_HINT\n:::\n\n::: panel\nSTRONG answers name a heap.\n:::\n\n"+
		"## Checkpoints {audience=panel}\n\n::: panel\n- [ ] CROSSED book\n\nFOLLOW-UPS when time allows.\n:::\n")
	other := page(t, "content/katas/o.md", "---\nid: K-2\ntype: kata\ntitle: Other Kata\nvisibility: public\n---\n## S {audience=both}\n\nOTHER statement.\n")
	r := renderer(t, kata, other)
	p := page(t, "content/scripts/k.md", "---\nid: k\ntype: interview_script\nvisibility: public\nkatas: [K-2]\n---\n## Intro (5 mins)\n\nHello.\n\n## Coding (40 mins)\n\n- Problem: Intermediate K-1 Tiny Kata.\n")
	o, errs := content.Parse(r.Markdown(), p, r.katas)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	out, err := r.PanelPage(o)
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.HTML)
	coding := page[strings.Index(page, "Coding"):]
	coding = coding[:strings.Index(coding, "</section>\n</section>")]
	for _, want := range []string{"STATEMENT of the kata", `<span class="nx">Book</span>`, "STRONG answers name a heap", "CROSSED book", "FOLLOW-UPS when time allows",
		`<a href="#kg-kata-k" class="kg-kata-ref" title="see the kata brief below">Intermediate K-1 Tiny Kata</a>`,
		`<h4 id="kg-kata-k-the-problem">The problem</h4>`} {
		if !strings.Contains(coding, want) {
			t.Errorf("the Coding section lacks %q:\n%s", want, coding)
		}
	}
	for _, not := range []string{"CANDIDATE_ONLY", "CANDIDATE_HINT", "<h3>Tiny Kata", "# Tiny Kata"} {
		if strings.Contains(page, not) {
			t.Errorf("the guide holds %q", not)
		}
	}
	appendix := page[strings.Index(page, `class="kg-appendix"`):]
	if !strings.Contains(appendix, "OTHER statement") {
		t.Errorf("the frontmatter kata is not at the end:\n%s", appendix)
	}
	if again, _ := r.PanelPage(o); string(again.HTML) != page {
		t.Error("a second render differs")
	}
	if _, prep, err := r.PrepPage(o, func(*content.Page) bool { return true }); err != nil || strings.Contains(string(prep.HTML), "kg-kata") {
		t.Errorf("the candidate's page has a brief, or fails: %v", err)
	}
}

// FuzzIsPromptAgreesWithLowerCasing: on ASCII text, finding a prompt by
// folding case as it compares agrees with lower casing the text's head
// first.
func FuzzIsPromptAgreesWithLowerCasing(f *testing.F) {
	for _, s := range []string{"Tell me about a time", "TELL US", "Prompt: Walk me through it", "Probe - describe", "\"Share a story\"", "Shared", "Q1", "tell"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) {
			if s[i] >= 0x80 {
				return
			}
		}
		model := false
		for _, t := range []string{s, afterLead(s)} {
			head := strings.ToLower(t[:min(len(t), 24)])
			model = model || slices.ContainsFunc(prompts, func(p string) bool { return startsWord(head, p) })
		}
		if got := isPrompt(s); got != model {
			t.Errorf("isPrompt(%q) = %v, lower casing says %v", s, got, model)
		}
	})
}
