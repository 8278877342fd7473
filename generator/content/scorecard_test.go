package content

import (
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
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

func TestScorecardErrorNamesTheField(t *testing.T) {
	p := &Page{Path: "k.md", Fields: []Field{{Key: "scorecard", Value: "Craft", Line: 7}}}
	if _, err := Scorecard(p); err == nil || !strings.HasPrefix(err.Error(), "k.md:7: error: scorecard: not a list") {
		t.Errorf("error %v, want k.md:7 and what is wrong", err)
	}
}
