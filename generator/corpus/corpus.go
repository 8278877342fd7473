// Package corpus writes large sites for benchmarks: n kits shaped like the
// seed script, as ../shared/bench/make-corpus.py writes them for the Hugo
// comparison, and the katas they refer to.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

const code = "\n```python\ndef match(book, order):\n    \"\"\"Price-time priority: best price first, FIFO within a level.\"\"\"\n" +
	"    levels = book.asks if order.side == \"buy\" else book.bids\n" +
	"    while order.qty and levels and crosses(order, levels[0]):\n        maker = levels[0].queue[0]\n" +
	"        fill = min(order.qty, maker.qty)\n        order.qty -= fill\n        maker.qty -= fill\n" +
	"        yield Trade(order.id, maker.id, maker.price, fill)\n```\n"

// Write writes n kits made from seed, and kata, into the site dir.
func Write(dir string, n int, seed, kata []byte) error {
	scripts := filepath.Join(dir, "content", "scripts")
	katas := filepath.Join(dir, "content", "katas")
	for _, d := range []string{scripts, katas} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(katas, "matching.md"), kata, 0o644); err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(42, 42))
	for i := range n {
		id := Kit(i)
		s := strings.ReplaceAll(string(seed), "interview_script_atlas_001_2025-08-10_v1", id)
		s = strings.ReplaceAll(s, "atlas_001", id)
		s = strings.ReplaceAll(s, "Atlas", fmt.Sprintf("Candidate %d", i))
		var extra strings.Builder
		for j := range 3 + rnd.IntN(6) {
			fmt.Fprintf(&extra, "- Probe %d: “Walk us through trade-off %d.”\n", 1+rnd.IntN(999), j)
		}
		s = strings.Replace(s, "## 4) System Design", extra.String()+code+"\n## 4) System Design", 1)
		if err := os.WriteFile(filepath.Join(scripts, id+".md"), []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Kit is the id, and file name without .md, of kit i.
func Kit(i int) string { return fmt.Sprintf("bench_%05d", i) }
