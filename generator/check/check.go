// Package check is kitgen's linter: rules over the loaded and parsed
// content that find what would embarrass a kit in the room or leave a hole
// on a candidate's page. It reuses the loader's parse and diagnostics; build
// and serve show its warnings too.
package check

import (
	"github.com/yuin/goldmark"

	"kitgen/generator/content"
	"kitgen/generator/diag"
)

// Rule is one check, run on every page.
type Rule struct {
	Name string
	// Doc says what the rule finds, with an example, for the README.
	Doc string
	run func(*page, *report)
}

// page is what a rule sees of one file.
type page struct {
	*content.Page
	doc   *content.Doc
	katas *content.Katas
}

type report struct {
	rule string
	list diag.List
}

func (r *report) add(p *content.Page, line, col int, sev diag.Severity, msg, hint string) {
	r.list = append(r.list, &diag.Diagnostic{File: p.Path, Line: line, Col: col, Severity: sev, Rule: r.rule, Msg: msg, Hint: hint})
}

// Rules are kitgen's rules, in the order the README lists them.
var Rules = []Rule{
	{"time-budget", "the sections' time boxes against the time the script announces: `sections add up to 114–146 min but the script announces 60–90 min`", timeBudget},
	{"time-box", "sections without a time box, and implausible ones: `section \"Q&A\" has no time box, so the clock cannot count it`", timeBox},
	{"placeholders", "lists each `[Placeholder]` (a note); one in candidate-visible text is an error: `[Interviewer Name] is in text the candidate reads`", placeholders},
	{"pii", "in a script marked PII-masked, emails, phone numbers, street addresses and profile URLs: `an email address in a PII-masked script`", pii},
	{"audience", "a prep page with nothing but an agenda, candidate-visible headings that name panel-only things, missing or unknown visibility: `the heading \"Scoring rubric\" is on the candidate's page`", audienceRule},
	{"references", "katas nobody refers to, and katas without checkpoints for the panel: `kata I-3 has no checkpoints: add a ::: panel task list`", references},
	{"frontmatter", "unknown fields (did you mean?), dates that do not parse, last_updated before created_date, a scorecard the build cannot read: `unknown field visiblity; did you mean visibility?`", frontmatter},
	{"markdown", "raw HTML that is dropped, links to anchors that do not exist, headings that skip a level: `raw HTML is dropped from the pages`", markdownRule},
}

// Options choose what Site reports.
type Options struct {
	// Notes includes notes, which build leaves out.
	Notes bool
}

// Site checks every page of a loaded site, each parsed with md, and
// returns the findings sorted by place.
func Site(md goldmark.Markdown, s *content.Site, o Options) diag.List {
	katas := content.IndexKatas(s.Katas)
	pages := append(append([]*content.Page{}, s.Katas...), s.Scripts...)
	var out diag.List
	referenced := map[*content.Page]bool{}
	for _, p := range pages {
		doc, errs := content.Parse(md, p, katas)
		out = append(out, errs...)
		for _, r := range doc.Refs {
			referenced[r.Kata] = true
		}
		out = append(out, Page(p, doc, katas)...)
	}
	out = append(out, Unreferenced(s.Katas, referenced)...)
	if !o.Notes {
		out = Filter(out, diag.Warning)
	}
	out.Sort()
	return out
}

// Unreferenced reports the katas that no page refers to.
func Unreferenced(katas []*content.Page, referenced map[*content.Page]bool) diag.List {
	var out diag.List
	for _, k := range katas {
		if !referenced[k] {
			f, _ := k.Field("id")
			out = append(out, &diag.Diagnostic{File: k.Path, Line: f.Line, Severity: diag.Warning, Rule: "references",
				Msg: "kata " + k.ID + " is never referenced", Hint: "name it in a script (\"Intermediate " + k.ID + "\") or in its frontmatter katas: list"})
		}
	}
	return out
}

// Page runs every rule on one parsed page.
func Page(p *content.Page, doc *content.Doc, katas *content.Katas) diag.List {
	pg := &page{Page: p, doc: doc, katas: katas}
	var out diag.List
	for _, r := range Rules {
		rep := &report{rule: r.Name}
		r.run(pg, rep)
		out = append(out, rep.list...)
	}
	return out
}

// Filter keeps the findings of severity min and above.
func Filter(l diag.List, min diag.Severity) diag.List {
	out := l[:0]
	for _, d := range l {
		if d.Severity >= min {
			out = append(out, d)
		}
	}
	return out
}

// Count returns the number of findings of each severity.
func Count(l diag.List) map[diag.Severity]int {
	n := map[diag.Severity]int{}
	for _, d := range l {
		n[d.Severity]++
	}
	return n
}
