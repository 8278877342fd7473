package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
	"kitgen/generator/site"
)

func init() {
	commands["build"] = command{"build the panel and prep sites into public/", runBuild}
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

func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kitgen %s [flags]\n\n%s\n\nFlags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "Builds SOURCE/content into DESTINATION: panel/ (panel guides), prep/ (candidate pages) and an index.", stderr)
	src := fs.String("s", ".", "the site `SOURCE` folder, holding content/")
	dest := fs.String("d", "", "the `DESTINATION` folder (default SOURCE/public)")
	only := &onlyFlag{trees: audience.Both}
	fs.Var(only, "only", "build only one site: `panel` or prep")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *dest == "" {
		*dest = filepath.Join(*src, "public")
	}
	start := time.Now()
	st, err := site.Build(site.Options{Source: *src, Dest: *dest, Trees: only.trees})
	if err != nil {
		printErr(stderr, err)
		return 1
	}
	printWarnings(stderr, st.Warnings)
	fmt.Fprintf(stdout, "kitgen: %d kits, %d katas, %d pages in %d ms (load %d ms, render and write %d ms, swap %d ms) → %s\n",
		st.Kits, st.Katas, st.Pages, time.Since(start).Milliseconds(),
		st.Load.Milliseconds(), st.Render.Milliseconds(), st.Swap.Milliseconds(), *dest)
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
		fmt.Fprintf(w, "kitgen: %d errors; nothing was written\n", n)
	} else {
		fmt.Fprintln(w, "kitgen: build failed; nothing was written")
	}
}

// maxWarnings bounds what build prints: a thousand kits from one template
// share their warnings, and kitgen check lists them all.
const maxWarnings = 20

func printWarnings(w io.Writer, l diag.List) {
	for i, d := range l {
		if i == maxWarnings {
			fmt.Fprintf(w, "… and %d more warnings: run kitgen check to see them all\n", len(l)-i)
			break
		}
		fmt.Fprintln(w, d.Error())
	}
}
