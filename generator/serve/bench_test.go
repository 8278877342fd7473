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
	"kitgen/generator/internal/testsite"
)

// BenchmarkWriteToReload1000 is what an author waits for on a 1,000-kit
// site: from a save to the reload event reaching the page, debounce
// included, for each kind of save. Run it with -benchtime 20x for twenty
// saves of each.
func BenchmarkWriteToReload1000(b *testing.B) {
	theme := func(rel string) []byte { return read(b, filepath.Join("..", "..", "themes", "default", rel)) }
	for _, save := range []struct {
		name, file string
		// body is what the file holds at the i-th save.
		body func(dir string, i int) []byte
	}{
		{"kit", "", nil},
		{"stylesheet", "static/css/kitgen.css", func(_ string, i int) []byte {
			return fmt.Appendf(theme("static/css/kitgen.css"), "\n/* %d */\n", i)
		}},
		{"panel-partial", "layouts/partials/scorecard.html", func(_ string, i int) []byte {
			return bytes.Replace(theme("layouts/partials/scorecard.html"), []byte(`{{define "scorecard"}}`), fmt.Appendf(nil, `{{define "scorecard"}}<i hidden>%d</i>`, i), 1)
		}},
		{"config", "kitgen.toml", func(_ string, i int) []byte { return fmt.Appendf(nil, "title = \"Kits %d\"\n", i) }},
		// Another theme is another site: the whole site is built again.
		// themes/other is empty, so it is the default theme by another name.
		{"theme", "kitgen.toml", func(_ string, i int) []byte {
			return fmt.Appendf(nil, "theme = %q\n", []string{"other", "default"}[i%2])
		}},
	} {
		b.Run(save.name, func(b *testing.B) {
			dir := b.TempDir()
			seed := read(b, testsite.Seed(b))
			kata := read(b, filepath.Join(testsite.Dir(), "content", "katas", "matching.md"))
			if err := corpus.Write(dir, 1000, seed, kata); err != nil {
				b.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(filepath.FromSlash(save.file))), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "themes", "other"), 0o755); err != nil {
				b.Fatal(err)
			}
			p := start(b, Options{Source: dir, Log: io.Discard})
			var took []time.Duration
			for i := 0; b.Loop(); i++ {
				f, body := filepath.Join(dir, filepath.FromSlash(save.file)), []byte(nil)
				if save.body == nil {
					f = filepath.Join(dir, "content", "scripts", corpus.Kit(i*37%1000)+".md")
					body = bytes.Replace(read(b, f), []byte("## 1)"), fmt.Appendf(nil, "Edit %d.\n\n## 1)", i), 1)
				} else {
					body = save.body(dir, i)
				}
				start := time.Now()
				if err := os.WriteFile(f, body, 0o644); err != nil {
					b.Fatal(err)
				}
				select {
				case m := <-p.events:
					took = append(took, time.Since(start))
					// The other theme writes the same pages: nothing to reload.
					if len(m.Errors) > 0 || m.Changed == nil || len(*m.Changed) == 0 && save.name != "theme" {
						b.Fatalf("event %+v, changed %v", m, *m.Changed)
					}
				case <-time.After(10 * time.Second):
					b.Fatal("no reload event")
				}
			}
			slices.Sort(took)
			b.ReportMetric(ms(took[len(took)/2]), "ms-median")
			b.ReportMetric(ms(took[len(took)-1]), "ms-worst")
			b.ReportMetric(rssMB(), "MB-rss")
		})
	}
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
