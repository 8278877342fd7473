package content

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"kitgen/generator/diag"
)

// Competency is a row of the scorecard: what is assessed and, per level
// from 1 to 4, the behaviour that earns it where the author wrote one
// down. The levels' names are the theme's (partials/scorecard.html): a
// four-point scale with no neutral middle, so that a 2 is a no and a 3 a
// yes, the way the overall recommendation reads.
type Competency struct {
	Name    string
	Anchors [Levels]string
}

// Levels is the size of the rating scale.
const Levels = 4

// Scorecard decodes p's frontmatter `scorecard:`, nil when p has none.
// Its errors name the field's line: the build and kitgen check report them
// alike.
func Scorecard(p *Page) ([]Competency, error) {
	f, ok := p.Field("scorecard")
	if !ok {
		return nil, nil
	}
	cs, err := competencies(f.Value)
	if err != nil {
		return nil, diag.Errorf(p.Path, f.Line, "scorecard: %w", err)
	}
	return cs, nil
}

func competency(name string, anchors map[int]string) Competency {
	c := Competency{Name: name}
	for i := range c.Anchors {
		c.Anchors[i] = anchors[i+1]
	}
	return c
}

const scorecardForm = "write a list of names, or of {name, anchors} with anchors for levels 1 to 4"

// competencies decodes the frontmatter value: a list whose entries are
// names, or maps with a name and anchors, keyed 1 to 4 or listed from 1.
func competencies(v any) ([]Competency, error) {
	var list []any
	switch v := v.(type) {
	case []any:
		list = v
	case []map[string]any:
		// TOML's [[scorecard]] tables.
		for _, m := range v {
			list = append(list, m)
		}
	default:
		return nil, fmt.Errorf("not a list; %s", scorecardForm)
	}
	var out []Competency
	for i, e := range list {
		switch e := e.(type) {
		case string:
			if strings.TrimSpace(e) == "" {
				return nil, fmt.Errorf("entry %d is empty", i+1)
			}
			out = append(out, competency(strings.TrimSpace(e), nil))
		case map[string]any, map[any]any:
			c, err := competencyMap(stringKeys(e))
			if err != nil {
				return nil, fmt.Errorf("entry %d: %w", i+1, err)
			}
			out = append(out, c)
		default:
			return nil, fmt.Errorf("entry %d is a %T; %s", i+1, e, scorecardForm)
		}
	}
	return out, nil
}

func competencyMap(m map[string]any) (Competency, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "name" && k != "anchors" {
			return Competency{}, fmt.Errorf("unknown key %q; an entry takes name and anchors", k)
		}
	}
	name, _ := m["name"].(string)
	if strings.TrimSpace(name) == "" {
		return Competency{}, fmt.Errorf("no name; %s", scorecardForm)
	}
	anchors := map[int]string{}
	switch a := m["anchors"].(type) {
	case nil:
	case []any:
		if len(a) > Levels {
			return Competency{}, fmt.Errorf("%d anchors for a %d-point scale", len(a), Levels)
		}
		for i, s := range a {
			anchors[i+1] = fmt.Sprint(s)
		}
	case map[string]any, map[any]any:
		for k, s := range stringKeys(a) {
			n, err := strconv.Atoi(k)
			if err != nil || n < 1 || n > Levels {
				return Competency{}, fmt.Errorf("anchor %q is not a level; levels are 1 to %d", k, Levels)
			}
			anchors[n] = fmt.Sprint(s)
		}
	default:
		return Competency{}, fmt.Errorf("anchors of %s are a %T; key them by level, 1 to 4", name, a)
	}
	return competency(strings.TrimSpace(name), anchors), nil
}

// stringKeys gives YAML maps with non-string keys (`1: …`) the string keys
// that TOML and YAML's string-keyed maps have.
func stringKeys(m any) map[string]any {
	switch m := m.(type) {
	case map[string]any:
		return m
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, v := range m {
			out[fmt.Sprint(k)] = v
		}
		return out
	}
	return nil
}
