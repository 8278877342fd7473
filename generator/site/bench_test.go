package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/corpus"
	"kitgen/generator/internal/testsite"
)

// writeCorpus writes n seed-shaped kits and the matching kata into dir.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	seed, err := os.ReadFile(testsite.Seed(tb))
	if err != nil {
		tb.Fatal(err)
	}
	kata, err := os.ReadFile(filepath.Join(testsite.Dir(), "content", "katas", "matching.md"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := corpus.Write(dir, n, seed, kata); err != nil {
		tb.Fatal(err)
	}
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

var _ Output = discard{}

func newCorpus(b *testing.B) string {
	dir := b.TempDir()
	writeCorpus(b, dir, 1000)
	return dir
}

// BenchmarkBuild1000 is the whole build of a 1,000-kit site to disk.
func BenchmarkBuild1000(b *testing.B) {
	dir := newCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		if err := build(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad1000 is the load phase alone: walk, read, frontmatter.
func BenchmarkLoad1000(b *testing.B) {
	dir := newCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		if _, errs := content.Load(dir); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
}

// BenchmarkGenerate1000 is load and render, with nothing written.
func BenchmarkGenerate1000(b *testing.B) {
	dir := newCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		if _, errs := Generate(dir, audience.Both, discard{}); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
}

func TestCorpusBuilds(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, 20)
	out := generate(t, dir, audience.Both)
	if n := len(out.Names()); n < 40 {
		t.Fatalf("%d files", n)
	}
}

// BenchmarkLiveEdit1000 is what kitgen serve does after one kit of a
// 1,000-kit site is saved: read it, render its pages and the indexes.
func BenchmarkLiveEdit1000(b *testing.B) {
	dir := newCorpus(b)
	l := NewLive(dir, audience.Both)
	if _, errs := l.Update(nil); errs.HasErrors() {
		b.Fatal(errs)
	}
	rel := "content/scripts/bench_00500.md"
	src, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		edited := strings.Replace(string(src), "## 1)", fmt.Sprintf("Edit %d.\n\n## 1)", i), 1)
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		if _, errs := l.Update([]string{rel}); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
}

// BenchmarkLiveRestyle1000 is what serve renders after a save of each kind
// of file pages are made of, on a 1,000-kit site: the scorecard partial
// (the panel's kit pages), a stylesheet (no page) and the config's title
// (every page).
func BenchmarkLiveRestyle1000(b *testing.B) {
	theme := func(rel string) []byte {
		t, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", rel))
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	for _, save := range []struct {
		name, file string
		body       func(i int) []byte
	}{
		{"panel-partial", "layouts/partials/scorecard.html", func(i int) []byte {
			return []byte(strings.Replace(string(theme("layouts/partials/scorecard.html")), `{{define "scorecard"}}`, fmt.Sprintf(`{{define "scorecard"}}<i hidden>%d</i>`, i), 1))
		}},
		{"stylesheet", "static/css/kitgen.css", func(i int) []byte { return fmt.Appendf(theme("static/css/kitgen.css"), "\n/* %d */\n", i) }},
		{"config", ConfigFile, func(i int) []byte { return fmt.Appendf(nil, "title = \"Kits %d\"\n", i) }},
	} {
		b.Run(save.name, func(b *testing.B) {
			dir := newCorpus(b)
			f := filepath.Join(dir, filepath.FromSlash(save.file))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				b.Fatal(err)
			}
			l := NewLive(dir, audience.Both)
			if _, errs := l.Update(nil); errs.HasErrors() {
				b.Fatal(errs)
			}
			for i := 0; b.Loop(); i++ {
				if err := os.WriteFile(f, save.body(i), 0o644); err != nil {
					b.Fatal(err)
				}
				if _, errs := l.Update([]string{save.file}); errs.HasErrors() {
					b.Fatal(errs)
				}
			}
		})
	}
}

// parsed is a built 1,000-kit site and its kits parsed, for the
// benchmarks of one step at a time.
func parsed(b *testing.B) (*Live, []*content.Doc) {
	l := NewLive(newCorpus(b), audience.Both)
	if _, errs := l.Rebuild(); errs.HasErrors() {
		b.Fatal(errs)
	}
	var docs []*content.Doc
	for _, s := range l.sources {
		if s.page != nil && s.page.Kind == content.Script {
			o, errs := l.g.parse(s.page)
			if errs.HasErrors() {
				b.Fatal(errs)
			}
			docs = append(docs, o)
		}
	}
	return l, docs
}

// BenchmarkParse1000 is the parse step alone, for 1,000 kits; run the
// step benchmarks with -cpu 1 to read them as the CPU a build spends.
func BenchmarkParse1000(b *testing.B) {
	l, docs := parsed(b)
	b.ResetTimer()
	for b.Loop() {
		for _, o := range docs {
			l.g.parse(o.Page)
		}
	}
}

// BenchmarkLint1000 is the lint step alone.
func BenchmarkLint1000(b *testing.B) {
	l, docs := parsed(b)
	b.ResetTimer()
	for b.Loop() {
		for _, o := range docs {
			l.g.lint(o)
		}
	}
}

// BenchmarkPanelPage1000 renders 1,000 panel guides.
func BenchmarkPanelPage1000(b *testing.B) {
	l, docs := parsed(b)
	b.ResetTimer()
	for b.Loop() {
		for _, o := range docs {
			if _, err := l.g.render.PanelPage(o); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPrepPage1000 renders 1,000 candidate pages.
func BenchmarkPrepPage1000(b *testing.B) {
	l, docs := parsed(b)
	b.ResetTimer()
	for b.Loop() {
		for _, o := range docs {
			if _, _, err := l.g.render.PrepPage(o, hasPrep); err != nil {
				b.Fatal(err)
			}
		}
	}
}
