package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeEnv names axe-core's axe.min.js for the accessibility checks; .ci/run
// installs axe-core with npm into a temporary folder and sets it.
//
// This is the panel guide's own small harness (issue 16). Issue 15 adds a
// reusable one to this package (Axe, on its branch); when both are in,
// this file gives way to it.
const axeEnv = "KITGEN_AXE"

// axeViolations runs axe-core's rules (WCAG 2.2 A and AA, and its best
// practices) on the page open in tab and returns what breaks them, one
// line a rule and element. Without axe-core it skips t, saying how to
// install it, and fails it when KITGEN_E2E=1.
func axeViolations(t *testing.T, tab *Tab) []string {
	t.Helper()
	path := os.Getenv(axeEnv)
	src, err := os.ReadFile(path)
	if path == "" || err != nil {
		msg := fmt.Sprintf("no axe-core (%s=%q): npm install axe-core into a folder and set %s to its node_modules/axe-core/axe.min.js", axeEnv, path, axeEnv)
		if os.Getenv(Required) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if !Eval[bool](t, tab, `typeof window.axe === "object"`) {
		tab.Do(t, chromedp.Evaluate[chromedp.Void](string(src)))
	}
	out := Eval[string](t, tab, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, resultTypes: ["violations"]}).then(r =>
		JSON.stringify(r.violations.flatMap(v => v.nodes.map(n => v.id + " (" + v.impact + "): " + n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ")))))`)
	var vs []string
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("axe's result: %v", err)
	}
	return vs
}

// colorScheme emulates prefers-color-scheme in tab: "light" or "dark".
func colorScheme(t *testing.T, tab *Tab, scheme string) {
	t.Helper()
	tab.Do(t, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
}

// noViolations fails t with axe's findings on the page open in tab.
func noViolations(t *testing.T, tab *Tab, where string) {
	t.Helper()
	if vs := axeViolations(t, tab); len(vs) > 0 {
		t.Errorf("%s: axe finds %d violations:\n%s", where, len(vs), strings.Join(vs, "\n"))
	}
}
