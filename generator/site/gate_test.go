package site

import (
	"path"
	"path/filepath"
	"testing"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/gate"
)

// TestLeakGateCatchesPagesRenderedWithoutPruning renders each page of the
// leak site for candidates with pruning off — the panel's page in the
// candidate's place — and runs the gate as a build does: it must stop
// every page that holds a run of the panel's words, at the source line.
func TestLeakGateCatchesPagesRenderedWithoutPruning(t *testing.T) {
	dir := unpack(t, filepath.Join("testdata", "leak.txtar"))
	g, errs := setup(dir, audience.Both)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := content.Load(dir)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	g.katas.Set(s.Katas)
	gt := gate.New()
	gt.Allow("theme and config", g.allowed(gate.Scan)...)
	pages := map[*content.Page][]byte{}
	for _, p := range append(s.Scripts, s.Katas...) {
		o, errs := g.parse(p)
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		unpruned, err := g.render.PanelPage(o)
		if err != nil {
			t.Fatal(err)
		}
		gt.Set(gate.Learn(o, hasPrep(p)))
		if hasPrep(p) {
			pages[p] = unpruned
		}
	}
	caught := map[string]bool{}
	for p, b := range pages {
		name := path.Join("prep", content.Dir(p), "index.html")
		src, run, ok := gt.Check(gate.Scan(name, b))
		if !ok {
			continue
		}
		caught[p.Slug] = true
		o, _ := g.parse(p)
		if line := gate.Line(o, hasPrep(p), run); src != p.Path || line < 1 {
			t.Errorf("%s: the gate says %s:%d; want the page's own source and a line", p.Path, src, line)
		}
	}
	for _, slug := range []string{"leaky", "classes", "cr"} {
		if !caught[slug] {
			t.Errorf("the gate let through the unpruned page of %s", slug)
		}
	}
	if caught["unlisted"] {
		t.Error("the gate stopped unlisted, whose page holds nothing of the panel's")
	}
}
