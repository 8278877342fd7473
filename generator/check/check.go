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

// Rule is one check, run on every page. The README's table of rules is
// written from these by TestReadmeListsTheRules, so the two never differ.
type Rule struct {
	Name string
	// Finds says what the rule finds, Example one of its findings.
	Finds, Example string
	run            func(*page, *report)
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
	{"time-budget",
		"the time boxes' total against what the script announces (frontmatter `duration:`, an overview's time box, or \"we'll spend about 60–90 minutes\")",
		"sections add up to 114–146 min but the script announces 60–90 min", timeBudget},
	{"time-box",
		"sections without a time box (a range on the clock in a heading says how to write it), boxed at zero or over three hours (backwards and overflowing boxes are build errors); a section timed by its `###` parts (a note) or whose parts add up to more than its box; a `###` box outside any section or that does not read; an overview, whose box is not counted (a note); ranges on the clock such as `0:00–0:05`, which are not read",
		"section \"Interview structure\" is an overview: its time box (60-90 minutes) covers the sections after it, so the clock does not count it twice", timeBox},
	{"placeholders",
		"every `[Placeholder]` (note); one in text the candidate reads is an audience error, reported with the rule `audience`",
		"placeholder [Interviewer Name] is a blank to fill in on the panel guide", placeholders},
	{"pii",
		"in a script marked PII-masked (title, `pii_masked: true` or a tag), emails, phone numbers, street addresses and profile URLs",
		"an email address in a script marked PII-masked", pii},
	{"audience",
		"the errors that stop a build: marks and fences that do not read exactly, `[Placeholder]`s and reference links whose address the candidate cannot read, in text they read (see Audience rules); and as warnings or notes: a prep page with nothing but the agenda, candidate-visible headings naming panel things (rubric, scoring, probe, red flag, expected answer), missing or unknown `visibility`, an underlined `##` (no section), a `#` after the first section (a panel part, a note)",
		"[Recruiter] is in text the candidate reads, which would show a hole there", audienceRule},
	{"references",
		"katas nobody refers to, katas without checkpoints (task-list items only the panel reads: in a `::: panel` block or a panel section); unknown katas and duplicate ids are build errors",
		"kata L-1 is never referenced", references},
	{"frontmatter",
		"unknown fields (a note, or a warning with a did-you-mean), dates that do not parse, `last_updated` before `created_date`, a `scorecard:` the build cannot read (an error), a kit with a candidate's page and no `title`",
		"no title, so the candidate's page and card call it \"Reverse interview\", from its file name", frontmatter},
	{"markdown",
		"raw HTML (dropped from the pages), links to `#anchors` that are no heading, headings that skip a level",
		"heading level 4 follows level 2", markdownRule},
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
		out = append(out, Page(doc, katas)...)
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
func Page(doc *content.Doc, katas *content.Katas) diag.List {
	pg := &page{Page: doc.Page, doc: doc, katas: katas}
	rep := &report{}
	for _, r := range Rules {
		rep.rule = r.Name
		r.run(pg, rep)
	}
	return rep.list
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
