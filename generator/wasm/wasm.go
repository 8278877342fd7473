// Package wasm compiles the katas' engines to WebAssembly with the Go
// toolchain on the PATH, and caches the result by a hash of the engines'
// sources and of the toolchain, so that only the first build pays for it.
package wasm

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// ErrNoGo means no Go toolchain able to compile the engines was found.
var ErrNoGo = errors.New("no Go toolchain to compile the kata engines, so the katas will not run in the browser")

// minGo is the oldest toolchain the engines compile with.
const minGo = 24

// Engine is a compiled engine with the wasm_exec.js of the same toolchain.
type Engine struct {
	Name   string
	Wasm   []byte
	ExecJS []byte
}

// Compiler compiles engines from Sources: the kata module's tree (the
// folder kata/ of this repository), where engine NAME is the package
// NAME/wasm.
type Compiler struct {
	Sources  fs.FS
	CacheDir string
}

// Engines lists the engines in the sources.
func (c *Compiler) Engines() []string {
	dirs, _ := fs.Glob(c.Sources, "*/wasm")
	names := make([]string, 0, len(dirs))
	for _, d := range dirs {
		names = append(names, path.Dir(d))
	}
	sort.Strings(names)
	return names
}

// Compile returns engine name, from the cache when its sources and the
// toolchain have not changed.
func (c *Compiler) Compile(name string) (*Engine, error) {
	if fi, err := fs.Stat(c.Sources, name+"/wasm"); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("unknown engine %q; engines: %s", name, strings.Join(c.Engines(), ", "))
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("%w: go is not on the PATH; install Go 1.%d or later and build again", ErrNoGo, minGo)
	}
	key, err := c.key(goBin)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(c.CacheDir, name+"-"+key)
	e := &Engine{Name: name}
	if e.Wasm, err = os.ReadFile(filepath.Join(dir, "engine.wasm")); err == nil {
		if e.ExecJS, err = os.ReadFile(filepath.Join(dir, "wasm_exec.js")); err == nil {
			return e, nil
		}
	}
	if err := c.compile(goBin, name, dir); err != nil {
		return nil, err
	}
	if e.Wasm, err = os.ReadFile(filepath.Join(dir, "engine.wasm")); err != nil {
		return nil, err
	}
	e.ExecJS, err = os.ReadFile(filepath.Join(dir, "wasm_exec.js"))
	return e, err
}

// key hashes every source file and the toolchain's identity. The toolchain
// is known by its path, size and time, so a warm build runs no go command.
func (c *Compiler) key(goBin string) (string, error) {
	h := sha256.New()
	fi, err := os.Stat(goBin)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "%s %d %d\n", goBin, fi.Size(), fi.ModTime().UnixNano())
	err = fs.WalkDir(c.Sources, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(c.Sources, p)
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

// compile builds name into dir through a temporary module holding the
// sources, then renames it into place so readers never see half a cache
// entry.
func (c *Compiler) compile(goBin, name, dir string) error {
	work, err := os.MkdirTemp("", "kitgen-wasm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	mod := filepath.Join(work, "src")
	if err := os.CopyFS(filepath.Join(mod, "kata"), c.Sources); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), fmt.Appendf(nil, "module kitgen\n\ngo 1.%d\n", minGo), 0o644); err != nil {
		return err
	}
	if v, err := exec.Command(goBin, "env", "GOVERSION").Output(); err == nil {
		var minor int
		if _, err := fmt.Sscanf(strings.TrimSpace(string(v)), "go1.%d", &minor); err == nil && minor < minGo {
			return fmt.Errorf("%w: %s is %s; install Go 1.%d or later and build again", ErrNoGo, goBin, strings.TrimSpace(string(v)), minGo)
		}
	}
	out := filepath.Join(work, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(out, "engine.wasm"), "./kata/"+name+"/wasm")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS=-mod=mod", "GOWORK=off")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("compiling engine %s to WebAssembly: %w\n%s", name, err, msg)
	}
	root, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	js, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return fmt.Errorf("wasm_exec.js of this Go: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "wasm_exec.js"), js, 0o644); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	if err := os.Rename(out, dir); err != nil && !errors.Is(err, fs.ErrExist) && !isNotEmptyDir(dir) {
		return err
	}
	return nil
}

// isNotEmptyDir reports whether dir exists already: another build won the
// race to fill the cache entry, which is as good.
func isNotEmptyDir(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "engine.wasm"))
	return err == nil && !fi.IsDir()
}

// CacheDir is where compiled engines are kept: $KITGEN_CACHE_DIR, or
// kitgen/ in the user's cache folder.
func CacheDir() string {
	if d := os.Getenv("KITGEN_CACHE_DIR"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "kitgen", "wasm")
}
