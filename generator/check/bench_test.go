package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

// BenchmarkCheck1000 checks the 1,000-kit corpus of shared/bench.
func BenchmarkCheck1000(b *testing.B) {
	dir := b.TempDir()
	script := filepath.Join("..", "..", "..", "shared", "bench", "make-corpus.py")
	if _, err := os.Stat(script); err != nil {
		b.Skip("no shared/bench/make-corpus.py beside the repository")
	}
	if out, err := exec.Command("python3", script, "1000", filepath.Join(dir, "content", "scripts")).CombinedOutput(); err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	b.ResetTimer()
	for b.Loop() {
		s, _ := content.Load(dir)
		Site(markdown.New(), s, Options{Notes: true})
	}
}
