package check

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/markdown"
)

// durationRE finds an announced duration: a cue word, then "60–90 minutes"
// or "1 hour" in the same sentence. The cue keeps "<5 min MTTR" out.
var durationRE = regexp.MustCompile(`(?i)\b(?:spend|about|around|roughly|approximately|takes?|lasts?|total|in all)\b[^.!?\n]{0,30}?\b(\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*(minutes?|mins?|hours?|hrs?|h)\b`)

var cues = []string{"spend", "about", "around", "roughly", "approximately", "take", "last", "total", "in all"}

func hasCue(s string) bool {
	s = strings.ToLower(s)
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// spanRE reads a duration field such as "75 minutes" or "60–75 minutes".
var spanRE = regexp.MustCompile(`(?i)^\s*(\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*(minutes?|mins?|hours?|hrs?|h)?\s*$`)

func minutes(lo, hi, unit string) (float64, float64) {
	a, _ := strconv.ParseFloat(lo, 64)
	b := a
	if hi != "" {
		b, _ = strconv.ParseFloat(hi, 64)
	}
	if u := strings.ToLower(unit); u != "" && u[0] == 'h' {
		a, b = a*60, b*60
	}
	return a, b
}

func timeBudget(p *page, r *report) {
	if p.Kind != content.Script {
		return
	}
	var lo, hi float64
	for _, s := range p.doc.Sections {
		lo, hi = lo+s.Time.Min, hi+s.Time.Max
	}
	if hi == 0 {
		return
	}
	var alo, ahi float64
	var line, col int
	if f, ok := p.Field("duration"); ok {
		m := spanRE.FindStringSubmatch(f.Text)
		if m == nil {
			r.add(p.Page, f.Line, 0, diag.Warning, fmt.Sprintf("duration %q is not a time such as \"60 minutes\" or \"60–90 minutes\"", f.Text), "")
			return
		}
		alo, ahi = minutes(m[1], m[2], m[3])
		line = f.Line
	} else {
		for _, run := range p.doc.Runs {
			s := run.Text
			if digits(s) == 0 || !hasCue(s) {
				continue // durationRE is slow, and most text announces nothing
			}
			m := durationRE.FindStringSubmatchIndex(s)
			if m == nil {
				continue
			}
			alo, ahi = minutes(s[m[2]:m[3]], sub(s, m[4], m[5]), s[m[6]:m[7]])
			off := run.Offset(m[0])
			line, col = p.Line(off), p.Col(off)
			break
		}
	}
	if ahi == 0 || hi >= alo && lo <= ahi {
		return
	}
	r.add(p.Page, line, col, diag.Warning,
		fmt.Sprintf("sections add up to %s but the script announces %s", mins(lo, hi), mins(alo, ahi)),
		"shorten the time boxes or change what the script announces")
}

// mins writes a range in minutes, the unit time boxes are written in.
func mins(lo, hi float64) string {
	if lo == hi {
		return fmt.Sprintf("%.0f min", lo)
	}
	return fmt.Sprintf("%.0f–%.0f min", lo, hi)
}

func sub(s string, a, b int) string {
	if a < 0 {
		return ""
	}
	return s[a:b]
}

func timeBox(p *page, r *report) {
	if p.Kind != content.Script {
		return
	}
	for _, s := range p.doc.Sections {
		switch {
		case s.Time.IsZero() && s.TitleFor.Has(audience.Panel):
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("section %q has no time box, so the clock cannot count it", s.Title), "end its title with one, such as (10 mins)")
		case !s.Time.IsZero() && s.Time.Min == 0:
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("section %q has a time box of zero", s.Title), "")
		case s.Time.Max > 180:
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("section %q is boxed at %s; no interview section runs that long", s.Title, content.Span(s.Time.Min, s.Time.Max)), "check the unit: (3 hrs) or (3 mins)?")
		}
	}
}

func placeholders(p *page, r *report) {
	for _, ph := range p.doc.Placeholders {
		r.add(p.Page, ph.Line, 0, diag.Note, fmt.Sprintf("placeholder [%s] is a blank to fill in on the panel guide", ph.Label), "")
	}
}

var (
	piiMarkRE = regexp.MustCompile(`(?i)pii[ _-]?masked`)
	// Each pattern has a cheap test first: Go's regexp backtracks slowly,
	// and every line of a masked script is scanned.
	piiRE = []struct {
		what  string
		maybe func(string) bool
		re    *regexp.Regexp
	}{
		{"an email address", func(l string) bool { return strings.IndexByte(l, '@') >= 0 },
			regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)},
		{"a phone number", func(l string) bool { return digits(l) >= 10 },
			regexp.MustCompile(`(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b`)},
		{"a street address", func(l string) bool { return digits(l) > 0 && hasStreetWord(l) },
			regexp.MustCompile(`\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way)\b\.?`)},
		{"a personal profile URL", func(l string) bool { return strings.Contains(l, ".com/") },
			regexp.MustCompile(`(?i)\b(?:linkedin\.com/in|github\.com|twitter\.com|x\.com|facebook\.com|instagram\.com)/[A-Za-z0-9_.-]+`)},
	}
)

