package audience_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	. "kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

// doc builds a document from fuzz bytes and predicts, with a model written
// apart from Prune and Check, which canary words each reader may see and
// whether the document has an audience error. The model knows the rules as
// the README states them: deny by default, marks and containers only
// narrow, and anything that looks like a mark or a fence but does not read
// exactly is an error and counts as the panel's.
type doc struct {
	b    strings.Builder
	sees map[string]Audience
	n    int
	// bad says why the document must fail, "" when it must not; deep
	// that a fence went past the nesting limit, after which the candidate
	// reads nothing and the panel's view is not the model's to say.
	bad  string
	deep bool
	// part: the preamble (mark "-"), a section (its mark, "" unmarked,
	// "?" unreadable) or a panel part ("#").
	mark    string
	started bool
	stack   []Audience
	inList  bool
	// head is the current section's heading word and who may read its
	// title; the candidate reads it in the body only if the section has a
	// body for them (otherwise it is on the agenda alone).
	head    string
	title   Audience
	hasCand bool
	// refs are the reference definitions, by label, with who reads the
	// first; links are who reads each link that uses one.
	refs  map[string]Audience
	links map[string]Audience
}

func (d *doc) fail(why string) {
	if d.bad == "" {
		d.bad = why
	}
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

// bodyAudience is who reads a block written here.
func (d *doc) bodyAudience() Audience {
	a, limit := Panel, Both
	switch d.mark {
	case "-", "":
	case "#", "?":
		limit = Panel
	default:
		a, _ = Parse(d.mark)
		limit = a
	}
	for _, c := range d.stack {
		if c == inherit {
			// An admonition is read as the place around it is.
			limit = a
			continue
		}
		limit &= c
		a = limit
	}
	return a
}

// inherit stands in the model's stack for an admonition, which has no
// audience of its own.
const inherit Audience = 1 << 7

// admonitions are the ways an admonition opens, %s its title when it has
// one: Docusaurus's and VuePress's, in any case.
var admonitions = []string{":::tip", "::: note %s", ":::warning[%s]", "::: CAUTION", ":::info [ %s ]", ":::danger"}

func (d *doc) endList() {
	if d.inList {
		d.b.WriteString("\n")
		d.inList = false
	}
}

// closeAll closes the open containers, before a new part.
func (d *doc) closeAll() {
	d.endList()
	for range d.stack {
		d.b.WriteString(":::\n\n")
	}
	d.stack = nil
}

// badMarks are marks that must not read, each with the heading it makes
// from a title and a time box.
var badMarks = []func(title string) string{
	func(t string) string { return "## " + t + " {audience=panel} (5 mins)" },
	func(t string) string { return "## " + t + " (5 mins) {audience=panel} ##" },
	func(t string) string { return "## " + t + " (5 mins) {audience='panel'}" },
	func(t string) string { return "## " + t + " (5 mins) {аudience=panel}" },
	func(t string) string { return "## " + t + " (5 mins) {audi\u200bence=panel}" },
	func(t string) string { return "## " + t + " (5 mins) {audience=panel audience=both}" },
	func(t string) string { return "## " + t + " (5 mins) {audience=pannel}" },
	func(t string) string { return "## " + t + " (5 mins) {Audience=panel}" },
	func(t string) string { return "## " + t + " audience=panel (5 mins)" },
}

var badFences = []string{"panel notes for interviewers", "{.panel}", `"panel"`, "panel:", "pаnel",
	"candidate[Notes]", "both notes", "tip {audience=candidate}", `tip{title="x"}`, "tips", "tip[x] y"}

func (d *doc) step(op byte) {
	marks := []string{"", "both", "candidate", "panel"}
	arg := int(op / 16)
	switch op % 16 {
	case 0: // a section, well marked
		d.closeAll()
		d.endSection()
		d.mark = marks[arg%len(marks)]
		w := d.word("HEAD")
		attr := ""
		if d.mark != "" {
			attr = " {audience=" + d.mark + "}"
		}
		fmt.Fprintf(&d.b, "## %s (5 mins)%s\n\n", w, attr)
		d.title, _, _ = Section(d.mark)
		d.head, d.started = w, true
		d.sees[w] = d.title
	case 1: // a section whose mark does not read: an error, and the panel's
		d.closeAll()
		d.endSection()
		w := d.word("HEAD")
		fmt.Fprintf(&d.b, "%s\n\n", badMarks[arg%len(badMarks)](w))
		d.fail("bad mark")
		d.mark, d.title, d.head, d.started = "?", Panel, w, true
		d.sees[w] = Panel
	case 2: // a paragraph
		d.endList()
		w := d.word("TEXT")
		fmt.Fprintf(&d.b, "%s and *%s*.\n\n", w, d.word("EM"))
		d.see(w, d.bodyAudience())
		d.see(fmt.Sprintf("EM%dX", d.n), d.bodyAudience())
	case 3: // open a container or an admonition
		d.endList()
		var a Audience
		title := ""
		if arg < 3 {
			name := []string{"panel", "candidate", "both"}[arg]
			fmt.Fprintf(&d.b, "::: %s\n", name)
			a, _ = Parse(name)
		} else {
			form := admonitions[int(arg)%len(admonitions)]
			if strings.Contains(form, "%s") {
				title = d.word("TTL")
				form = fmt.Sprintf(form, title)
			}
			d.b.WriteString(form + "\n")
			a = inherit
		}
		if len(d.stack) == markdown.MaxContainerDepth {
			// Past the limit a fence is an error and opens nothing.
			d.fail("nested too deep")
			d.deep = true
			if title != "" {
				d.see(title, 0)
			}
			return
		}
		d.stack = append(d.stack, a)
		if d.bodyAudience().Has(Candidate) {
			d.hasCand = true
		}
		if title != "" {
			d.see(title, d.bodyAudience())
		}
	case 4: // close a container; with none open, a stray fence
		d.endList()
		if len(d.stack) == 0 {
			d.fail("stray fence")
			d.b.WriteString(":::\n\n")
			return
		}
		d.stack = d.stack[:len(d.stack)-1]
		d.b.WriteString(":::\n\n")
	case 5: // a list item with a placeholder: the label is never the candidate's
		w, label := d.word("ITEM"), d.word("Blank")
		fmt.Fprintf(&d.b, "- %s [%s]\n", w, label)
		d.inList = true
		d.see(w, d.bodyAudience())
		d.sees[label] = d.bodyAudience() &^ Candidate
		if d.bodyAudience().Has(Candidate) {
			d.fail("placeholder in candidate text")
		}
	case 6: // code holding what would be marks and fences outside it
		d.endList()
		w := d.word("CODE")
		fmt.Fprintf(&d.b, "```\n%s\n::: candidate\n## not a heading {audience=both}\n:::\n```\n\n", w)
		d.see(w, d.bodyAudience())
	case 7: // an image and a link
		d.endList()
		alt, dest := d.word("ALT"), d.word("DEST")
		fmt.Fprintf(&d.b, "![%s](%s.png \"%s\")\n\n", alt, dest, d.word("TITLE"))
		for _, w := range []string{alt, dest, fmt.Sprintf("TITLE%dX", d.n)} {
			d.see(w, d.bodyAudience())
		}
	case 8: // a heading that is no section: nested, lower, or setext
		d.endList()
		w := d.word("SUB")
		switch arg % 5 {
		case 0:
			if len(d.stack) > 0 {
				fmt.Fprintf(&d.b, "## %s\n\n", w)
			} else {
				fmt.Fprintf(&d.b, "> ## %s\n\n", w)
			}
		case 1:
			fmt.Fprintf(&d.b, "- ## %s\n\n", w)
		case 2:
			fmt.Fprintf(&d.b, "### %s\n\n", w)
		case 3:
			fmt.Fprintf(&d.b, "%s\n---\n\n", w)
		case 4:
			fmt.Fprintf(&d.b, "### %s {audience=both}\n\n", w)
			d.fail("mark on a heading that is no section")
		}
		d.see(w, d.bodyAudience())
	case 9: // a # heading: the title before the first section, a panel part after
		d.closeAll()
		w := d.word("PART")
		fmt.Fprintf(&d.b, "# %s\n\n", w)
		d.sees[w] = Panel
		if d.started {
			d.endSection()
			d.mark = "#"
		}
	case 10: // a fence that does not read: an error, and the panel's block
		d.endList()
		w := d.word("FENCED")
		fmt.Fprintf(&d.b, "::: %s\n%s\n:::\n\n", badFences[arg%len(badFences)], w)
		d.fail("bad fence")
		d.deep = d.deep || len(d.stack) == markdown.MaxContainerDepth
		d.see(w, d.bodyAudience()&Panel)
	case 11: // a fence read as text: indented into a paragraph
		d.endList()
		w := d.word("LAZY")
		fmt.Fprintf(&d.b, "%s\n    ::: candidate\n\n", w)
		d.fail("fence in a paragraph")
		d.see(w, d.bodyAudience())
	case 12: // a reference definition
		d.endList()
		label := fmt.Sprintf("ref%d", arg%4)
		dest := "DEF" + label + "X"
		fmt.Fprintf(&d.b, "[%s]: https://%s.example\n\n", label, dest)
		if _, ok := d.refs[label]; !ok {
			d.refs[label] = d.bodyAudience()
		}
	case 13: // a link by reference
		d.endList()
		label := fmt.Sprintf("ref%d", arg%4)
		w := d.word("LINKED")
		fmt.Fprintf(&d.b, "See [%s][%s].\n\n", w, label)
		d.see(w, d.bodyAudience())
		d.links[label] |= d.bodyAudience()
	case 14: // text that looks like a mark
		d.endList()
		w := d.word("LOOK")
		fmt.Fprintf(&d.b, "%s {audience=candidate}\n\n", w)
		d.fail("mark-like text")
		d.see(w, d.bodyAudience())
	default: // a task list
		w := d.word("TASK")
		fmt.Fprintf(&d.b, "- [ ] %s\n", w)
		d.inList = true
		d.see(w, d.bodyAudience())
	}
}

// finish ends the document and settles what depends on all of it: the
// link definitions, and which reference links are an error.
func (d *doc) finish() {
	d.closeAll()
	d.endSection()
	for label, a := range d.links {
		def, ok := d.refs[label]
		if !ok {
			continue // a link to nothing is text
		}
		if a.Has(Candidate) && !def.Has(Candidate) {
			d.fail("reference defined where the candidate cannot read it")
		}
		d.sees["DEF"+label+"X"] = a
	}
}

// view renders what reader r sees of the page: the body a page shows.
func view(t *testing.T, p *content.Page, d *content.Doc, r Audience) []byte {
	v := Prune(d.Root, p.Body, r)
	v.SetIDs()
	defer v.Restore()
	var b bytes.Buffer
	md := markdown.New()
	for _, n := range v.Body() {
		if err := md.Renderer().Render(&b, p.Body, n); err != nil {
			t.Fatal(err)
		}
	}
	return bytes.ToLower(b.Bytes())
}

func FuzzPruneAgreesWithModel(f *testing.F) {
	for _, seed := range []string{
		"\x00\x02\x03\x02\x04\x02", "\x10\x02\x1b\x03\x02\x04\x04\x05", "\x20\x03\x1b\x02\x04\x05\x06\x07", "\x30\x02\x05\x05\x02\x23\x02\x03\x06",
		"\x00\x08\x18\x28\x38\x48\x09\x02\x03\x02", "\x01\x02\x11\x02\x21\x31\x41\x51\x61\x71\x81", "\x20\x0a\x1a\x2a\x3a\x4a\x0b",
		"\x20\x0c\x0d\x30\x1c\x0d\x1d", "\x0e\x20\x0f\x09\x02\x13\x02", "\x00\x04\x02",
		// Admonitions: in an unmarked section, in a both one, in a
		// candidate block, around a candidate block, in the preamble and
		// in a panel part; and fences that say more than they may.
		"\x00\x73\x02\x04", "\x10\x83\x02\x05\x04", "\x00\x13\x43\x02\x04\x04", "\x00\x63\x13\x02\x04\x04",
		"\x33\x02\x04\x00\x02", "\x10\x09\x53\x02\x04", "\x10\x5a\x7a\x8a\x9a\xaa",
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	md := markdown.New()
	f.Fuzz(func(t *testing.T, ops []byte, cr bool) {
		d := &doc{sees: map[string]Audience{}, mark: "-", refs: map[string]Audience{}, links: map[string]Audience{}}
		d.b.WriteString("---\nid: k\ntype: interview_script\nvisibility: public\n---\n# TITLE0X\n\nPREAMBLE0X\n\n")
		d.sees["TITLE0X"], d.sees["PREAMBLE0X"] = Panel, Panel
		for _, op := range ops {
			d.step(op)
		}
		d.finish()
		src := d.b.String()
		if cr {
			src = strings.ReplaceAll(src, "\n", "\r")
		}
		p, err := content.ParsePage("content/k.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		parsed, errs := content.Parse(md, p, content.IndexKatas(nil))
		if got := errs.HasErrors(); got != (d.bad != "") {
			t.Fatalf("errors %v, want %q\nsource:\n%s\nerrors:\n%v", got, d.bad, src, errs)
		}
		for _, r := range []Audience{Candidate, Panel} {
			if d.deep && r == Panel {
				continue
			}
			out := view(t, p, parsed, r)
			for w, a := range d.sees {
				if d.deep {
					a = 0
				}
				if got := bytes.Contains(out, []byte(strings.ToLower(w))); got != a.Has(r) {
					t.Fatalf("%s sees %s = %v, want %v\nsource:\n%s\noutput:\n%s", r, w, got, a.Has(r), src, out)
				}
			}
		}
	})
}

// parse reads a public page's body and checks its audience.
func parse(t *testing.T, body string) (*content.Page, *content.Doc, []string) {
	t.Helper()
	p, err := content.ParsePage("content/k.md", []byte("---\nid: k\ntype: interview_script\nvisibility: public\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	d, errs := content.Parse(markdown.New(), p, content.IndexKatas(nil))
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return p, d, msgs
}

// TestMarksThatDoNotReadAreErrors holds the examples of the ways a mark,
// a fence or a heading once let panel text through; each is now an error
// at its line and column.
func TestMarksThatDoNotReadAreErrors(t *testing.T) {
	for _, tt := range []struct{ name, body, want string }{
		{"mark before the time box", "## Rubric {audience=panel} (10 mins)\n", "6:11: error: a brace in a heading"},
		{"closing hashes after the mark", "## X (5 mins) {audience=panel} ##\n", "6:15: error: a brace in a heading"},
		{"single quotes", "## X {audience='panel'}\n", "6:6: error: a brace in a heading"},
		{"homoglyph", "## X {аudience=panel}\n", "6:6: error: a brace in a heading"},
		{"zero-width space", "## X {audi\u200bence=panel}\n", "6:6: error: a brace in a heading"},
		{"homoglyph without braces", "## X аudience=panel\n", "6:6: error: this looks like an audience mark"},
		{"unknown attribute", "## X {visibility=panel}\n", "6:6: error: unknown attribute visibility=panel"},
		{"conflicting marks", "## X {audience=panel audience=both}\n", "6:6: error: two audience marks, panel and both"},
		{"unknown mark", "## X {audience=pannel}\n", "error: audience=pannel is not a mark"},
		{"mark on a nested heading", "## S\n\n::: candidate\n## X {audience=both}\n:::\n", "9:6: error: {audience=both} marks sections"},
		{"mark on a setext heading", "## S\n\nX {audience=both}\n---\n", "8:3: error: {audience=both} marks sections"},
		{"mark on a level-3 heading", "## S\n\n### X {audience=panel}\n", "error: {audience=panel} marks sections, and sections are ## section headings, not level 3"},
		{"mark-like text", "## S {audience=both}\n\nNotes {audience=panel}\n", "8:8: error: this looks like an audience mark but is text"},
		{"mark-like text without braces", "## S audience=panel\n", "6:6: error: this looks like an audience mark but is text"},
		{"container with words", "::: panel notes for interviewers\nx\n:::\n", "6:1: error: unknown container ::: panel notes for interviewers"},
		{"container in braces", "::: {.panel}\nx\n:::\n", "unknown container ::: {.panel}"},
		{"title on a container that takes none", "::: candidate[Notes]\nx\n:::\n", "6:1: error: unknown container ::: candidate[Notes]"},
		{"unknown admonition", ":::tips\nx\n:::\n", "6:1: error: unknown container ::: tips"},
		{"admonition titled like a mark", ":::tip {audience=candidate}\nx\n:::\n", "6:1: error: this admonition's title looks like an audience mark"},
		{"container in quotes", "::: \"panel\"\nx\n:::\n", "unknown container ::: \"panel\""},
		{"stray fence", "text\n\n:::\n", "8:1: error: ::: closes no open container"},
		{"unclosed container", "::: panel\nx\n", "6:1: error: ::: panel is never closed"},
		{"indented fence", "text\n    ::: candidate\n", "7:5: error: a ::: fence here is read as text"},
		{"placeholder in a visible heading", "## Meet [Interviewer Name] (5 mins)\n", "6:9: error: [Interviewer Name] is in text the candidate reads"},
		{"reference defined in panel text", "## S {audience=both}\n\nSee [docs].\n\n## P {audience=panel}\n\n[docs]: https://secret.example\n", "8:6: error: the link [docs] is in text the candidate reads, but its address is defined where they cannot read it"},
		{"containers nested too deep", strings.Repeat("::: panel\n", 40) + "x\n" + strings.Repeat(":::\n", 40), fmt.Sprintf("%d:1: error: containers nest deeper than 16", 6+markdown.MaxContainerDepth)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, errs := parse(t, tt.body)
			if !strings.Contains(strings.Join(errs, "\n"), tt.want) {
				t.Errorf("errors\n%s\nlack %q", strings.Join(errs, "\n"), tt.want)
			}
		})
	}
}

func TestMarksThatReadAreNoErrors(t *testing.T) {
	for _, body := range []string{
		"## X (5 mins) {audience=panel}\n",
		"## X (5 mins) {audience=\"both\"}\n",
		"## X {#intro .lead audience=candidate}\n",
		"## X ## {audience=both}\n",
		"## Braces in `code {audience=x}`\n",
		"## An escaped \\{ brace\n",
		"## S {audience=both}\n\nThe audience: engineers.\n",
		":::: Candidate ::\nx\n::::\n",
		"```\n::: panel\n```\n",
		"## S {audience=both}\n\nSee [docs].\n\n[docs]: https://public.example\n",
		":::caution\n\nx\n\n:::\n",
		":::tip Before you start\nx\n:::\n",
		"::: WARNING[Mind the gap]\nx\n:::\n",
	} {
		if _, _, errs := parse(t, body); len(errs) > 0 {
			t.Errorf("%q: %s", body, strings.Join(errs, "\n"))
		}
	}
}

// TestCandidateViewComesFromThePrunedTree checks the outline a candidate
// gets: sections are top-level ## headings only, a # after the first
// section starts the panel's part, and ids come from what they read.
func TestCandidateViewComesFromThePrunedTree(t *testing.T) {
	p, d, errs := parse(t, `# Title

## Welcome (5 mins) {audience=both}

Hello.

::: panel
## Nested in a panel block
:::

- ## Nested in a list

> ## Nested in a quote

## Scoring {audience=panel}

## Scoring {audience=both}

Shown.

# Appendix

Panel part.

## Next (5 mins)
`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	v := Prune(d.Root, p.Body, Candidate)
	v.SetIDs()
	defer v.Restore()
	var got []string
	for _, h := range v.Sections() {
		got = append(got, string(markdown.Text(nil, h, p.Body, nil))+"#"+content.HeadingID(h))
	}
	want := []string{"Welcome (5 mins)#welcome-5-mins", "Scoring#scoring", "Next (5 mins)#next-5-mins"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("candidate sections %q, want %q", got, want)
	}
	body := bytes.Buffer{}
	for _, n := range v.Body() {
		_ = markdown.New().Renderer().Render(&body, p.Body, n)
	}
	for _, hidden := range []string{"Nested in a panel block", "Panel part", "Appendix", "Next"} {
		if bytes.Contains(body.Bytes(), []byte(hidden)) {
			t.Errorf("candidate body has %q:\n%s", hidden, body.Bytes())
		}
	}
}

// TestAdmonitionsAreReadAsTheirPlace: a callout is an aside in the text,
// never a mark, so it neither opens what its place keeps from the
// candidate nor hides what the place shows them.
func TestAdmonitionsAreReadAsTheirPlace(t *testing.T) {
	p, d, errs := parse(t, `:::tip
PREAMBLE_TIP
:::

## Unmarked (5 mins)

:::caution Unmarked title
UNMARKED_CAUTION

::: candidate
CANDIDATE_IN_CAUTION
:::
:::

## Both (5 mins) {audience=both}

:::note[Both title]
BOTH_NOTE
:::

::: panel
:::danger
PANEL_DANGER
:::
:::

::: candidate
:::info
CANDIDATE_INFO
:::
:::

## Panel {audience=panel}

:::warning
PANEL_WARNING
:::
`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, tt := range []struct {
		r    Audience
		sees []string
		not  []string
	}{
		{Candidate, []string{"Both title", "BOTH_NOTE", "CANDIDATE_INFO"},
			[]string{"PREAMBLE_TIP", "Unmarked title", "UNMARKED_CAUTION", "CANDIDATE_IN_CAUTION", "PANEL_DANGER", "PANEL_WARNING"}},
		{Panel, []string{"PREAMBLE_TIP", "Unmarked title", "UNMARKED_CAUTION", "Both title", "BOTH_NOTE", "PANEL_DANGER", "PANEL_WARNING"},
			[]string{"CANDIDATE_IN_CAUTION", "CANDIDATE_INFO"}},
	} {
		out := string(view(t, p, d, tt.r))
		for _, w := range tt.sees {
			if !strings.Contains(out, strings.ToLower(w)) {
				t.Errorf("%s does not see %s:\n%s", tt.r, w, out)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(out, strings.ToLower(w)) {
				t.Errorf("%s sees %s:\n%s", tt.r, w, out)
			}
		}
	}
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
