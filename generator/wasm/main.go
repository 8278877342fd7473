// Command wasm builds the katas' engines to WebAssembly, for kitgen to
// embed: `go generate ./kata/...` runs it in kata/. Beside each engine's
// bridge, the package kata/NAME/wasm, it writes
//
//   - engine.wasm, the engine;
//   - wasm_exec.js, the glue of the toolchain that built it (the two must
//     match);
//   - engine.sum, what it was built from: a hash of the sources compiled
//     into it, the toolchain's version, the build command and the hashes
//     of the two files.
//
// kitgen itself never compiles an engine, so it needs no Go toolchain; the
// tests compare engine.sum with the sources to catch an engine left stale.
//
// The build is reproducible: the same sources and toolchain version give
// the same bytes on any machine and in any folder, because everything
// that could change them is pinned (paths, VCS stamps, build ids, the
// caller's GOFLAGS, GOEXPERIMENT and go env file).
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// The files written beside each engine's bridge.
const (
	wasmFile   = "engine.wasm"
	execJSFile = "wasm_exec.js"
	sumFile    = "engine.sum"
)

// target and buildFlags are the build, recorded in engine.sum: changing
// either makes every engine stale.
var (
	target     = []string{"GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0"}
	buildFlags = []string{"-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid="}
)

// regenerate is what to run when an engine is stale.
const regenerate = "go generate ./kata/..."

func main() {
	if err := generate(".", os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wasm:", err)
		os.Exit(1)
	}
}

// generate builds every engine under kataDir and writes its files beside
// its bridge, leaving files that did not change untouched; it says what it
// built on log.
func generate(kataDir string, log io.Writer) error {
	names, err := engines(kataDir)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no engines in %s: an engine is a package NAME/wasm", kataDir)
	}
	for _, name := range names {
		b, err := build(kataDir, name)
		if err != nil {
			return err
		}
		dir := filepath.Join(kataDir, name, "wasm")
		// engine.sum goes last: a run cut short leaves it naming the
		// old engine, which the tests then find does not match.
		for _, f := range []struct {
			name string
			data []byte
		}{{wasmFile, b.wasm}, {execJSFile, b.execJS}, {sumFile, b.sum.format(name)}} {
			if err := writeIfChanged(filepath.Join(dir, f.name), f.data); err != nil {
				return err
			}
		}
		fmt.Fprintf(log, "kata/%s/wasm: %s, %d bytes, built by %s\n", name, wasmFile, len(b.wasm), b.sum.Go)
	}
	return nil
}

// engines lists the engines under kataDir: the folders NAME/wasm that
// hold Go files.
func engines(kataDir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(kataDir, "*", "wasm", "*.go"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range files {
		name := filepath.Base(filepath.Dir(filepath.Dir(f)))
		if len(names) == 0 || names[len(names)-1] != name {
			names = append(names, name)
		}
	}
	return names, nil
}

// built is one engine's build.
type built struct {
	wasm, execJS []byte
	sum          sum
}

// build compiles engine name in a temporary folder.
func build(kataDir, name string) (*built, error) {
	hash, err := sourceHash(kataDir, name)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "kitgen-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, wasmFile)
	args := append(append([]string{"build"}, buildFlags...), "-o", out, "./"+name+"/wasm")
	if _, err := goCmd(kataDir, args...); err != nil {
		return nil, fmt.Errorf("building engine %s: %w", name, err)
	}
	vars, err := goCmd(kataDir, "env", "GOVERSION", "GOROOT")
	if err != nil {
		return nil, err
	}
	version, goroot, _ := strings.Cut(strings.TrimSpace(string(vars)), "\n")
	b := &built{}
	if b.wasm, err = os.ReadFile(out); err != nil {
		return nil, err
	}
	if b.execJS, err = os.ReadFile(filepath.Join(goroot, "lib", "wasm", execJSFile)); err != nil {
		return nil, fmt.Errorf("the wasm_exec.js of %s: %w", version, err)
	}
	b.sum = sum{Sources: hash, Go: version, Command: command(), Wasm: hashOf(b.wasm), ExecJS: hashOf(b.execJS)}
	return b, nil
}

// command is the build as engine.sum records it.
func command() string {
	quoted := make([]string, len(buildFlags))
	for i, f := range buildFlags {
		quoted[i] = f
		if k, v, ok := strings.Cut(f, "="); ok && strings.Contains(v, " ") {
			quoted[i] = k + "=" + strconv.Quote(v)
		}
	}
	return strings.Join(target, " ") + " go build " + strings.Join(quoted, " ")
}

// goCmd runs the go command on the PATH in dir, in an environment where
// nothing but target and buildFlags decides what it builds: the caller's
// environment, less the variables that change the output, with the go env
// file (go env -w) turned off.
func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT", "GOWASM", "GOENV", "GOWORK":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, target...)
	cmd.Env = append(cmd.Env, "GOENV=off", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

// sourceHash hashes what is compiled into engine name: the files of every
// package it is built from outside the standard library, each named by
// its import path, and every module's version and Go language version.
// Tests, and files that build constraints leave out of js/wasm, are not
// in it.
func sourceHash(kataDir, name string) (string, error) {
	out, err := goCmd(kataDir, "list", "-deps", "-json=ImportPath,Dir,Standard,GoFiles,SFiles,EmbedFiles,Module", "./"+name+"/wasm")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Dir             string
			Standard                    bool
			GoFiles, SFiles, EmbedFiles []string
			Module                      *struct{ Path, Version, GoVersion string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", err
		}
		if p.Standard {
			continue
		}
		if p.Module != nil {
			fmt.Fprintf(h, "module %s %s go %s\n", p.Module.Path, p.Module.Version, p.Module.GoVersion)
		}
		files := append(append(append([]string{}, p.GoFiles...), p.SFiles...), p.EmbedFiles...)
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(p.Dir, filepath.FromSlash(f)))
			if err != nil {
				return "", err
			}
			fmt.Fprintf(h, "file %s %d\n", path.Join(p.ImportPath, f), len(b))
			h.Write(b)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// sum is engine.sum: how an engine was built, one "key value" a line.
type sum struct {
	Sources, Go, Command, Wasm, ExecJS string
}

func (s sum) format(name string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# kata/%s/wasm: written by `%s`; do not edit.\n", name, regenerate)
	b.WriteString("# sources is a hash of the files compiled into engine.wasm: when they\n")
	b.WriteString("# change, the engine is stale and the tests fail until it is built again.\n")
	for _, f := range s.fields() {
		fmt.Fprintf(&b, "%s %s\n", f.key, *f.value)
	}
	return b.Bytes()
}

// parseSum reads an engine.sum; every field must be there.
func parseSum(data []byte) (sum, error) {
	var s sum
	seen := map[string]bool{}
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, _ := strings.Cut(line, " ")
		for _, f := range s.fields() {
			if f.key == key {
				*f.value, seen[key] = value, true
			}
		}
	}
	for _, f := range s.fields() {
		if !seen[f.key] {
			return s, fmt.Errorf("no %q line", f.key)
		}
	}
	return s, nil
}

type field struct {
	key   string
	value *string
}

func (s *sum) fields() []field {
	return []field{{"sources", &s.Sources}, {"go", &s.Go}, {"command", &s.Command}, {"wasm", &s.Wasm}, {"wasm_exec.js", &s.ExecJS}}
}

func writeIfChanged(file string, data []byte) error {
	if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(file, data, 0o644)
}
