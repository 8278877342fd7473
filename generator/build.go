package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
	"kitgen/generator/pdf"
	"kitgen/generator/seal"
	"kitgen/generator/site"
)

func init() {
	commands["build"] = command{
		summary:  "build the panel and prep sites into public/",
		synopsis: "[-s SOURCE] [-d DESTINATION] [--only panel|prep] [--pdf [--paper a4|letter]]",
		doc: "Builds SOURCE/content into DESTINATION: panel/ (panel guides), prep/ (candidate pages) and an index.\n" +
			"With a passphrase in $" + seal.Env + ", or in the file kitgen.toml's passphrase_file names,\n" +
			"the panel's pages are sealed: they open in the browser with the passphrase.",
		run: runBuild,
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
	chromium := ""
	if *printPDF && only.trees.Has(audience.Panel) {
		if chromium = pdf.Find(); chromium == "" {
			fmt.Fprintln(stderr, "kitgen: --pdf: no Chromium found (install chromium or set KITGEN_CHROMIUM); building without guide.pdf")
		}
	}
	sealed, err := sealingFor(*src, *dest, only.trees, chromium != "")
	if err != nil {
		fmt.Fprintf(stderr, "kitgen: %v\nkitgen: build failed; nothing was written\n", err)
		return 1
	}
	if sealed != nil {
		opts.Wrap = func(out site.Output) site.Output { return sealed.Wrap(out) }
	}
	var printed int
	var printTime time.Duration
	if chromium != "" {
		// A sealed guide.pdf is no link target: the unlocked guide offers
		// it decrypted instead.
		opts.PDF = sealed == nil
		opts.Finish = func(stage string) (map[string][]byte, error) {
			t := time.Now()
			var plain map[string][]byte
			if sealed != nil {
				plain = sealed.Plain()
			}
			files, err := printGuides(chromium, stage, paper.paper, plain)
			printed, printTime = len(files), time.Since(t)
			if err == nil && sealed != nil {
				files, err = sealed.Seal(files)
			}
			return files, err
		}
	}
	st, err := site.Build(opts)
	if err != nil {
		printErr(stderr, err)
		return 1
	}
	st.Warnings.PrintSome(stderr)
	switch {
	case sealed != nil:
		for _, msg := range []string{sealed.warning, sealed.keepSalt(*src)} {
			if msg != "" {
				fmt.Fprintln(stderr, msg)
			}
		}
		fmt.Fprintf(stdout, "kitgen: sealed panel/ with the passphrase from %s (key derived in %d ms, alongside the build)\n", sealed.from, sealed.derived().Milliseconds())
	case only.trees.Has(audience.Panel):
		fmt.Fprintln(stderr, unsealed)
	}
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
// guide.pdf beside it. Chromium reads the site from a server on the
// loopback, at an address no one can guess, that serves plain's pages,
// when there are any, over the stage's: a sealed site's guides are
// printed from their plaintext, which never reaches the disk.
func printGuides(chromium, stage string, paper pdf.Paper, plain map[string][]byte) (map[string][]byte, error) {
	pages, err := fs.Glob(os.DirFS(stage), guides)
	if err != nil || len(pages) == 0 {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("--pdf: %w", err)
	}
	token := make([]byte, 16)
	_, _ = rand.Read(token)
	prefix := "/" + hex.EncodeToString(token) + "/"
	files := http.FileServerFS(os.DirFS(stage))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		page := name
		if page == "" || strings.HasSuffix(page, "/") {
			page += "index.html"
		}
		if b, ok := plain[page]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(b)
			return
		}
		r.URL.Path = "/" + name
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(l)
	defer srv.Close()
	b, err := pdf.Start(chromium)
	if err != nil {
		return nil, fmt.Errorf("--pdf: %w", err)
	}
	defer b.Close()
	out := map[string][]byte{}
	for _, g := range pages {
		dir := path.Dir(g)
		doc, err := b.Print("http://"+l.Addr().String()+prefix+dir+"/", paper)
		if err != nil {
			return nil, fmt.Errorf("--pdf: %w", err)
		}
		out[path.Join(dir, "guide.pdf")] = doc
	}
	return out, nil
}
