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

// timeBoxRE matches a time box at the end of a heading: (5 mins),
// (20–25 mins), (2-3 min), (45 minutes), (1 hr), (1.5 hours), (10 to 15 m).
var timeBoxRE = regexp.MustCompile(`(?i)\s*\(\s*(\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*)?(minutes?|mins?|m|hours?|hrs?|h)\.?\s*\)\s*$`)

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
