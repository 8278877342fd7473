package audience

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"kitgen/generator/markdown"
)

// doc builds a well-formed document from fuzz bytes and predicts, with a
// model written apart from Prune, which canary words each reader may see.
type doc struct {
	b      strings.Builder
	sees   map[string]Audience
	n      int
	mark   string // current section's mark; "-" before the first section
	stack  []Audience
	inList bool
	// head is the current section's heading word and who may read its
	// title; the candidate reads it in the body only if the section has a
	// body for them (otherwise it is on the agenda alone).
	head    string
	title   Audience
	hasCand bool
}

func (d *doc) endSection() {
	if d.head != "" && !d.hasCand {
		d.sees[d.head] = d.title &^ Candidate
	}
	d.head, d.hasCand = "", false
}

func (d *doc) see(w string, a Audience) {
	d.sees[w] = a
	if a.Has(Candidate) {
		d.hasCand = true
	}
}

func (d *doc) word(prefix string) string {
	d.n++
	return fmt.Sprintf("%s%dX", prefix, d.n)
}

func (d *doc) bodyAudience() Audience {
	a, limit := Panel, Both
	if d.mark != "" && d.mark != "-" {
		a, _ = Parse(d.mark)
		limit = a
	}
	for _, c := range d.stack {
		limit &= c
		a = limit
	}
	return a
}

func (d *doc) endList() {
	if d.inList {
		d.b.WriteString("\n")
		d.inList = false
	}
}

func (d *doc) step(op byte) {
	marks := []string{"", "both", "candidate", "panel"}
	switch op % 8 {
	case 0: // a section
		d.endList()
		for range d.stack {
			d.b.WriteString(":::\n\n")
		}
		d.stack = nil
		d.mark = marks[int(op/8)%len(marks)]
		w := d.word("HEAD")
		attr := ""
		if d.mark != "" {
			attr = " {audience=" + d.mark + "}"
		}
		fmt.Fprintf(&d.b, "## %s (5 mins)%s\n\n", w, attr)
		d.endSection()
		d.title, _, _ = Section(d.mark)
		d.head = w
		d.sees[w] = d.title
	case 1, 2: // a paragraph
		d.endList()
		w := d.word("TEXT")
		fmt.Fprintf(&d.b, "%s and *%s*.\n\n", w, d.word("EM"))
		d.see(w, d.bodyAudience())
		d.see(fmt.Sprintf("EM%dX", d.n), d.bodyAudience())
	case 3: // open a container
		d.endList()
		name := []string{"panel", "candidate", "both"}[int(op/8)%3]
		a, _ := Parse(name)
		d.stack = append(d.stack, a)
		fmt.Fprintf(&d.b, "::: %s\n", name)
		if d.bodyAudience().Has(Candidate) {
			d.hasCand = true
		}
	case 4: // close a container
		if len(d.stack) > 0 {
			d.endList()
			d.stack = d.stack[:len(d.stack)-1]
			d.b.WriteString(":::\n\n")
		}
	case 5: // a list item with a placeholder: the label is never the candidate's
		w, label := d.word("ITEM"), d.word("Blank")
		fmt.Fprintf(&d.b, "- %s [%s]\n", w, label)
		d.inList = true
		d.see(w, d.bodyAudience())
		d.sees[label] = d.bodyAudience() &^ Candidate
	case 6: // code
		d.endList()
		w := d.word("CODE")
		fmt.Fprintf(&d.b, "```\n%s\n::: candidate\n## not a heading\n```\n\n", w)
		d.see(w, d.bodyAudience())
	case 7: // an image, a link and a sub-heading
		d.endList()
		alt, dest, h := d.word("ALT"), d.word("DEST"), d.word("SUB")
		fmt.Fprintf(&d.b, "### %s\n\n![%s](%s.png \"%s\")\n\n", h, alt, dest, d.word("TITLE"))
		for _, w := range []string{alt, dest, h, fmt.Sprintf("TITLE%dX", d.n)} {
			d.see(w, d.bodyAudience())
		}
	}
}

func renderTree(t *testing.T, md goldmark.Markdown, root ast.Node, src []byte, r Audience) []byte {
	undo := Prune(root, r)
	defer undo()
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, root); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// render renders src for r twice from one parse, each reader in turn, and
// checks that the tree Prune put back renders as a fresh parse does.
func render(t *testing.T, src []byte, r Audience) []byte {
	md := markdown.New()
	other := Candidate
	if r == Candidate {
		other = Panel
	}
	shared := md.Parser().Parse(text.NewReader(src))
	renderTree(t, md, shared, src, other)
	got := renderTree(t, md, shared, src, r)
	fresh := renderTree(t, md, md.Parser().Parse(text.NewReader(src)), src, r)
	if !bytes.Equal(got, fresh) {
		t.Fatalf("%s after %s differs from a fresh parse:\n%s\n---\n%s", r, other, got, fresh)
	}
	return got
}

func FuzzPruneAgreesWithModel(f *testing.F) {
	for _, seed := range []string{"\x00\x01\x03\x01\x04\x01", "\x08\x01\x0b\x03\x01\x04\x04\x05", "\x10\x03\x0b\x01\x04\x05\x06\x07", "\x18\x01\x05\x05\x02\x13\x01\x03\x06"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		d := &doc{sees: map[string]Audience{}, mark: "-"}
		d.b.WriteString("# TITLE0X\n\nPREAMBLE0X\n\n")
		d.sees["TITLE0X"], d.sees["PREAMBLE0X"] = Panel, Panel
		for _, op := range ops {
			d.step(op)
		}
		d.endSection()
		src := []byte(d.b.String())
		for _, r := range []Audience{Candidate, Panel} {
			out := render(t, src, r)
			for w, a := range d.sees {
				if got := bytes.Contains(out, []byte(w)); got != a.Has(r) {
					t.Fatalf("%s sees %s = %v, want %v\nsource:\n%s\noutput:\n%s", r, w, got, a.Has(r), src, out)
				}
			}
		}
	})
}

func TestSectionMarks(t *testing.T) {
	for _, tt := range []struct {
		mark        string
		title, body Audience
		ok          bool
	}{
		{"", Both, Panel, true},
		{"both", Both, Both, true},
		{"candidate", Candidate, Candidate, true},
		{"panel", Panel, Panel, true},
		{"pannel", 0, 0, false},
	} {
		title, body, ok := Section(tt.mark)
		if title != tt.title || body != tt.body || ok != tt.ok {
			t.Errorf("Section(%q) = %v, %v, %v", tt.mark, title, body, ok)
		}
	}
}

func TestOnlyAllowListedFieldsReachCandidates(t *testing.T) {
	for _, key := range []string{"id", "author", "quality_score", "tags", "version", "visibility", "type", "katas", "salary", ""} {
		if FieldFor(key, Candidate) {
			t.Errorf("candidate may see %q", key)
		}
		if !FieldFor(key, Panel) {
			t.Errorf("panel may not see %q", key)
		}
	}
	for _, key := range []string{"domain", "duration", "last_updated", "title"} {
		if !FieldFor(key, Candidate) {
			t.Errorf("candidate may not see %q", key)
		}
	}
}
