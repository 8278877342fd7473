package serve

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kitgen/generator/corpus"
)

// BenchmarkWriteToReload1000 is what an author waits for on a 1,000-kit
// site: from writing one kit to the reload event reaching the page,
// debounce included. Run it with -benchtime 20x for the 20 edits.
func BenchmarkWriteToReload1000(b *testing.B) {
	dir := b.TempDir()
	seed := read(b, filepath.Join("..", "..", "content", "scripts", "interview_script_atlas_001.md"))
	kata := read(b, filepath.Join("..", "..", "content", "katas", "matching.md"))
	if err := corpus.Write(dir, 1000, seed, kata); err != nil {
		b.Fatal(err)
	}
	p := start(b, Options{Source: dir, Log: io.Discard})
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		f := filepath.Join(dir, "content", "scripts", corpus.Kit(i*37%1000)+".md")
		src := read(b, f)
		edited := bytes.Replace(src, []byte("## 1)"), fmt.Appendf(nil, "Edit %d.\n\n## 1)", i), 1)
		start := time.Now()
		if err := os.WriteFile(f, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case m := <-p.events:
			took = append(took, time.Since(start))
			if len(m.Errors) > 0 || m.Changed == nil || len(*m.Changed) == 0 {
				b.Fatalf("event %+v", m)
			}
		case <-time.After(5 * time.Second):
			b.Fatal("no reload event")
		}
	}
	slices.Sort(took)
	b.ReportMetric(ms(took[len(took)/2]), "ms-median")
	b.ReportMetric(ms(took[len(took)-1]), "ms-worst")
	b.ReportMetric(rssMB(), "MB-rss")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// rssMB is this process's resident memory: the server, its site and the
// benchmark around them.
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
