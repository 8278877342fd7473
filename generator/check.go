package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"kitgen/generator/check"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/markdown"
)

func init() {
	commands["check"] = command{"lint the kits: timing, placeholders, PII, audience, references", runCheck}
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "Checks SOURCE/content and prints one finding per line: file:line:col: severity: message (rule).\nExits 1 when there are errors (or warnings, with --strict).", stderr)
	src := fs.String("s", ".", "the site `SOURCE` folder, holding content/")
	format := fs.String("format", "text", "output `format`: text or json")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	site, findings := content.Load(*src)
	if site != nil {
		findings = append(findings, check.Site(markdown.New(), site, check.Options{Notes: true})...)
	}
	findings.Sort()
	n := check.Count(findings)
	switch *format {
	case "json":
		type finding struct {
			File     string `json:"file"`
			Line     int    `json:"line,omitempty"`
			Col      int    `json:"col,omitempty"`
			Severity string `json:"severity"`
			Rule     string `json:"rule,omitempty"`
			Message  string `json:"message"`
			Hint     string `json:"hint,omitempty"`
		}
		out := make([]finding, 0, len(findings))
		for _, d := range findings {
			out = append(out, finding{d.File, d.Line, d.Col, d.Severity.String(), d.Rule, d.Msg, d.Hint})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	case "text":
		for _, d := range findings {
			fmt.Fprintln(stdout, d.Error())
		}
		fmt.Fprintf(stderr, "kitgen check: %d errors, %d warnings, %d notes\n", n[diag.Error], n[diag.Warning], n[diag.Note])
	default:
		fmt.Fprintf(stderr, "kitgen check: unknown format %q; want text or json\n", *format)
		return 2
	}
	if n[diag.Error] > 0 || *strict && n[diag.Warning] > 0 {
		return 1
	}
	return 0
}
