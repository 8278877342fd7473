package content

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"

	"kitgen/generator/diag"
	"kitgen/generator/markdown"
)

func TestSplitTimeBox(t *testing.T) {
	for _, tt := range []struct {
		heading, title string
		lo, hi         float64
		err            string
	}{
		{"0) Introduction (5 mins)", "0) Introduction", 5, 5, ""},
		{"Rapport Building (2–3 mins)", "Rapport Building", 2, 3, ""},
		{"Closing (2-3 min)", "Closing", 2, 3, ""},
		{"Design (45 minutes)", "Design", 45, 45, ""},
		{"Onsite (1 hr)", "Onsite", 60, 60, ""},
		{"Deep dive (1.5 hours)", "Deep dive", 90, 90, ""},
		{"Q&A (10 to 15 m)", "Q&A", 10, 15, ""},
		{"Behavioral (20 — 25 Mins.)", "Behavioral", 20, 25, ""},
		{"No box", "No box", 0, 0, ""},
		{"Not at the end (5 mins) here", "Not at the end (5 mins) here", 0, 0, ""},
		{"Backwards (25–20 mins)", "", 0, 0, "runs backwards"},
		{"Overflow (99999999999999999999999 mins)", "", 0, 0, "longer than a day"},
		{"Too long (25 hours)", "", 0, 0, "longer than a day"},
	} {
		title, tb, err := splitTimeBox(tt.heading)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want %q", tt.heading, err, tt.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.heading, err)
		case title != tt.title || tb.Min != tt.lo || tb.Max != tt.hi:
			t.Errorf("%q = %q %v–%v, want %q %v–%v", tt.heading, title, tb.Min, tb.Max, tt.title, tt.lo, tt.hi)
		}
	}
}

func TestClockAndSpan(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Clock(0), "0:00"}, {Clock(7), "0:07"}, {Clock(114), "1:54"},
		{Span(5, 5), "5 min"}, {Span(20, 25), "20–25 min"}, {Span(114, 146), "1 h 54 min – 2 h 26 min"}, {Span(60, 60), "1 h"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestFrontmatterFormatsAndLines(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		bodyLine  int
		typeLine  int
	}{
		{"yaml", "---\nid: a\ntype: interview_script\n---\n## S\n", 5, 3},
		{"toml", "+++\nid = \"a\"\ntype = \"interview_script\"\n+++\n## S\n", 5, 3},
		{"crlf", "---\r\nid: a\r\ntype: interview_script\r\n---\r\n## S\r\n", 5, 3},
		{"bom and blank lines", "\uFEFF\n\n---\nid: a\ntype: interview_script\n---\n## S\n", 7, 5},
		{"unicode", "---\nid: a\ntitle: Entwickler*in — Über uns 🚀\ntype: interview_script\n---\n## S\n", 6, 4},
	} {
		p, err := ParsePage("content/scripts/a.md", []byte(tt.src))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		f, _ := p.Field("type")
		if p.BodyLine != tt.bodyLine || f.Line != tt.typeLine || p.ID != "a" || p.Kind != Script {
			t.Errorf("%s: body line %d, type line %d, id %q; want %d, %d", tt.name, p.BodyLine, f.Line, p.ID, tt.bodyLine, tt.typeLine)
		}
		if !strings.HasPrefix(string(p.Body), "## S") {
			t.Errorf("%s: body %q", tt.name, p.Body)
		}
	}
}

