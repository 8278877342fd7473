package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// TimeBox is a section's planned duration in minutes, Min ≤ Max.
type TimeBox struct {
	Min, Max float64
	// Text is the time box as written, without its parentheses.
	Text string
}

// IsZero reports whether the section has no time box.
func (t TimeBox) IsZero() bool { return t.Text == "" }

// maxMinutes bounds a time box: a day is no interview section.
const maxMinutes = 24 * 60

// The one grammar of durations, for time boxes and for the times a
// script announces in its text or frontmatter: a number or a range of
// two, then a unit. A bare "m" is a minute only in a time box: in prose
// it is as often a metre.
const (
	number     = `(\d+(?:\.\d+)?)`
	rangeTo    = `\s*(?:-|–|—|to)\s*`
	proseUnits = `minutes?|mins?|hours?|hrs?|h`
	boxUnits   = proseUnits + `|m`
)

var (
	// timeBoxRE matches a time box at the end of a heading: (5 mins),
	// (20–25 mins), (2-3 min), (45 minutes), (1 hr), (1.5 hours), (10 to
	// 15 m).
	timeBoxRE = regexp.MustCompile(`(?i)\s*\(\s*` + number + `\s*(?:` + rangeTo + number + `\s*)?(` + boxUnits + `)\.?\s*\)\s*$`)
	// announcedRE finds a duration announced in a sentence: a cue word,
	// then "60–90 minutes" or "1 hour" in the same sentence. The cue keeps
	// "<5 min MTTR" out.
	announcedRE = regexp.MustCompile(`(?i)\b(?:spend|about|around|roughly|approximately|takes?|lasts?|total|in all)\b[^.!?\n]{0,30}?\b` + number + `(?:` + rangeTo + number + `)?\s*(` + proseUnits + `)\b`)
	// durationRE reads a duration written alone, as frontmatter
	// `duration: 60–75 minutes` is; minutes when it has no unit.
	durationRE = regexp.MustCompile(`(?i)^\s*` + number + `(?:` + rangeTo + number + `)?\s*(` + proseUnits + `)?\s*$`)
	// clockRangeRE finds a range on the clock, as agendas write them:
	// 0:00–0:05, 1:30 - 1:45.
	clockRangeRE = regexp.MustCompile(`\b(\d{1,2}):([0-5]\d)` + rangeTo + `(\d{1,2}):([0-5]\d)\b`)
)

// cues are announcedRE's cue words, to skip text that holds none: the
// regexp is slow, and most text announces nothing.
var cues = []string{"spend", "about", "around", "roughly", "approximately", "take", "last", "total", "in all"}

// ParseDuration reads a duration written alone, such as "75 minutes" or
// "60–75 minutes", in minutes.
func ParseDuration(s string) (lo, hi float64, ok bool) {
	m := durationRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	lo, hi = inMinutes(m[1], m[2], m[3])
	return lo, hi, true
}

// Announced finds the first duration that text announces, such as "we'll
// spend about 60–90 minutes"; at is where it starts in text, -1 when
// there is none.
func Announced(text string) (lo, hi float64, at int) {
	if !hasDigit(text) || !hasCue(text) {
		return 0, 0, -1
	}
	m := announcedRE.FindStringSubmatchIndex(text)
	if m == nil {
		return 0, 0, -1
	}
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}
	lo, hi = inMinutes(sub(1), sub(2), sub(3))
	return lo, hi, m[0]
}

// ClockRange is a range on the clock found in text, such as 0:05–0:25.
type ClockRange struct {
	// At and End are where it stands in the text; Min and Max its start
	// and end in minutes from the start.
	At, End  int
	Min, Max float64
}

// ClockRanges finds the ranges on the clock in text.
func ClockRanges(text string) []ClockRange {
	if !hasClockShape(text) {
		return nil // the regexp is slow, and most text holds no clock
	}
	var out []ClockRange
	for _, m := range clockRangeRE.FindAllStringSubmatchIndex(text, -1) {
		n := func(i int) float64 { v, _ := strconv.Atoi(text[m[2*i]:m[2*i+1]]); return float64(v) }
		out = append(out, ClockRange{At: m[0], End: m[1], Min: n(1)*60 + n(2), Max: n(3)*60 + n(4)})
	}
	return out
}

