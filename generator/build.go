package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
	"kitgen/generator/pdf"
	"kitgen/generator/site"
)

func init() {
	commands["build"] = command{
		summary:  "build the panel and prep sites into public/",
		synopsis: "[-s SOURCE] [-d DESTINATION] [--only panel|prep] [--pdf [--paper a4|letter]]",
		doc:      "Builds SOURCE/content into DESTINATION: panel/ (panel guides), prep/ (candidate pages) and an index.",
		run:      runBuild,
	}
}

// onlyFlag is --only: which of the two sites to build.
type onlyFlag struct{ trees site.Trees }

func (f *onlyFlag) String() string {
	switch f.trees {
	case audience.Panel:
		return "panel"
	case audience.Candidate:
		return "prep"
	}
	return ""
}

func (f *onlyFlag) Set(s string) error {
	switch s {
	case "panel":
		f.trees = audience.Panel
	case "prep":
		f.trees = audience.Candidate
	default:
		return errors.New("want panel or prep")
	}
	return nil
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stdout, stderr)
	src := fs.String("s", ".", "the site `SOURCE` folder, holding content/")
	dest := fs.String("d", "", "the `DESTINATION` folder (default SOURCE/public)")
	only := &onlyFlag{trees: audience.Both}
	fs.Var(only, "only", "build one site only: `panel|prep`")
	printPDF := fs.Bool("pdf", false, "print each panel guide to guide.pdf beside it, with Chromium when one is installed")
	paper := &paperFlag{pdf.A4}
	fs.Var(paper, "paper", "the paper --pdf prints on: `a4|letter`")
	rest, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if !fs.noArgs(rest) {
		return 2
	}
	if *dest == "" {
		*dest = filepath.Join(*src, "public")
	}
	start := time.Now()
	opts := site.Options{Source: *src, Dest: *dest, Trees: only.trees}
	var printed int
	var printTime time.Duration
	if *printPDF && only.trees.Has(audience.Panel) {
		if chromium := pdf.Find(); chromium == "" {
			fmt.Fprintln(stderr, "kitgen: --pdf: no Chromium found (install chromium or set KITGEN_CHROMIUM); building without guide.pdf")
		} else {
			opts.Finish = func(stage string) (map[string][]byte, error) {
				t := time.Now()
				files, err := printGuides(chromium, stage, paper.paper)
				printed, printTime = len(files), time.Since(t)
				return files, err
			}
		}
	}
	st, err := site.Build(opts)
	if err != nil {
		printErr(stderr, err)
		return 1
	}
	st.Warnings.PrintSome(stderr)
	if printed > 0 {
		fmt.Fprintf(stdout, "kitgen: printed %s to guide.pdf on %s in %d ms\n", diag.Plural(printed, "panel guide"), paper.paper.Name, printTime.Milliseconds())
	}
	fmt.Fprintf(stdout, "kitgen: %s, %s, %s in %d ms (load %d ms, render and write %d ms, of which the leak gate %d ms, swap %d ms) → %s\n",
		diag.Plural(st.Kits, "kit"), diag.Plural(st.Katas, "kata"), diag.Plural(st.Pages, "page"), time.Since(start).Milliseconds(),
		st.Load.Milliseconds(), st.Render.Milliseconds(), st.Gate.Milliseconds(), st.Swap.Milliseconds(), *dest)
	return 0
}

// printErr prints every diagnostic on its own line, then a count.
func printErr(w io.Writer, err error) {
	var l diag.List
	l.Add(err)
	fmt.Fprintln(w, l.Error())
	n := 0
	for _, d := range l {
		if d.Severity == diag.Error {
			n++
		}
	}
	if n > 1 {
		fmt.Fprintf(w, "kitgen: %s; nothing was written\n", diag.Plural(n, "error"))
	} else {
		fmt.Fprintln(w, "kitgen: build failed; nothing was written")
	}
}

// paperFlag is --paper: the sheet guide.pdf is printed on.
type paperFlag struct{ paper pdf.Paper }

func (f *paperFlag) String() string { return strings.ToLower(f.paper.Name) }

func (f *paperFlag) Set(s string) error {
	switch strings.ToLower(s) {
	case "a4":
		f.paper = pdf.A4
	case "letter":
		f.paper = pdf.Letter
	default:
		return errors.New("want a4 or letter")
	}
	return nil
}

// printGuides prints each kit's panel guide in the staged site to
// guide.pdf beside it. Kata pages are not guides and are left out.
func printGuides(chromium, stage string, paper pdf.Paper) (map[string][]byte, error) {
	guides, err := filepath.Glob(filepath.Join(stage, "panel", "*", "index.html"))
	if err != nil || len(guides) == 0 {
		return nil, err
	}
	b, err := pdf.Start(chromium)
	if err != nil {
		return nil, fmt.Errorf("--pdf: %w", err)
	}
	defer b.Close()
	files := map[string][]byte{}
	for _, g := range guides {
		doc, err := b.Print((&url.URL{Scheme: "file", Path: filepath.ToSlash(g)}).String(), paper)
		if err != nil {
			return nil, fmt.Errorf("--pdf: %w", err)
		}
		rel, _ := filepath.Rel(stage, filepath.Dir(g))
		files[path.Join(filepath.ToSlash(rel), "guide.pdf")] = doc
	}
	return files, nil
}
