package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBuildNeedsNoGo runs kitgen with nothing on the PATH, as on a machine
// without Go: the site has the kata all the same, with the engine committed
// in kata/ byte for byte.
func TestBuildNeedsNoGo(t *testing.T) {
	// testscript.Main put the test binary on the PATH as kitgen.
	kitgen, err := exec.LookPath("kitgen")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	for name, text := range map[string]string{
		"content/katas/book.md":  "---\nid: I-1\ntype: kata\ntitle: Order book\nengine: matching\nvisibility: public\n---\n## Task {audience=both}\n\nMatch orders.\n\n::: panel\n- [ ] Crossed book\n:::\n",
		"content/scripts/kit.md": "---\nid: kit\ntitle: Kit\ntype: interview_script\nvisibility: public\n---\n## Coding (30 mins) {audience=both}\n\nThe I-1 kata.\n",
	} {
		writeFile(t, filepath.Join(src, name), text)
	}
	cmd := exec.Command(kitgen, "build", "-s", src)
	cmd.Env = []string{"PATH=" + t.TempDir(), "HOME=" + t.TempDir()}
	if out, err := cmd.CombinedOutput(); err != nil || bytes.Contains(out, []byte("warning")) {
		t.Fatalf("kitgen build without go on the PATH: %v\n%s", err, out)
	}
	// The runner is the candidate's: its engine is in prep/ alone.
	if got, _ := filepath.Glob(filepath.Join(src, "public", "panel", "assets", "kata", "*")); len(got) != 0 {
		t.Errorf("panel/ carries the runner's engine: %v", got)
	}
	for _, tree := range []string{"prep"} {
		for pattern, want := range map[string]string{
			"matching.*.wasm": "engine.wasm",
			"wasm_exec.*.js":  "wasm_exec.js",
		} {
			got, _ := filepath.Glob(filepath.Join(src, "public", tree, "assets", "kata", pattern))
			if len(got) != 1 {
				t.Errorf("%s/assets/kata/%s: %d files, want 1", tree, pattern, len(got))
				continue
			}
			a, _ := os.ReadFile(got[0])
			b, err := os.ReadFile(filepath.Join("..", "kata", "matching", "wasm", want))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("%s is not kata/matching/wasm/%s (%d bytes, %d committed): %v", got[0], want, len(a), len(b), err)
			}
		}
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
