package site

import (
	"kitgen/generator/check"
	"kitgen/generator/content"
	"kitgen/generator/diag"
)

// lint is what kitgen check finds in a parsed page, as the build's
// warnings: the build shows them, notes aside, and fails only on what
// stops it rendering; kitgen check is the gate.
func (g *generator) lint(o *content.Doc) diag.List {
	return warnings(check.Page(o, g.katas))
}

// warnings keeps l's warnings and errors, all as warnings.
func warnings(l diag.List) diag.List {
	l = check.Filter(l, diag.Warning)
	for _, d := range l {
		d.Severity = diag.Warning
	}
	return l
}
