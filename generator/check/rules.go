package check

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/diag"
)

func timeBudget(p *page, r *report) {
	if p.Kind != content.Script {
		return
	}
	lo, hi := content.Total(p.doc.Sections)
	if hi == 0 {
		return
	}
	var alo, ahi float64
	var line, col int
	if f, ok := p.Field("duration"); ok {
		var read bool
		if alo, ahi, read = content.ParseDuration(f.Text); !read {
			r.add(p.Page, f.Line, 0, diag.Warning, fmt.Sprintf("duration %q is not a time such as \"60 minutes\" or \"60–90 minutes\"", f.Text), "")
			return
		}
		line = f.Line
	} else if o := overview(p.doc.Sections); o != nil {
		// An overview's time box is what the script announces.
		alo, ahi, line = o.Time.Min, o.Time.Max, o.Line
	} else {
		for _, run := range p.doc.Runs {
			l, h, at := content.Announced(run.Text)
			if at < 0 {
				continue
			}
			alo, ahi = l, h
			off := run.Offset(at)
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

// overview is the first section that is an overview of the others, nil
// when none is.
func overview(sections []content.Section) *content.Section {
	for i := range sections {
		if sections[i].Overview {
			return &sections[i]
		}
	}
	return nil
}

// mins writes a range in minutes, the unit time boxes are written in.
func mins(lo, hi float64) string {
	if lo == hi {
		return fmt.Sprintf("%.0f min", lo)
	}
	return fmt.Sprintf("%.0f–%.0f min", lo, hi)
}

func timeBox(p *page, r *report) {
	if p.Kind != content.Script {
		return
	}
	for _, s := range p.doc.Sections {
		switch {
		case s.Overview:
			r.add(p.Page, s.Line, 0, diag.Note, fmt.Sprintf("section %q is an overview: its time box (%s) covers the sections after it, so the clock does not count it twice", s.Title, s.Time.Text),
				"the sections after it add up to what the guide shows")
		case s.Time.IsZero() && s.TitleFor.Has(audience.Panel):
			hint := "end its title with one, such as (10 mins)"
			if c := content.ClockRanges(s.Title); len(c) > 0 {
				hint = fmt.Sprintf("a range on the clock is no time box: write (%.0f mins) for %s", c[0].Max-c[0].Min, s.Title[c[0].At:c[0].End])
			}
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("section %q has no time box, so the clock cannot count it", s.Title), hint)
		case !s.Time.IsZero() && s.Time.Min == 0:
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("section %q has a time box of zero", s.Title), "")
		case s.Time.Max > 180:
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("section %q is boxed at %s; no interview section runs that long", s.Title, content.Span(s.Time.Min, s.Time.Max)), "check the unit: (3 hrs) or (3 mins)?")
		case s.Parts > 0 && s.Time == s.SubTime:
			r.add(p.Page, s.Line, 0, diag.Note, fmt.Sprintf("section %q takes its time, %s, from the time boxes of the %d headings in it", s.Title, s.Time.Text, s.Parts), "")
		case s.Parts > 0 && s.SubTime.Min > s.Time.Max:
			r.add(p.Page, s.Line, 0, diag.Warning, fmt.Sprintf("the headings in section %q add up to %s, more than its time box (%s)", s.Title, s.SubTime.Text, s.Time.Text),
				"shorten the parts or lengthen the section")
		}
	}
	subHeadings(p, r)
	clockRanges(p, r)
}

// subHeadings reports the time boxes of headings below ## that the clock
// cannot count: those that do not read, and those outside any section.
func subHeadings(p *page, r *report) {
	in := false
	for n := p.doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if audience.IsSection(n, p.Body) {
			in = true
			continue
		}
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			in = false
			continue
		}
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			h, ok := c.(*ast.Heading)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			if h.Level < 3 || h.Lines().Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			line := p.Line(h.Lines().At(0).Start)
			tb, err := content.HeadingTimeBox(h, p.Body)
			switch {
			case err != nil:
				r.add(p.Page, line, 0, diag.Warning, err.Error(), "until it reads, the clock leaves it out")
			case !tb.IsZero() && !in:
				title := strings.TrimSpace(strings.TrimSuffix(content.InlineText(h, p.Body), "("+tb.Text+")"))
				r.add(p.Page, line, 0, diag.Warning, fmt.Sprintf("the time box (%s) of %q is outside any ## section, so the clock does not count it", tb.Text, title),
					"move the heading into a section, or make it a ## section")
			}
			return ast.WalkSkipChildren, nil
		})
	}
}

