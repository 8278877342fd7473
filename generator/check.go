package main

import (
	"encoding/json"
	"fmt"
	"io"

	"kitgen/generator/check"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/markdown"
)

func init() {
	commands["check"] = command{
		summary:  "lint the kits: timing, placeholders, PII, audience, references",
		synopsis: "[-s SOURCE] [--format text|json] [--strict]",
		doc:      "Checks SOURCE/content and prints one finding a line: file:line:col: severity: message (rule).\nExits 1 when there are errors (or warnings, with --strict).",
		run:      runCheck,
	}
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stdout, stderr)
	src := fs.String("s", ".", "the site `SOURCE` folder, holding content/")
	format := fs.String("format", "text", "how to print the findings: `text|json`")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	rest, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if !fs.noArgs(rest) {
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "kitgen check: unknown format %q; want text or json\n", *format)
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
		fmt.Fprintf(stderr, "kitgen check: %s, %s, %s\n", diag.Plural(n[diag.Error], "error"), diag.Plural(n[diag.Warning], "warning"), diag.Plural(n[diag.Note], "note"))
	}
	if n[diag.Error] > 0 || *strict && n[diag.Warning] > 0 {
		return 1
	}
	return 0
}
