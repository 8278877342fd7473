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
	for name, f := range g.allowed(gate.Scan) {
		gt.Allow(name, f)
	}
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
			pages[p] = unpruned.HTML
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

// TestLeakGateNamesTheSourceLine puts the panel's page of a kit among
// the files written for the candidate, after a build, and runs the gate:
// a one-off build, whose gate keeps no source's runs, and kitgen serve's,
// which keeps them, must both name the kit's source and a line of it.
func TestLeakGateNamesTheSourceLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		live func(dir string) *Live
	}{
		{"build", func(dir string) *Live { return &Live{src: dir, trees: audience.Both, out: discard{}} }},
		{"serve", func(dir string) *Live { return NewLive(dir, audience.Both) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := unpack(t, filepath.Join("testdata", "leak.txtar"))
			l := tc.live(dir)
			if _, errs := l.Rebuild(); errs.HasErrors() {
				t.Fatal(errs)
			}
			p, err := content.ReadPage(dir, "content/scripts/leaky.md")
			if err != nil {
				t.Fatal(err)
			}
			o, _ := l.g.parse(p)
			panel, err := l.g.render.PanelPage(o)
			if err != nil {
				t.Fatal(err)
			}
			name := "prep/leaky/index.html"
			l.scans = []scanned{{name, gate.Scan(name, panel.HTML)}}
			l.check()
			if len(l.gateErrs) != 1 || l.gateErrs[0].File != p.Path || l.gateErrs[0].Line < 1 {
				t.Fatalf("the gate found %v; want one leak at a line of %s", l.gateErrs, p.Path)
			}
		})
	}
}
