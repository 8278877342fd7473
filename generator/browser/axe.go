package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// AxeEnv is the environment variable naming axe.min.js, for a copy of
// axe-core installed somewhere else than this package's node_modules.
const AxeEnv = "KITGEN_AXE"

// WCAG22AA are axe-core's tags for the rules of WCAG 2.2 at levels A and
// AA, the bar kitgen's pages are held to.
var WCAG22AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Violation is a rule of axe-core that a page breaks, with the elements
// that break it.
type Violation struct {
	ID    string   `json:"id"`
	Help  string   `json:"help"`
	Nodes []string `json:"nodes"` // each a CSS selector, then what is wrong
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %d element(s)\n\t%s", v.ID, v.Help, len(v.Nodes), strings.Join(v.Nodes, "\n\t"))
}

// axePath is where axe.min.js is: $KITGEN_AXE, or the node_modules that
// `npm ci` in this package's folder makes (.ci/run does).
func axePath() string {
	if p := os.Getenv(AxeEnv); p != "" {
		return p
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "node_modules", "axe-core", "axe.min.js")
}

// Axe runs axe-core on the page open in tab, with the rules of the given
// tags (WCAG22AA, say), and returns what it found. Without axe-core it
// skips t, saying how to install it, and fails it when KITGEN_E2E=1.
func Axe(t testing.TB, tab *Tab, tags ...string) []Violation {
	t.Helper()
	src, err := os.ReadFile(axePath())
	if err != nil {
		msg := fmt.Sprintf("axe-core is not installed (%v): run `npm ci --prefix generator/browser`, or set %s to an axe.min.js", err, AxeEnv)
		if os.Getenv(Required) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if !Eval[bool](t, tab, `typeof window.axe === "object"`) {
		tab.Do(t, chromedp.Evaluate[chromedp.Void](string(src)))
	}
	tagsJSON, _ := json.Marshal(tags)
	out := Eval[string](t, tab, fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r =>
		JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))}))))`, tagsJSON))
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("axe's result: %v", err)
	}
	return vs
}

// Media emulates CSS media features in tab, as name and value pairs:
// Media(t, "prefers-color-scheme", "dark"). With none it ends the
// emulation.
func (tab *Tab) Media(t testing.TB, pairs ...string) {
	t.Helper()
	var features []*emulation.MediaFeature
	for i := 0; i+1 < len(pairs); i += 2 {
		features = append(features, &emulation.MediaFeature{Name: pairs[i], Value: pairs[i+1]})
	}
	tab.Do(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features})
		return err
	}))
}
