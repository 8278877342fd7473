package browser

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkEngineInChromium runs matching.bench(n), the kata engine's own
// workload compiled to WebAssembly, in headless Chromium, and reports the
// orders/s the page measures; BenchmarkRunMixed in kata/matching is the
// same workload and n natively, for the ratio:
//
//	go test ./generator/browser -run X -bench EngineInChromium -count 5
//	go test ./kata/matching -run X -bench RunMixed -count 5
func BenchmarkEngineInChromium(b *testing.B) {
	dir := b.TempDir()
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "engine.wasm"), "./kata/matching/wasm")
	build.Dir = filepath.Join("..", "..")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("compiling the engine: %v\n%s", err, out)
	}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Fatal(err)
	}
	execJS, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		b.Fatal(err)
	}
	// The empty icon keeps Chromium from asking for /favicon.ico, whose
	// 404 is a console error that fails the benchmark.
	page := `<!doctype html><meta charset="utf-8"><title>engine</title><link rel="icon" href="data:,">
<script src="wasm_exec.js"></script>
<script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("engine.wasm"), go.importObject).then(r => go.run(r.instance));
</script>`
	for name, data := range map[string][]byte{"wasm_exec.js": execJS, "index.html": []byte(page)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	tab := Start(b, 10*time.Minute)
	srv := Serve(b, dir)
	tab.Do(b, chromedp.Navigate(srv.URL+"/index.html"))
	Wait[bool](b, tab, `typeof matching === "object"`, 30*time.Second)
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			seconds := 0.0
			for range b.N {
				r := Eval[map[string]any](b, tab, fmt.Sprintf("matching.bench(%d)", n))
				s, ok := r["seconds"].(float64)
				if !ok {
					b.Fatalf("bench(%d) = %v", n, r)
				}
				seconds += s
			}
			b.ReportMetric(float64(b.N)*float64(n)/seconds, "orders/s")
		})
	}
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		b.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
