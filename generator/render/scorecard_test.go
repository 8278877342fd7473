package render

import (
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

func TestCompetencies(t *testing.T) {
	type row struct {
		name    string
		anchors [4]string
	}
	yamlValue := func(src string) any {
		var v any
		if err := yaml.Unmarshal([]byte(src), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	tomlValue := func(src string) any {
		var m map[string]any
		if _, err := toml.Decode(src, &m); err != nil {
			t.Fatal(err)
		}
		return m["scorecard"]
	}
	for _, tt := range []struct {
		name  string
		value any
		want  []row
		err   string
	}{
		{"names", yamlValue("[Problem solving, ' Communication ']"), []row{{name: "Problem solving"}, {name: "Communication"}}, ""},
		{"anchors by level", yamlValue("- name: Incident response\n  anchors: {1: Guesses, 4: Leads}\n- Observability"),
			[]row{{"Incident response", [4]string{"Guesses", "", "", "Leads"}}, {name: "Observability"}}, ""},
		{"anchors listed", yamlValue("- name: Ownership\n  anchors: [Waits, Finishes, Follows through]"),
			[]row{{"Ownership", [4]string{"Waits", "Finishes", "Follows through", ""}}}, ""},
		{"TOML tables", tomlValue("[[scorecard]]\nname = \"Craft\"\nanchors = {2 = \"Mixed\"}\n"),
			[]row{{"Craft", [4]string{"", "Mixed", "", ""}}}, ""},
		{"not a list", yamlValue("Problem solving"), nil, "not a list"},
		{"empty name", yamlValue("['']"), nil, "entry 1 is empty"},
		{"no name", yamlValue("- anchors: [a]"), nil, "entry 1: no name"},
		{"unknown key", yamlValue("- name: X\n  weight: 2"), nil, `unknown key "weight"`},
		{"level out of the scale", yamlValue("- name: X\n  anchors: {5: Superb}"), nil, `anchor "5" is not a level`},
		{"a neutral level", yamlValue("- name: X\n  anchors: {0: Meh}"), nil, `anchor "0" is not a level`},
		{"too many anchors", yamlValue("- name: X\n  anchors: [a, b, c, d, e]"), nil, "5 anchors for a 4-point scale"},
		{"anchors not a list", yamlValue("- name: X\n  anchors: great"), nil, "key them by level"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := competencies(tt.value)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			for _, c := range cs {
				got = append(got, row{name: c.Name, anchors: c.Anchors})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

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
			sc, err := scorecardOf(p, doc)
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
	if _, err := scorecardOf(p, doc); err == nil || !strings.HasPrefix(err.Error(), "k.md:7: error: scorecard: not a list") {
		t.Errorf("error %v, want k.md:7 and what is wrong", err)
	}
}
