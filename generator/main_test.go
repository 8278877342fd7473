package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"kitgen/generator/wasm"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kitgen": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestCLI runs the txtar scripts in testdata/script: whole sites written
// inline, built, edited and grepped the way a user would.
func TestCLI(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// The scripts run with no home folder: share the kata engines
			// compiled by every other test rather than compile them again.
			env.Setenv("KITGEN_CACHE_DIR", wasm.CacheDir())
			return nil
		},
	})
}
