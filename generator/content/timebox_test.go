package content

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"kitgen/generator/markdown"
)

// TestTimeBoxErrorPointsAtTheTimeBox: an editor, or serve's overlay, puts
// the caret on the time box a build refuses, not on the heading's first
// letter.
func TestTimeBoxErrorPointsAtTheTimeBox(t *testing.T) {
	for _, c := range []struct {
		heading   string
		line, col int
	}{
		{"## Behavioral (25–20 mins)", 6, 15},
		{"## Behavioral (25–20 mins) {audience=both}", 6, 15},
		{"## Ask [Interviewer Name] about `x` (25–20 mins)", 6, 37},
		{"## Aside (not a box) (2–1 hrs)", 6, 22},
		{"## Forever (99999 hours)", 6, 12},
	} {
		p, err := ParsePage("content/scripts/a.md", []byte("---\nid: a\ntype: interview_script\n---\n\n"+c.heading+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, errs := Parse(markdown.New(), p, IndexKatas(nil))
		if len(errs) != 1 || errs[0].Line != c.line || errs[0].Col != c.col {
			t.Errorf("%q: %v, want one error at %d:%d", c.heading, errs, c.line, c.col)
		}
	}
}

// TestSectionTimes: a section's time is its heading's box, or the sum of
// the highest headings below it that have one; an overview's box, which
// covers the sections after it, is not counted.
func TestSectionTimes(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		times      []string
		overview   []bool
		lo, hi     float64
	}{
		{"own boxes", "## A (5 mins)\n## B (10–15 mins)\n", []string{"5 mins", "10–15 mins"}, []bool{false, false}, 15, 20},
		{"### parts", "## A\n### One (10 mins)\n### Two (5 mins)\n#### Inside (2 mins)\n## B (5 mins)\n", []string{"15 min", "5 mins"}, []bool{false, false}, 20, 20},
		{"#### when no ###", "## A\n### One\n#### x (3 mins)\n#### y (4 mins)\n", []string{"7 min"}, []bool{false}, 7, 7},
		{"own box wins", "## A (10 mins)\n### One (30 mins)\n", []string{"10 mins"}, []bool{false}, 10, 10},
		{"parts stop at a # part", "## A\n### One (10 mins)\n# Appendix\n### Two (5 mins)\n", []string{"10 min"}, []bool{false}, 10, 10},
		{"overview by title", "## INTERVIEW STRUCTURE (60-90 minutes)\n## Coding (45 mins)\n## Design (45 mins)\n", []string{"60-90 minutes", "45 mins", "45 mins"}, []bool{true, false, false}, 90, 90},
		{"overview by the sections it names", "## Today (60 mins)\nFirst Coding, then System design.\n## Coding (30 mins)\n## System design (30 mins)\n", []string{"60 mins", "30 mins", "30 mins"}, []bool{true, false, false}, 60, 60},
		{"a long exercise is no overview", "## Coding (30 mins)\n## Design (20 mins)\n## Q&A (10 mins)\n", []string{"30 mins", "20 mins", "10 mins"}, []bool{false, false, false}, 60, 60},
		{"an agenda of minutes is no overview", "## Agenda (2 mins)\n## Coding (45 mins)\n", []string{"2 mins", "45 mins"}, []bool{false, false}, 47, 47},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePage("content/scripts/a.md", []byte("---\nid: a\ntype: interview_script\n---\n"+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			d, errs := Parse(markdown.New(), p, IndexKatas(nil))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var times []string
			var overview []bool
			for _, s := range d.Sections {
				times, overview = append(times, s.Time.Text), append(overview, s.Overview)
			}
			lo, hi := Total(d.Sections)
			if fmt.Sprint(times) != fmt.Sprint(tt.times) || fmt.Sprint(overview) != fmt.Sprint(tt.overview) || lo != tt.lo || hi != tt.hi {
				t.Errorf("times %q, overview %v, total %v–%v; want %q, %v, %v–%v", times, overview, lo, hi, tt.times, tt.overview, tt.lo, tt.hi)
			}
		})
	}
}

func TestDurations(t *testing.T) {
	for _, tt := range []struct {
		s      string
		lo, hi float64
		ok     bool
	}{
		{"75 minutes", 75, 75, true}, {"60–90 minutes", 60, 90, true}, {"1.5 hours", 90, 90, true}, {"45", 45, 45, true}, {"an hour", 0, 0, false},
	} {
		lo, hi, ok := ParseDuration(tt.s)
		if lo != tt.lo || hi != tt.hi || ok != tt.ok {
			t.Errorf("ParseDuration(%q) = %v, %v, %v", tt.s, lo, hi, ok)
		}
	}
	if lo, hi, at := Announced("We'll spend about 60–90 minutes together, with <5 min MTTR."); lo != 60 || hi != 90 || at != 6 {
		t.Errorf("Announced = %v, %v, %d", lo, hi, at)
	}
	if c := ClockRanges("0:00–0:05 Intro; 0:05 - 1:25 Coding; at 10:30"); len(c) != 2 || c[1].Min != 5 || c[1].Max != 85 {
		t.Errorf("ClockRanges = %+v", c)
	}
}

// TestContainsFoldStemLetters: under (?i), each lower-case ASCII letter
// but s and k matches ASCII letters alone, as ContainsFold says.
func TestContainsFoldStemLetters(t *testing.T) {
	for r := 'a'; r <= 'z'; r++ {
		ascii := true
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			ascii = ascii && f < unicode.MaxASCII
		}
		if ascii == (r == 's' || r == 'k') {
			t.Errorf("%q: folds to ASCII alone is %v", r, ascii)
		}
	}
	for _, s := range overviewTitle.Stems {
		if s == "" || strings.Trim(s, "abcdefghijlmnopqrtuvwxyz") != "" {
			t.Errorf("stem %q holds what is not a lower-case letter other than s and k", s)
		}
	}
}

func FuzzNamesPlan(f *testing.F) {
	for _, s := range []string{
		"", "Interview structure", "INTERVIEW STRUCTURE", "Overview", "Agenda", "Outline", "Plan", "Schedule",
		"Format", "Timeline", "At a glance", "In brief", "Summary", "ſtructure", "ſchedule", "ſummary", "Planning",
		"Explanation", "Introduction (5 mins)", "at a  glance", "in\tbrief", "\xffplan",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := overviewTitle.MatchString(s), overviewTitle.RE.MatchString(s); got != want {
			t.Fatalf("overviewTitle.MatchString(%q) = %v, the regexp says %v", s, got, want)
		}
	})
}
