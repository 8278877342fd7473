package check

import (
	"strings"
	"testing"
	"unicode"
)

// streetWordBySearch is hasStreetWord as it was first written, searching
// for each word in turn: the model the faster one must agree with.
func streetWordBySearch(l string) bool {
	for _, w := range streetWords {
		for at := 0; ; {
			i := strings.Index(l[at:], w)
			if i < 0 {
				break
			}
			end := at + i + len(w)
			if end == len(l) || !unicode.IsLetter(rune(l[end])) {
				return true
			}
			at = end
		}
	}
	return false
}

func FuzzHasStreetWord(f *testing.F) {
	for _, l := range []string{
		"", " ", "St", " St", " St.", " Start", "12 Main St", "12 Main Street, Springfield",
		"  Ave", "a  Way", "Way ", " Wayne", " Dr\u00e9", " Lnx Ln", " Ct\xc3", "Probe 3: Strong Rd",
		"- Probe 123: “Walk us through trade-off 4.”",
	} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := hasStreetWord(l), streetWordBySearch(l); got != want {
			t.Fatalf("hasStreetWord(%q) = %v, the search finds %v", l, got, want)
		}
	})
}

// TestStreetWordsAreASpaceAndACapital: hasStreetWord tries the words only
// after a space and a capital.
func TestStreetWordsAreASpaceAndACapital(t *testing.T) {
	for _, w := range streetWords {
		if len(w) < 2 || w[0] != ' ' || w[1] < 'A' || w[1] > 'Z' {
			t.Errorf("street word %q", w)
		}
	}
}

func FuzzNamesPanelThing(f *testing.F) {
	for _, s := range []string{
		"", "Rubric", "Scoring guide", "SCORECARD", "Score card", "Probes", "probing", "Red flag", "red FLAGS",
		"Expected answers", "Evaluation", "Grading", "ſcoring", "Red flagſ", "Record", "Problem solving",
		"rubrics", "Introduction (5 mins)", "\xffgrading", "Eval\u0130uation",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := panelWords.MatchString(s), panelWords.RE.MatchString(s); got != want {
			t.Fatalf("panelWords.MatchString(%q) = %v, the regexp says %v", s, got, want)
		}
	})
}

// TestPanelStems: each stem is what content.ContainsFold takes.
func TestPanelStems(t *testing.T) {
	for _, s := range panelWords.Stems {
		if s == "" || strings.Trim(s, "abcdefghijlmnopqrtuvwxyz") != "" {
			t.Errorf("stem %q holds what is not a lower-case letter other than s and k", s)
		}
	}
}