var streetWords = []string{" Street", " St", " Avenue", " Ave", " Road", " Rd", " Boulevard", " Blvd", " Lane", " Ln", " Drive", " Dr", " Court", " Ct", " Way"}

func hasStreetWord(l string) bool {
	for _, w := range streetWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

func pii(p *page, r *report) {
	masked := piiMarkRE.MatchString(p.doc.Title) || piiMarkRE.MatchString(p.Text("title"))
	if f, ok := p.Field("pii_masked"); ok && f.Text == "true" {
		masked = true
	}
	for _, t := range content.Tags(p.Page) {
		masked = masked || piiMarkRE.MatchString(t)
	}
	if !masked {
		return
	}
	lines := strings.Split(string(p.Body), "\n")
	for i, line := range lines {
		// Each pattern needs a digit, an @ or a profile's host: most lines
		// of a script have none of them.
		if strings.IndexByte(line, '@') < 0 && !strings.Contains(line, ".com/") && strings.IndexAny(line, "0123456789") < 0 {
			continue
		}
		for _, x := range piiRE {
			if !x.maybe(line) {
				continue
			}
			if m := x.re.FindStringIndex(line); m != nil {
				r.add(p.Page, p.BodyLine+i, len([]rune(line[:m[0]]))+1, diag.Error,
					fmt.Sprintf("%s in a script marked PII-masked", x.what), "mask it, e.g. [Candidate Email]")
			}
		}
	}
}

var panelWordsRE = regexp.MustCompile(`(?i)\b(rubric|scoring|score ?card|probes?|probing|red flags?|expected answers?|evaluation|grading)\b`)

func audienceRule(p *page, r *report) {
	f, has := p.Field("visibility")
	switch {
	case !has:
		r.add(p.Page, 1, 0, diag.Warning, "no visibility, so there is no candidate page", "add visibility: public (listed), unlisted or private")
	case audience.PageVisibility(f.Text) == audience.Private && f.Text != "private" && f.Text != "panel" && f.Text != "panel_only":
		hint := "use public, unlisted or private"
		if s := diag.Nearest(f.Text, []string{"public", "unlisted", "private"}); s != "" {
			hint = "did you mean " + s + "?"
		}
		r.add(p.Page, f.Line, 0, diag.Warning, fmt.Sprintf("visibility %q is not known, so there is no candidate page", f.Text), hint)
	}
	parts(p, r)
	if p.Visibility == audience.Private || p.Kind != content.Script {
		return
	}
	for _, s := range p.doc.Sections {
		if s.TitleFor.Has(audience.Candidate) && panelWordsRE.MatchString(s.Title) {
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("the heading %q names a panel-only thing and is on the candidate's page", s.Title),
				"mark the section {audience=panel} or rename it")
		}
	}
	v := audience.Prune(p.doc.Root, p.Body, audience.Candidate)
	empty := len(v.Body()) == 0
	v.Restore()
	if empty {
		r.add(p.Page, 1, 0, diag.Warning, "the candidate's page has nothing but the agenda",
			"mark sections said aloud to the candidate {audience=both}, or add ::: candidate blocks")
	}
}

// parts says where a top-level heading does not start what its author
// may think: an underlined (setext) `##` is no section, and a `#` after
// the first section starts a part only the panel reads.
func parts(p *page, r *report) {
	started := false
	for n := p.doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		switch {
		case audience.IsSection(n, p.Body):
			started = true
		case !ok || h.Lines().Len() == 0:
		case h.Level == 2:
			r.add(p.Page, p.Line(h.Lines().At(0).Start), 0, diag.Warning,
				fmt.Sprintf("%q is underlined, so it is no section but part of the one before", content.InlineText(h, p.Body)), "write ## before it to make it a section")
		case h.Level == 1 && started:
			r.add(p.Page, p.Line(h.Lines().At(0).Start), 0, diag.Note,
				fmt.Sprintf("# %s starts a part for the panel alone, up to the next ## section", content.InlineText(h, p.Body)), "")
		}
	}
}

