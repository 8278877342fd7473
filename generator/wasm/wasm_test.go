package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kataDir is this repository's kata/.
var kataDir = filepath.Join("..", "..", "kata")

// TestEnginesAreFresh fails when an engine's sources, or the build, changed
// since its wasm was generated, and says what to run. It compiles nothing,
// so it passes whichever toolchain is installed.
func TestEnginesAreFresh(t *testing.T) {
	names, err := engines(kataDir)
	if err != nil || len(names) == 0 {
		t.Fatalf("no engines in %s: %v", kataDir, err)
	}
	for _, name := range names {
		if err := fresh(kataDir, name); err != nil {
			t.Errorf("%v\nrun `%s` and commit kata/%s/wasm/", err, regenerate, name)
		}
	}
}

// TestEngineBuildIsReproducible builds each engine again and compares the
// bytes with the committed ones, when this is the toolchain that built
// them: another version gives other bytes, and that is no fault.
func TestEngineBuildIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the engines; skipped with -short")
	}
	names, err := engines(kataDir)
	if err != nil {
		t.Fatal(err)
	}
	version, err := goCmd(kataDir, "env", "GOVERSION")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		dir := filepath.Join(kataDir, name, "wasm")
		data, err := os.ReadFile(filepath.Join(dir, sumFile))
		if err != nil {
			t.Fatal(err)
		}
		s, err := parseSum(data)
		if err != nil {
			t.Fatal(err)
		}
		if v := strings.TrimSpace(string(version)); v != s.Go {
			t.Skipf("engine %s was built by %s and this is %s: nothing to compare", name, s.Go, v)
		}
		b, err := build(kataDir, name)
		if err != nil {
			t.Fatal(err)
		}
		for file, got := range map[string][]byte{wasmFile: b.wasm, execJSFile: b.execJS} {
			if want, _ := os.ReadFile(filepath.Join(dir, file)); !bytes.Equal(got, want) {
				t.Errorf("building engine %s again gives another kata/%s/wasm/%s (%d bytes, committed %d): run `%s` and commit it",
					name, name, file, len(got), len(want), regenerate)
			}
		}
	}
}

// TestGenerate runs the generator on a module of the test's own: it writes
// the three files, they are fresh until a compiled source changes (and only
// then), and the bytes depend neither on the folder nor on the caller's
// GOFLAGS.
func TestGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles an engine; skipped with -short")
	}
	mod := t.TempDir()
	files := map[string]string{
		"go.mod":                   "module example\n\ngo 1.26\n",
		"kata/hello/hello.go":      "package hello\n\nfunc Hello() string { return \"hi\" }\n",
		"kata/hello/hello_test.go": "package hello\n",
		"kata/hello/native.go":     "//go:build !wasm\n\npackage hello\n",
		"kata/hello/tagged.go":     "//go:build kitgen_other\n\npackage hello\n\nfunc init() { println(\"tagged\") }\n",
		"kata/hello/wasm/main.go":  "//go:build js && wasm\n\npackage main\n\nimport \"example/kata/hello\"\n\nfunc main() { println(hello.Hello()) }\n",
	}
	for name, text := range files {
		write(t, filepath.Join(mod, name), text)
	}
	dir := filepath.Join(mod, "kata")
	if err := fresh(dir, "hello"); err == nil || !strings.Contains(err.Error(), "never built") {
		t.Errorf("before go generate: %v", err)
	}
	if err := generate(dir, io.Discard); err != nil {
		t.Fatal(err)
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "hello", "wasm", wasmFile))
	if err != nil || !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Fatalf("engine.wasm: %v %q", err, wasm[:min(len(wasm), 8)])
	}
	if js, err := os.ReadFile(filepath.Join(dir, "hello", "wasm", execJSFile)); err != nil || !bytes.Contains(js, []byte("globalThis.Go")) {
		t.Fatalf("wasm_exec.js: %v", err)
	}
	if err := fresh(dir, "hello"); err != nil {
		t.Fatalf("just generated: %v", err)
	}

	// Tests and files left out of js/wasm are not the engine's sources.
	write(t, filepath.Join(dir, "hello", "hello_test.go"), "package hello\n\n// changed\n")
	write(t, filepath.Join(dir, "hello", "native.go"), "//go:build !wasm\n\npackage hello\n\n// changed\n")
	if err := fresh(dir, "hello"); err != nil {
		t.Errorf("a test or a native-only file made the engine stale: %v", err)
	}
	write(t, filepath.Join(dir, "hello", "hello.go"), "package hello\n\nfunc Hello() string { return \"hello\" }\n")
	if err := fresh(dir, "hello"); err == nil || !strings.Contains(err.Error(), "sources of engine hello changed") {
		t.Errorf("after a source changed: %v", err)
	}

	// The same sources elsewhere, with the caller's GOFLAGS, give the same
	// bytes.
	if err := generate(dir, io.Discard); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.CopyFS(other, os.DirFS(mod)); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "-tags=kitgen_other")
	if err := generate(filepath.Join(other, "kata"), io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{wasmFile, execJSFile, sumFile} {
		a, _ := os.ReadFile(filepath.Join(dir, "hello", "wasm", f))
		b, _ := os.ReadFile(filepath.Join(other, "kata", "hello", "wasm", f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between %s and %s", f, mod, other)
		}
	}

	// A file that is not what engine.sum records (an edit, or a run cut
	// short) is caught too.
	write(t, filepath.Join(dir, "hello", "wasm", wasmFile), "\x00asm")
	if err := fresh(dir, "hello"); err == nil || !strings.Contains(err.Error(), "not the engine.wasm engine.sum records") {
		t.Errorf("after engine.wasm was edited: %v", err)
	}
}

// fresh says how engine name's committed build disagrees with its sources,
// with the build, or with itself.
func fresh(kataDir, name string) error {
	dir := filepath.Join(kataDir, name, "wasm")
	data, err := os.ReadFile(filepath.Join(dir, sumFile))
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("engine %s was never built: there is no kata/%s/wasm/%s", name, name, sumFile)
	}
	if err != nil {
		return err
	}
	s, err := parseSum(data)
	if err != nil {
		return fmt.Errorf("kata/%s/wasm/%s: %w", name, sumFile, err)
	}
	hash, err := sourceHash(kataDir, name)
	if err != nil {
		return err
	}
	if hash != s.Sources {
		return fmt.Errorf("the sources of engine %s changed since kata/%s/wasm/%s was built", name, name, wasmFile)
	}
	if c := command(); c != s.Command {
		return fmt.Errorf("engine %s was built by `%s`, and the build is now `%s`", name, s.Command, c)
	}
	for file, want := range map[string]string{wasmFile: s.Wasm, execJSFile: s.ExecJS} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return err
		}
		if hashOf(b) != want {
			return fmt.Errorf("kata/%s/wasm/%s is not the %s %s records", name, file, file, sumFile)
		}
	}
	return nil
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