// clockRanges says that kitgen does not read an agenda's ranges on the
// clock (0:00–0:05): it times each section from the box that ends its
// heading. Once a script, at the first range: a warning when a section
// has no time box (or there is no clock at all), where the agenda may be
// all the author wrote, and a note otherwise.
func clockRanges(p *page, r *report) {
	for _, run := range p.doc.Runs {
		c := content.ClockRanges(run.Text)
		if len(c) == 0 {
			continue
		}
		sev := diag.Note
		if _, hi := content.Total(p.doc.Sections); hi == 0 {
			sev = diag.Warning
		}
		for _, s := range p.doc.Sections {
			if s.Time.IsZero() && s.TitleFor.Has(audience.Panel) {
				sev = diag.Warning
			}
		}
		off := run.Offset(c[0].At)
		r.add(p.Page, p.Line(off), p.Col(off), sev, fmt.Sprintf("kitgen does not read ranges on the clock such as %s: the guide's clock comes from the time box that ends each ## heading", run.Text[c[0].At:c[0].End]),
			"end each section's ## heading with its time box, such as (5 mins)")
		return
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

// streetWordsBy are the street words by the capital after their space.
var streetWordsBy = func() (by [26][]string) {
	for _, w := range streetWords {
		by[w[1]-'A'] = append(by[w[1]-'A'], w)
	}
	return by
}()

// hasStreetWord reports whether l holds a street word as a word of its
// own: " St" begins "Start" and "Strong" too, and the address regexp is
// slow on the lines it is tried on. Each street word is a space and a
// capital, so they are tried only where a line has those.
func hasStreetWord(l string) bool {
	for i := strings.IndexByte(l, ' '); i >= 0 && i+1 < len(l); {
		if c := l[i+1]; 'A' <= c && c <= 'Z' {
			for _, w := range streetWordsBy[c-'A'] {
				if end := i + len(w); strings.HasPrefix(l[i:], w) && (end == len(l) || !unicode.IsLetter(rune(l[end]))) {
					return true
				}
			}
		}
		next := strings.IndexByte(l[i+1:], ' ')
		if next < 0 {
			break
		}
		i += 1 + next
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
	if !maskedPII(p) {
		return
	}
	body := string(p.Body)
	for i := 0; body != ""; i++ {
		var line string
		line, body, _ = strings.Cut(body, "\n")
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

// maskedPII reports whether p is marked PII-masked: in its # title or
// its title, by pii_masked: true, or in a tag.
func maskedPII(p *page) bool {
	if piiMarkRE.MatchString(p.doc.Title) || piiMarkRE.MatchString(p.Text("title")) {
		return true
	}
	if f, ok := p.Field("pii_masked"); ok && f.Text == "true" {
		return true
	}
	for _, t := range content.Tags(p.Page) {
		if piiMarkRE.MatchString(t) {
			return true
		}
	}
	return false
}

// panelWords name a panel-only thing.
var panelWords = content.Stemmed{
	RE:    regexp.MustCompile(`(?i)\b(rubric|scoring|score ?card|probes?|probing|red flags?|expected answers?|evaluation|grading)\b`),
	Stems: []string{"rubric", "cor", "prob", "flag", "expected", "evaluation", "grading"},
}

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
		if s.TitleFor.Has(audience.Candidate) && panelWords.MatchString(s.Title) {
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
	if p.Kind == content.Kata && len(p.doc.Checkpoints()) == 0 {
		f, _ := p.Field("id")
		r.add(p.Page, f.Line, 0, diag.Warning, fmt.Sprintf("kata %s has no checkpoints for the panel", p.ID), "add a ::: panel block with a task list: - [ ] Crossed book …")
	}
}

func frontmatter(p *page, r *report) {
	known := content.FieldKeys()
	for _, f := range p.Fields {
		if !slices.Contains(known, f.Key) {
			hint := "kitgen keeps it and shows it to the panel only"
			if s := diag.Nearest(f.Key, known); s != "" {
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
	if p.Kind == content.Script && p.Visibility != audience.Private && p.Text("title") == "" {
		from := "its file name"
		if p.Text("domain") != "" {
			from = "its domain"
		}
		f, _ := p.Field("id")
		r.add(p.Page, f.Line, 0, diag.Warning, fmt.Sprintf("no title, so the candidate's page and card call it %q, from %s", content.CandidateTitle(p.Page), from),
			"add title: to the frontmatter; the # title is the panel's and never shown to candidates")
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
	last, lastHTML := 0, 0
	// A link to an anchor is checked against each reader's page, which
	// takes cutting the document: most have none to check.
	toAnchor := false
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
		case *ast.Link:
			toAnchor = toAnchor || strings.HasPrefix(string(n.Destination), "#")
		}
		return ast.WalkContinue, nil
	})
	if toAnchor {
		anchors(p, r, audience.Panel)
		if p.Visibility != audience.Private {
			anchors(p, r, audience.Candidate)
		}
	}
}

// anchors finds links to #anchors that no heading on reader's page has.
func anchors(p *page, r *report, reader audience.Audience) {
	v := audience.Prune(p.doc.Root, p.Body, reader)
	v.SetIDs()
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