func references(p *page, r *report) {
	if p.Kind != content.Kata {
		return
	}
	found := false
	_ = ast.Walk(p.doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*markdown.Container); ok && entering && string(c.Name) == "panel" {
			_ = ast.Walk(c, func(k ast.Node, entering bool) (ast.WalkStatus, error) {
				if k.Kind().String() == "TaskCheckBox" {
					found = true
				}
				return ast.WalkContinue, nil
			})
		}
		return ast.WalkContinue, nil
	})
	if !found {
		f, _ := p.Field("id")
		r.add(p.Page, f.Line, 0, diag.Warning, fmt.Sprintf("kata %s has no checkpoints for the panel", p.ID), "add a ::: panel block with a task list: - [ ] Crossed book …")
	}
}

// knownFields are the frontmatter fields kitgen reads.
var knownFields = []string{"id", "type", "title", "domain", "created_date", "last_updated", "author", "quality_score",
	"tags", "visibility", "version", "duration", "katas", "scorecard", "level", "engine", "pii_masked"}

func frontmatter(p *page, r *report) {
	for _, f := range p.Fields {
		if !slices.Contains(knownFields, f.Key) {
			hint := "kitgen keeps it and shows it to the panel only"
			if s := diag.Nearest(f.Key, knownFields); s != "" {
				hint = "did you mean " + s + "?"
				r.add(p.Page, f.Line, 0, diag.Warning, "unknown field "+f.Key, hint)
				continue
			}
			r.add(p.Page, f.Line, 0, diag.Note, "unknown field "+f.Key, hint)
		}
	}
	dates := map[string]time.Time{}
	for _, key := range []string{"created_date", "last_updated"} {
		f, ok := p.Field(key)
		if !ok {
			continue
		}
		if t, ok := f.Value.(time.Time); ok {
			dates[key] = t
			continue
		}
		t, err := time.Parse(time.DateOnly, f.Text)
		if err != nil {
			r.add(p.Page, f.Line, 0, diag.Warning, fmt.Sprintf("%s %q is not a date", key, f.Text), "write it as YYYY-MM-DD")
			continue
		}
		dates[key] = t
	}
	if c, u := dates["created_date"], dates["last_updated"]; !c.IsZero() && !u.IsZero() && u.Before(c) {
		f, _ := p.Field("last_updated")
		r.add(p.Page, f.Line, 0, diag.Warning, "last_updated is before created_date", "")
	}
	// The build stops on a scorecard it cannot read; check must say so
	// first, or an author who ran it is surprised.
	if _, err := content.Scorecard(p.Page); err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			r.add(p.Page, d.Line, 0, diag.Error, d.Msg, d.Hint)
		}
	}
}

func markdownRule(p *page, r *report) {
	anchors(p, r, audience.Panel)
	if p.Visibility != audience.Private {
		anchors(p, r, audience.Candidate)
	}
	last, lastHTML := 0, 0
	_ = ast.Walk(p.doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				seg := n.Lines().At(0)
				r.add(p.Page, p.Line(seg.Start), p.Col(seg.Start), diag.Warning, "raw HTML is dropped from the pages", "write it in markdown")
			}
		case *ast.RawHTML:
			// One finding a line: <b>…</b> is two nodes.
			if n.Segments.Len() > 0 && p.Line(n.Segments.At(0).Start) != lastHTML {
				seg := n.Segments.At(0)
				lastHTML = p.Line(seg.Start)
				r.add(p.Page, lastHTML, p.Col(seg.Start), diag.Warning, "raw HTML is dropped from the pages", "write it in markdown")
			}
		case *ast.Heading:
			if last > 0 && n.Level > last+1 {
				off := n.Pos()
				if n.Lines().Len() > 0 {
					off = n.Lines().At(0).Start
				}
				r.add(p.Page, p.Line(off), 0, diag.Warning, fmt.Sprintf("heading level %d follows level %d", n.Level, last), "do not skip heading levels")
			}
			last = n.Level
		}
		return ast.WalkContinue, nil
	})
}

// anchors finds links to #anchors that no heading on reader's page has.
func anchors(p *page, r *report, reader audience.Audience) {
	v := audience.Prune(p.doc.Root, p.Body, reader)
	defer v.Restore()
	ids := map[string]bool{}
	var links []*ast.Link
	_ = ast.Walk(v.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Heading:
			if entering {
				ids[content.HeadingID(n)] = true
			}
		case *ast.Link:
			if entering && strings.HasPrefix(string(n.Destination), "#") {
				links = append(links, n)
			}
		}
		return ast.WalkContinue, nil
	})
	page := map[audience.Audience]string{audience.Panel: "the panel guide", audience.Candidate: "the candidate's page"}[reader]
	for _, n := range links {
		if dest := string(n.Destination); !ids[dest[1:]] {
			pos := n.Pos()
			if t, ok := n.FirstChild().(*ast.Text); ok {
				pos = t.Segment.Start
			}
			r.add(p.Page, p.Line(pos), p.Col(pos), diag.Warning, fmt.Sprintf("link to %s, which is no heading on %s", dest, page), "")
		}
	}
}
