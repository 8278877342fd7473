package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"kitgen/generator/browser"
	"kitgen/generator/pdf"
	"kitgen/generator/seal"
)

var canary = regexp.MustCompile(`(?i)canary`)

// TestSealedLeakSiteHasNoCanary builds the leak site, a canary in every
// panel-only place (site/testdata/leak.txtar), sealed and with guide.pdf,
// as kitgen build does, and reads every byte of public/: no canary, in
// any case, anywhere — panel/ included. The guides' PDF, opened with the
// key, has them: what was sealed is the guide.
func TestSealedLeakSiteHasNoCanary(t *testing.T) {
	a, err := txtar.ParseFile(filepath.Join("site", "testdata", "leak.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	for _, f := range a.Files {
		writeFile(t, filepath.Join(src, f.Name), string(f.Data))
	}
	const pass = "tulip elan outcast mammal parlor sizzling rebound"
	t.Setenv(seal.Env, pass)
	args := []string{"build", "-s", src}
	printing := pdf.Find() != ""
	if _, err := exec.LookPath("pdftotext"); err != nil {
		printing = false
	}
	if printing {
		args = append(args, "--pdf")
	} else if os.Getenv(browser.Required) == "1" {
		t.Fatalf("no Chromium or pdftotext and %s=1: install Debian's chromium and poppler-utils", browser.Required)
	}
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("kitgen build: exit %d\n%s%s", code, stdout.Bytes(), stderr.Bytes())
	}
	public := filepath.Join(src, "public")
	site := files(t, public)
	var names []string
	for name, b := range site {
		names = append(names, name)
		// The marker too: it lists the files kitgen wrote by a hash of
		// their names, and the fixture names a kata canary-engine-kata.md.
		if m := canary.FindIndex(b); m != nil {
			t.Errorf("%s holds %q: …%s…", name, b[m[0]:m[1]], b[max(0, m[0]-60):min(len(b), m[1]+60)])
		}
	}
	for _, n := range names {
		if canary.MatchString(n) && !strings.HasPrefix(n, "panel/katas/canary-engine-kata/") {
			t.Errorf("a file is named %s", n)
		}
	}
	for _, want := range []string{"panel/index.html", "panel/leaky/index.html", "panel/katas/kata/index.html", "prep/leaky/index.html"} {
		if _, ok := site[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
	if !printing {
		t.Log("no Chromium or pdftotext: built without --pdf")
		return
	}
	salt, err := seal.ReadSalt(src)
	if err != nil {
		t.Fatal(err)
	}
	key, err := seal.NewKey(pass, salt, seal.Iterations)
	if err != nil {
		t.Fatal(err)
	}
	sealed, ok := site["panel/leaky/guide.pdf.sealed"]
	if !ok {
		t.Fatal("no panel/leaky/guide.pdf.sealed")
	}
	if _, ok := site["panel/leaky/guide.pdf"]; ok {
		t.Error("panel/leaky/guide.pdf is there, unsealed")
	}
	doc, err := key.Open("panel/leaky/guide.pdf", sealed)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "guide.pdf")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CANARY_H1_TITLE", "CANARY_UNMARKED_BODY", "Panel only — confidential", "Scorecard"} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("the opened guide.pdf lacks %q: it is not the guide", want)
		}
	}
}