func TestParseReadsSectionsPlaceholdersAndKataReferences(t *testing.T) {
	kata, err := ParsePage("content/katas/k.md", []byte("---\nid: I-3\ntype: kata\ntitle: Mini Matching Engine\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParsePage("content/scripts/s.md", []byte(`---
id: s
type: interview_script
---
# Title

## Intro (5 mins) {audience=both}
Hi, I'm [Interviewer Name].

## Pairing (35–45 mins)
- Problem: Intermediate I-3 Mini Matching Engine.
- Again: the Mini Matching Engine, or I-3.
`))
	if err != nil {
		t.Fatal(err)
	}
	d, errs := Parse(markdown.New(), p, IndexKatas([]*Page{kata}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d.Title != "Title" || len(d.Sections) != 2 {
		t.Fatalf("title %q, %d sections", d.Title, len(d.Sections))
	}
	s := d.Sections[1]
	if s.Title != "Pairing" || s.Line != 10 || s.Time.Min != 35 || s.Time.Max != 45 || s.Mark != "" {
		t.Errorf("section = %+v", s)
	}
	if len(d.Placeholders) != 1 || d.Placeholders[0] != (Placeholder{"Interviewer Name", 8}) {
		t.Errorf("placeholders = %+v", d.Placeholders)
	}
	if len(d.Refs) != 1 || d.Refs[0].Kata != kata || d.Refs[0].Line != 11 || d.Refs[0].TextLine != 11 {
		t.Errorf("refs = %+v", d.Refs)
	}

	// Named in frontmatter first, the kata keeps the line of its first
	// mention in the text too.
	p.Fields = append(p.Fields, Field{Key: "katas", Value: []any{"I-3"}, Text: "I-3", Line: 4})
	d, _ = Parse(markdown.New(), p, IndexKatas([]*Page{kata}))
	if len(d.Refs) != 1 || d.Refs[0].Line != 4 || d.Refs[0].TextLine != 11 {
		t.Errorf("refs with katas: = %+v", d.Refs)
	}
}

// FuzzParse feeds any bytes through the loader and the outline: errors are
// fine, panics are not, and every error names the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\nid: a\ntype: interview_script\nkatas: [I-3]\n---\n# T\n## S (5 mins) {audience=both}\n::: panel\n[Name] Intermediate I-3\n:::\n"))
	f.Add([]byte("+++\nid = \"a\"\ntype = \"kata\"\n+++\n## S (25–20 mins)\n::: candidate\n"))
	f.Add([]byte("---\nid: ../x\ntype: [\n---\n"))
	f.Add([]byte("\xff\xfe\x00"))
	f.Add([]byte("---\n- a\n- b\n---\n"))
	f.Add([]byte("---\nid: a\ntype: interview_script\n---\n## S (99999999999999999999999 hrs)\n"))
	md := markdown.New()
	kata, _ := ParsePage("content/katas/k.md", []byte("---\nid: I-3\ntype: kata\ntitle: Mini Matching Engine\n---\n"))
	katas := IndexKatas([]*Page{kata})
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePage("content/scripts/f.md", src)
		if err != nil {
			var d *diag.Diagnostic
			var l diag.List
			if !errors.As(err, &d) && !errors.As(err, &l) {
				t.Fatalf("error without a place: %v", err)
			}
			if !strings.Contains(err.Error(), "content/scripts/f.md") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		_, errs := Parse(md, p, katas)
		for _, e := range errs {
			if e.File != p.Path || e.Line < p.BodyLine-1 {
				t.Fatalf("error at %s:%d, body starts at %d: %v", e.File, e.Line, p.BodyLine, e)
			}
		}
	})
}

// TestCheckpointsAreTheTasksOnlyThePanelReads: task lists in a ::: panel
// block or a panel section are checkpoints; one the candidate reads is a
// to-do of theirs.
func TestCheckpointsAreTheTasksOnlyThePanelReads(t *testing.T) {
	p, err := ParsePage("content/katas/k.md", []byte(`---
id: K-1
type: kata
visibility: public
---
## Statement {audience=both}

- [ ] Read the brief

::: panel
- [ ] Crossed book
:::

## Guidance {audience=panel}

- [ ] FIFO at a level
- A plain item
`))
	if err != nil {
		t.Fatal(err)
	}
	d, errs := Parse(markdown.New(), p, IndexKatas(nil))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var got []string
	for _, c := range d.Checkpoints() {
		got = append(got, InlineText(c, p.Body))
	}
	if want := []string{"Crossed book", "FIFO at a level"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("checkpoints %q, want %q", got, want)
	}
}

// FuzzFrontmatterBody: the body splitFrontmatter takes from the source,
// having fed the library a line at a time and stopped at the block, is
// the body the library returns when it reads the whole file.
func FuzzFrontmatterBody(f *testing.F) {
	long := strings.Repeat("x", 5000)
	f.Add([]byte("---\nid: a\n---\n## S\n"))
	f.Add([]byte("\n\n+++\nid = \"a\"\n+++\nbody"))
	f.Add([]byte("---\nid: a\n---\n"))
	f.Add([]byte("---\nid: a\n---"))
	f.Add([]byte("---\ntitle: " + long + "\n---\n" + long + "\n" + long))
	f.Add([]byte("---\nid: a\n---\n" + strings.Repeat("line\n", 2000)))
	f.Add([]byte("---\nid: [\n---\nbody\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, body, _, err := splitFrontmatter(src)
		if err != nil {
			return
		}
		var v struct{}
		noop := func([]byte, any) error { return nil }
		want, err := frontmatter.MustParse(bytes.NewReader(src), &v,
			frontmatter.NewFormat("---", "---", noop), frontmatter.NewFormat("+++", "+++", noop))
		if err != nil {
			t.Fatalf("the library fails where splitFrontmatter did not: %v", err)
		}
		if !bytes.Equal(body, want) {
			t.Fatalf("body %q, the library's %q", body, want)
		}
	})
}
