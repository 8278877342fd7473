package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/render"
	"kitgen/kata"
)

// writeEngines writes the engines the katas name, as kitgen embeds them
// (see package kata), into each tree's assets under content-hashed names,
// and tells the renderer where they are. A site picks one of kitgen's
// engines; it cannot bring its own, so no build compiles anything.
func (g *generator) writeEngines(katas []*content.Page, out Output) diag.List {
	known := engineNames()
	names := map[string]*content.Page{}
	var errs diag.List
	for _, k := range katas {
		f, ok := k.Field("engine")
		if !ok || f.Text == "" {
			continue
		}
		if !slices.Contains(known, f.Text) {
			errs.Add(diag.Errorf(k.Path, f.Line, "unknown engine %q; kitgen has engines: %s", f.Text, strings.Join(known, ", ")))
			continue
		}
		if _, seen := names[f.Text]; !seen {
			names[f.Text] = k
		}
	}
	engines := map[string]*render.Engine{}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		wasm, err := fs.ReadFile(kata.Files, name+"/wasm/engine.wasm")
		if err != nil {
			errs.Add(diag.Errorf(names[name].Path, 0, "engine %s: %w", name, err))
			continue
		}
		execJS, err := fs.ReadFile(kata.Files, name+"/wasm/wasm_exec.js")
		if err != nil {
			errs.Add(diag.Errorf(names[name].Path, 0, "engine %s: %w", name, err))
			continue
		}
		scenarios, err := bundleScenarios(name)
		if err != nil {
			errs.Add(diag.Errorf(names[name].Path, 0, "scenarios of engine %s: %w", name, err))
			continue
		}
		a := &render.Engine{
			Name:      name,
			Wasm:      "assets/kata/" + name + "." + short(wasm) + ".wasm",
			ExecJS:    "assets/kata/wasm_exec." + short(execJS) + ".js",
			Scenarios: "assets/kata/" + name + "-scenarios." + short(scenarios) + ".json",
			Page:      content.Dir(names[name]) + "/",
		}
		engines[name] = a
		// The runner is on the candidate's pages alone; the panel's link
		// to it.
		if g.trees.Has(audience.Candidate) {
			errs.Add(out.WriteFile("prep/"+a.Wasm, wasm))
			errs.Add(out.WriteFile("prep/"+a.ExecJS, execJS))
			errs.Add(out.WriteFile("prep/"+a.Scenarios, scenarios))
		}
	}
	g.render.SetEngines(engines)
	return errs
}

// engineNames lists the engines kitgen embeds.
func engineNames() []string {
	files, _ := fs.Glob(kata.Files, "*/wasm/engine.wasm")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = path.Dir(path.Dir(f))
	}
	return names
}

func short(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])[:12]
}

// bundleScenarios joins engine name's scenario files into one JSON array,
// in file name order, for the runner to fetch in one request.
func bundleScenarios(name string) ([]byte, error) {
	files, err := fs.Glob(kata.Files, name+"/testdata/scenarios/*.json")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, f := range files {
		data, err := fs.ReadFile(kata.Files, f)
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
