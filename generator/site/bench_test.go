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