// hasClockShape reports whether s holds a digit, a colon and two digits
// in a row.
func hasClockShape(s string) bool {
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 {
			return false
		}
		i += j
		if i > 0 && i+2 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func hasCue(s string) bool {
	s = strings.ToLower(s)
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool { return strings.IndexAny(s, "0123456789") >= 0 }

// inMinutes reads a number or range and its unit, minutes when unit is "".
func inMinutes(lo, hi, unit string) (float64, float64) {
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

// splitTimeBox splits a heading's text into its title and time box.
func splitTimeBox(heading string) (title string, tb TimeBox, err error) {
	// A time box holds no "(", so it can only start at the last one; the
	// regexp alone would try every position of every heading.
	at := strings.LastIndexByte(heading, '(')
	if at < 0 {
		return heading, TimeBox{}, nil
	}
	m := timeBoxRE.FindStringSubmatchIndex(heading[at:])
	if m == nil {
		return heading, TimeBox{}, nil
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += at
		}
	}
	m[0] = len(strings.TrimRight(heading[:at], " \t\n\f\r"))
	title = heading[:m[0]]
	tb.Text = strings.TrimSpace(heading[m[0]:])
	tb.Text = strings.TrimSuffix(strings.TrimPrefix(tb.Text, "("), ")")
	unit := 1.0
	if u := strings.ToLower(heading[m[6]:m[7]]); u[0] == 'h' {
		unit = 60
	}
	lo, err := strconv.ParseFloat(heading[m[2]:m[3]], 64)
	if err != nil {
		return "", tb, err
	}
	hi := lo
	if m[4] >= 0 {
		if hi, err = strconv.ParseFloat(heading[m[4]:m[5]], 64); err != nil {
			return "", tb, err
		}
	}
	tb.Min, tb.Max = lo*unit, hi*unit
	switch {
	case tb.Max < tb.Min:
		return "", tb, fmt.Errorf("time box (%s) runs backwards; write the shorter time first", tb.Text)
	case tb.Max > maxMinutes:
		return "", tb, fmt.Errorf("time box (%s) is longer than a day; write minutes or hours, e.g. (20–25 mins)", tb.Text)
	}
	return title, tb, nil
}

// HeadingTimeBox is the time box that ends heading h, zero when it has
// none, with its error when it does not read.
func HeadingTimeBox(h *ast.Heading, src []byte) (TimeBox, error) {
	_, tb, err := splitTimeBox(inlineText(h, src, "[%s]"))
	return tb, err
}

// timeBoxAt is where heading h's time box starts in src, for an error to
// point at: the last "(" of the heading's last line, where splitTimeBox
// finds it too. It is off, the heading's start, when there is none.
func timeBoxAt(h *ast.Heading, src []byte, off int) int {
	lines := h.Lines()
	if lines.Len() == 0 {
		return off
	}
	l := lines.At(lines.Len() - 1)
	if i := bytes.LastIndexByte(src[l.Start:l.Stop], '('); i >= 0 {
		return l.Start + i
	}
	return off
}

// Clock formats minutes from the interview's start as h:mm.
func Clock(minutes float64) string {
	m := int(minutes + 0.5)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// Span formats a duration range for people: "5 min", "20–25 min", "1 h 54 min – 2 h 26 min".
func Span(lo, hi float64) string {
	if int(lo+0.5) == int(hi+0.5) {
		return minutes(lo)
	}
	if lo < 60 && hi < 60 {
		return fmt.Sprintf("%d–%d min", int(lo+0.5), int(hi+0.5))
	}
	return minutes(lo) + " – " + minutes(hi)
}

func minutes(v float64) string {
	m := int(v + 0.5)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}
