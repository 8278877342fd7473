package render

import (
	"reflect"
	"strings"
	"testing"

	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

func TestSplitValues(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"“We hire for Technical Excellence & Scalable Elegance, Ownership & Proactivity, Observability & Guardrails, Data‑Informed Iteration, and Integrity.”",
			[]string{"Technical Excellence & Scalable Elegance", "Ownership & Proactivity", "Observability & Guardrails", "Data‑Informed Iteration", "Integrity"}},
		{"Ownership, Craft; Care for users.", []string{"Ownership", "Craft", "Care for users"}},
		{"Our values are Curiosity, Candour and Care", []string{"Curiosity", "Candour and Care"}},
		{"we value Speed, Rigour", []string{"Speed", "Rigour"}},
		{`"Kindness"`, []string{"Kindness"}},
		{"", nil},
	} {
		if got := splitValues(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitValues(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScorecardOf(t *testing.T) {
	md := markdown.New()
	for _, tt := range []struct {
		name   string
		fields []content.Field
		body   string
		names  []string
		from   string
		star   bool
	}{
		{"the seed's values line and STAR", nil,
			"## Intro (5 mins)\n\n- Values: “We hire for Ownership & Proactivity, and Integrity.”\n- Reminder: “We use STAR—please cover Situation, Task, Action, Result.”\n",
			[]string{"Ownership & Proactivity", "Integrity"}, "the values stated on line 12 of the script", true},
		{"frontmatter wins over the text", []content.Field{{Key: "scorecard", Value: []any{"Craft"}, Line: 3}},
			"Values: Ownership, Integrity\n", []string{"Craft"}, "", false},
		{"STAR spelt out", nil, "Ask for the Situation, Task, Action and Result.\n", []string{"", "", ""}, "", true},
		{"nothing stated: rows to write in", nil, "## Chat (5 mins)\n\nStarlight is not STARdom.\n", []string{"", "", ""}, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &content.Page{Path: "k.md", Kind: content.Script, Fields: tt.fields, Body: []byte(tt.body), BodyLine: 10}
			doc, _ := content.Parse(md, p, content.IndexKatas(nil))
			sc, err := scorecardOf(doc)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range sc.Competencies {
				names = append(names, c.Name)
			}
			if !reflect.DeepEqual(names, tt.names) || sc.From != tt.from || sc.STAR != tt.star {
				t.Errorf("got %q from %q, STAR %v; want %q from %q, STAR %v", names, sc.From, sc.STAR, tt.names, tt.from, tt.star)
			}
			if !reflect.DeepEqual(sc.Outcomes, []string{"Strong no", "No", "Yes", "Strong yes"}) {
				t.Errorf("outcomes %q", sc.Outcomes)
			}
		})
	}
	p := &content.Page{Path: "k.md", Kind: content.Script, Fields: []content.Field{{Key: "scorecard", Value: "Craft", Line: 7}}}
	doc, _ := content.Parse(md, p, content.IndexKatas(nil))
	if _, err := scorecardOf(doc); err == nil || !strings.HasPrefix(err.Error(), "k.md:7: error: scorecard: not a list") {
		t.Errorf("error %v, want k.md:7 and what is wrong", err)
	}
}

// FuzzScorecardKeyIsWhatItShows: two scorecards share a key exactly when
// they are equal, so that {{cached}} never gives a kit another's.
func FuzzScorecardKeyIsWhatItShows(f *testing.F) {
	f.Add("", "Ownership|Craft", "a", false, "", "Ownership|Craft", "a", false)
	f.Add("x", "A", "", true, "x", "A", "", false)
	f.Add("", "A|B", "", false, "", "A;1\"B", "", false)
	f.Fuzz(func(t *testing.T, from1, names1, anchor1 string, star1 bool, from2, names2, anchor2 string, star2 bool) {
		card := func(from, names, anchor string, star bool) *Scorecard {
			sc := &Scorecard{From: from, STAR: star, Outcomes: outcomes}
			for i, n := range strings.Split(names, "|") {
				sc.Competencies = append(sc.Competencies, Row{N: i + 1, Name: n, Anchors: [content.Levels]string{anchor}})
			}
			return sc
		}
		a, b := card(from1, names1, anchor1, star1), card(from2, names2, anchor2, star2)
		if same := reflect.DeepEqual(a, b); same != (a.CacheKey() == b.CacheKey()) {
			t.Errorf("equal %v, but keys %q and %q", same, a.CacheKey(), b.CacheKey())
		}
	})
}
