package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/render"
	"kitgen/generator/wasm"
	"kitgen/kata"
)

// compileEngines compiles the engines the katas name (from the cache when
// nothing changed), writes them into each tree's assets under content-hashed
// names, and tells the renderer where they are. No Go toolchain is a
// warning: the site builds, without the katas running in the browser.
func (g *generator) compileEngines(katas []*content.Page, out Output) diag.List {
	c := &wasm.Compiler{Sources: kata.Sources, CacheDir: wasm.CacheDir()}
	names := map[string]*content.Page{}
	var errs diag.List
	for _, k := range katas {
		f, ok := k.Field("engine")
		if !ok || f.Text == "" {
			continue
		}
		if !slices.Contains(c.Engines(), f.Text) {
			errs.Add(diag.Errorf(k.Path, f.Line, "unknown engine %q; kitgen has engines: %s", f.Text, strings.Join(c.Engines(), ", ")))
			continue
		}
		if _, seen := names[f.Text]; !seen {
			names[f.Text] = k
		}
	}
	engines := map[string]*render.Engine{}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		e, err := c.Compile(name)
		if errors.Is(err, wasm.ErrNoGo) {
			errs = append(errs, &diag.Diagnostic{File: names[name].Path, Severity: diag.Warning, Rule: "engine", Msg: err.Error()})
			continue
		}
		if err != nil {
			errs.Add(diag.Errorf(names[name].Path, 0, "%w", err))
			continue
		}
		scenarios, err := bundleScenarios(name)
		if err != nil {
			errs.Add(diag.Errorf(names[name].Path, 0, "scenarios of engine %s: %w", name, err))
			continue
		}
		a := &render.Engine{
			Name:      name,
			Wasm:      "assets/kata/" + name + "." + short(e.Wasm) + ".wasm",
			ExecJS:    "assets/kata/wasm_exec." + short(e.ExecJS) + ".js",
			Scenarios: "assets/kata/" + name + "-scenarios." + short(scenarios) + ".json",
			Page:      content.Dir(names[name]) + "/",
		}
		engines[name] = a
		for _, t := range []struct {
			tree   string
			reader audience.Audience
		}{{"panel", audience.Panel}, {"prep", audience.Candidate}} {
			if g.trees.Has(t.reader) {
				errs.Add(out.WriteFile(t.tree+"/"+a.Wasm, e.Wasm))
				errs.Add(out.WriteFile(t.tree+"/"+a.ExecJS, e.ExecJS))
				errs.Add(out.WriteFile(t.tree+"/"+a.Scenarios, scenarios))
			}
		}
	}
	g.render.SetEngines(engines)
	return errs
}

func short(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])[:12]
}

// bundleScenarios joins engine name's scenario files into one JSON array,
// in file name order, for the runner to fetch in one request.
func bundleScenarios(name string) ([]byte, error) {
	files, err := fs.Glob(kata.Sources, name+"/testdata/scenarios/*.json")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, f := range files {
		data, err := fs.ReadFile(kata.Sources, f)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(bytes.TrimSpace(data))
	}
	b.WriteString("\n]\n")
	return b.Bytes(), nil
}
