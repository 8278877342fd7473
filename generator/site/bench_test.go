package site

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kitgen/generator/audience"
	"kitgen/generator/content"
)

const corpusCode = "\n```python\ndef match(book, order):\n    \"\"\"Price-time priority: best price first, FIFO within a level.\"\"\"\n" +
	"    levels = book.asks if order.side == \"buy\" else book.bids\n" +
	"    while order.qty and levels and crosses(order, levels[0]):\n        maker = levels[0].queue[0]\n" +
	"        fill = min(order.qty, maker.qty)\n        order.qty -= fill\n        maker.qty -= fill\n" +
	"        yield Trade(order.id, maker.id, maker.price, fill)\n```\n"

// writeCorpus writes n seed-shaped kits and the matching kata into dir, the
// same shape as shared/bench/make-corpus.py makes for the Hugo comparison.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "..", "content", "scripts", "interview_script_atlas_001.md"))
	if err != nil {
		tb.Fatal(err)
	}
	kata, err := os.ReadFile(filepath.Join("..", "..", "content", "katas", "matching.md"))
	if err != nil {
		tb.Fatal(err)
	}
	scripts := filepath.Join(dir, "content", "scripts")
	katas := filepath.Join(dir, "content", "katas")
	for _, d := range []string{scripts, katas} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(katas, "matching.md"), kata, 0o644); err != nil {
		tb.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(42, 42))
	for i := range n {
		id := fmt.Sprintf("bench_%05d", i)
		s := strings.ReplaceAll(string(seed), "interview_script_atlas_001_2025-08-10_v1", id)
		s = strings.ReplaceAll(s, "atlas_001", id)
		s = strings.ReplaceAll(s, "Atlas", fmt.Sprintf("Candidate %d", i))
		var extra strings.Builder
		for j := range 3 + rnd.IntN(6) {
			fmt.Fprintf(&extra, "- Probe %d: “Walk us through trade-off %d.”\n", 1+rnd.IntN(999), j)
		}
		s = strings.Replace(s, "## 4) System Design", extra.String()+corpusCode+"\n## 4) System Design", 1)
		if err := os.WriteFile(filepath.Join(scripts, id+".md"), []byte(s), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

var _ Output = discard{}

func corpus(b *testing.B) string {
	dir := b.TempDir()
	writeCorpus(b, dir, 1000)
	return dir
}

// BenchmarkBuild1000 is the whole build of a 1,000-kit site to disk.
func BenchmarkBuild1000(b *testing.B) {
	dir := corpus(b)
	b.ResetTimer()
	for b.Loop() {
		if err := build(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad1000 is the load phase alone: walk, read, frontmatter.
func BenchmarkLoad1000(b *testing.B) {
	dir := corpus(b)
	b.ResetTimer()
	for b.Loop() {
		if _, errs := content.Load(dir); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
}

// BenchmarkGenerate1000 is load and render, with nothing written.
func BenchmarkGenerate1000(b *testing.B) {
	dir := corpus(b)
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
	_ = io.Discard
}

// BenchmarkLiveEdit1000 is what kitgen serve does after one kit of a
// 1,000-kit site is saved: read it, render its pages and the indexes.
func BenchmarkLiveEdit1000(b *testing.B) {
	dir := corpus(b)
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
