package wasm

import (
	"errors"
	"os"
	"testing"
	"testing/fstest"
	"time"
)

var sources = fstest.MapFS{
	"hello/hello.go":     {Data: []byte("package hello\n\nfunc Hello() string { return \"hi\" }\n")},
	"hello/wasm/main.go": {Data: []byte("//go:build js && wasm\n\npackage main\n\nimport \"kitgen/kata/hello\"\n\nfunc main() { println(hello.Hello()) }\n")},
}

func TestCompileCachesBySources(t *testing.T) {
	c := &Compiler{Sources: sources, CacheDir: t.TempDir()}
	if got := c.Engines(); len(got) != 1 || got[0] != "hello" {
		t.Fatalf("engines = %v", got)
	}
	e, err := c.Compile("hello")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Wasm) < 4 || string(e.Wasm[:4]) != "\x00asm" || len(e.ExecJS) == 0 {
		t.Fatalf("not wasm: %d bytes, wasm_exec.js %d bytes", len(e.Wasm), len(e.ExecJS))
	}
	start := time.Now()
	again, err := c.Compile("hello")
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Wasm) != string(e.Wasm) {
		t.Error("the cache gave other bytes")
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Errorf("a cached compile took %v", d)
	}
	entries, _ := os.ReadDir(c.CacheDir)
	changed := fstest.MapFS{}
	for k, v := range sources {
		changed[k] = v
	}
	changed["hello/hello.go"] = &fstest.MapFile{Data: []byte("package hello\n\nfunc Hello() string { return \"hello\" }\n")}
	c.Sources = changed
	if _, err := c.Compile("hello"); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadDir(c.CacheDir); len(after) != len(entries)+1 {
		t.Errorf("a source change did not make a new cache entry: %d, then %d", len(entries), len(after))
	}
}

func TestCompileErrors(t *testing.T) {
	c := &Compiler{Sources: sources, CacheDir: t.TempDir()}
	if _, err := c.Compile("nope"); err == nil {
		t.Error("an unknown engine compiled")
	}
	t.Setenv("PATH", "")
	if _, err := c.Compile("hello"); !errors.Is(err, ErrNoGo) {
		t.Errorf("err = %v, want ErrNoGo", err)
	}
}
