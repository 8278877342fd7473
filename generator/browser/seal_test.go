package browser

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"

	"kitgen/generator/audience"
	"kitgen/generator/pdf"
	"kitgen/generator/render"
	"kitgen/generator/seal"
	"kitgen/generator/site"
	"kitgen/generator/theme"
)

const passphrase = "tulip elan outcast mammal parlor sizzling rebound"

// buildSealed builds the leak site, a canary in every panel-only place,
// with its panel sealed as kitgen build seals it, and returns the source
// and public/.
func buildSealed(t *testing.T) (src, dest string) {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("..", "site", "testdata", "leak.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	src = t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(src, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	th, err := theme.Open(src, "default")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := th.Template("panel/sealed.html")
	if err != nil {
		t.Fatal(err)
	}
	key, err := seal.NewKey(passphrase, seal.NewSalt(), seal.Iterations)
	if err != nil {
		t.Fatal(err)
	}
	s := &seal.Sealer{
		Key:  func() (*seal.Key, error) { return key, nil },
		Page: tmpl,
		Site: &render.Site{Title: "Leak kits"},
		PDF:  func(name string) bool { return name == "panel/leaky/index.html" },
	}
	dest = filepath.Join(t.TempDir(), "public")
	o := site.Options{Source: src, Dest: dest, Trees: audience.Both, Wrap: func(out site.Output) site.Output { return s.Wrap(out) }}
	// A guide.pdf stand-in, sealed as kitgen build --pdf seals one.
	o.Finish = func(string) (map[string][]byte, error) {
		return s.Seal(map[string][]byte{"panel/leaky/guide.pdf": []byte(fakePDF)})
	}
	if _, err := site.Build(o); err != nil {
		t.Fatal(err)
	}
	return src, dest
}

const fakePDF = "%PDF-1.7 CANARY_GUIDE_PDF"

var canaryRE = regexp.MustCompile(`(?i)canary`)

// TestSealedGuide opens a sealed panel guide in Chromium as a panel
// member does: a wrong passphrase shows nothing but a message; the right
// one shows the guide, which prints as it does unsealed; the next panel
// page in the tab opens without asking; Lock forgets; a prep page never
// asks. It logs how long unlocking takes.
func TestSealedGuide(t *testing.T) {
	src, dest := buildSealed(t)
	srv := Serve(t, dest)
	tab := Start(t, 90*time.Second)
	shown := func(sel string) string {
		return `(() => { const e = document.querySelector("` + sel + `"); return !!e && getComputedStyle(e).display !== "none"; })()`
	}
	formShown := shown("[data-unlock-form]")
	text := func() string { return Eval[string](t, tab, `document.body.innerText`) }

	tab.Do(t, chromedp.Navigate(srv.URL+"/panel/leaky/"))
	Wait[bool](t, tab, formShown, 10*time.Second)
	if Eval[bool](t, tab, shown("[data-unlock-fallback]")) {
		t.Error("the message for a page whose script does not run is shown")
	}
	if got := Eval[string](t, tab, `document.activeElement.id`); got != "unlock-passphrase" {
		t.Errorf("the focus is on %q, not the passphrase", got)
	}
	if m := canaryRE.FindString(text() + Eval[string](t, tab, `document.title`)); m != "" {
		t.Errorf("the sealed page shows %q", m)
	}
	tab.Screenshot(t, "sealed-laptop", 1280, 800)
	tab.Screenshot(t, "sealed-phone", 390, 844)
	tab.Do(t, chromedp.EmulateViewport(1280, 800))

	// A wrong passphrase: a message, and nothing of the guide.
	input := chromedp.CSS("#unlock-passphrase")
	tab.Do(t, chromedp.SendKeys(input, "tulip elan outcast mammal parlor sizzling rebounds\r"))
	Wait[bool](t, tab, `document.querySelector("[data-unlock-status]").textContent.includes("does not open")`, 20*time.Second)
	if m := canaryRE.FindString(text()); m != "" {
		t.Errorf("a wrong passphrase shows %q", m)
	}
	if !Eval[bool](t, tab, `document.querySelector("#unlock-passphrase").getAttribute("aria-invalid") === "true" && document.activeElement.id === "unlock-passphrase"`) {
		t.Error("after a wrong passphrase the field is not marked invalid, or has lost the focus")
	}
	tab.Screenshot(t, "sealed-wrong-phone", 390, 844)
	// axe-core finds nothing against WCAG 2.2 AA, the message shown, in
	// either colour scheme, on a phone and a laptop.
	for _, scheme := range []string{"light", "dark"} {
		tab.Media(t, "prefers-color-scheme", scheme)
		for _, width := range []int64{390, 1280} {
			tab.Do(t, chromedp.EmulateViewport(width, 800))
			for _, v := range Axe(t, tab, WCAG22AA...) {
				t.Errorf("axe-core, %s, %d px: %s", scheme, width, v)
			}
		}
	}
	tab.Media(t)
	tab.Do(t, chromedp.EmulateViewport(1280, 800))

	// The right one: the guide, its title, its canaries, its Print button
	// (print.js ran) and a Lock button.
	Eval[bool](t, tab, `(document.querySelector("#unlock-passphrase").value = "") === ""`)
	tab.Do(t, chromedp.SendKeys(input, passphrase+"\r"))
	Wait[bool](t, tab, `!document.querySelector("[data-sealed]") && !!document.querySelector("article.guide")`, 20*time.Second)
	ms := Wait[float64](t, tab, `performance.getEntriesByName("kitgen-unlock")[0]?.duration`, 5*time.Second)
	t.Logf("unlocked in %.0f ms (PBKDF2-HMAC-SHA256, %d iterations, and decrypting in WebCrypto)", ms, seal.Iterations)
	for _, want := range []string{"CANARY_H1_TITLE", "CANARY_UNMARKED_BODY", "CANARY_PANEL_CONTAINER"} {
		if !strings.Contains(text(), want) {
			t.Errorf("the unlocked guide lacks %q", want)
		}
	}
	if got := Eval[string](t, tab, `document.title`); !strings.Contains(got, "Panel guide") {
		t.Errorf("the unlocked page's title is %q", got)
	}
	Wait[bool](t, tab, `!document.querySelector("button[data-print]").hidden`, 5*time.Second)
	if !Eval[bool](t, tab, `!!document.querySelector(".site-header button[data-lock]")`) {
		t.Error("no Lock button in the header")
	}
	if got := Eval[string](t, tab, `document.activeElement.tagName`); got != "H1" {
		t.Errorf("after unlocking the focus is on %s, not the guide's title", got)
	}
	// PDF downloads guide.pdf.sealed, opened: the browser is handed the
	// file through a link to it, caught here.
	got := Eval[string](t, tab, `new Promise(done => {
		HTMLAnchorElement.prototype.click = function () {
			fetch(this.href).then(r => r.text()).then(text => done(this.download + ": " + text));
		};
		document.querySelector("button[data-pdf-download]").click();
	})`)
	if want := "leaky-guide.pdf: " + fakePDF; got != want {
		t.Errorf("PDF gave %q, want %q", got, want)
	}
	tab.Screenshot(t, "unlocked-laptop", 1280, 800)
	tab.Screenshot(t, "unlocked-phone", 390, 844)
	tab.Do(t, chromedp.EmulateViewport(1280, 800))

	// Printing the unlocked page gives the paper guide.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		Eval[bool](t, tab, `document.fonts.ready.then(() => true)`)
		res, err := chromedp.Call(tab.Ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: pdf.A4.Width, PaperHeight: pdf.A4.Height})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "guide.pdf")
		if err := os.WriteFile(file, res.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv(Shots); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "unlocked-A4.pdf"), res.Data, 0o644)
		}
		pages := pdfPages(t, file)
		all := strings.Join(pages, " ")
		for _, want := range []string{"CANARY_H1_TITLE", "CANARY_UNMARKED_BODY", "Scorecard", "Panel only — confidential", "Page 1 of"} {
			if !strings.Contains(all, want) {
				t.Errorf("the printed guide lacks %q", want)
			}
		}
		for _, screen := range []string{"Lock", "Passphrase", "sealed", "Built with kitgen"} {
			if strings.Contains(all, screen) {
				t.Errorf("the screen's %q is on paper", screen)
			}
		}
		// The same guide unsealed prints the same text, page for page.
		b, err := pdf.Print(tab.Ctx, Serve(t, buildPanel(t, src)).URL+"/leaky/", pdf.A4)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if plain := pdfPages(t, file); strings.Join(plain, "\f") != strings.Join(pages, "\f") {
			t.Errorf("printed after unlocking, the guide is not the unsealed guide on paper:\n%q\nunsealed:\n%q", pages, plain)
		}
		t.Logf("printed after unlocking: %d pages, as unsealed", len(pages))
	} else if os.Getenv(Required) == "1" {
		t.Fatalf("no pdftotext and %s=1", Required)
	}

	// Another panel page in the same tab opens without asking.
	tab.Do(t, chromedp.Navigate(srv.URL+"/panel/katas/kata/"))
	Wait[bool](t, tab, `!document.querySelector("[data-sealed]") && !!document.querySelector("article.guide")`, 10*time.Second)
	if Eval[bool](t, tab, formShown) {
		t.Error("the second panel page asks for the passphrase")
	}
	t.Logf("the next panel page shown %.0f ms after the navigation began, with the kept key", Wait[float64](t, tab, `performance.getEntriesByName("kitgen-unlock")[0]?.duration`, 5*time.Second))
	tab.Do(t, chromedp.Navigate(srv.URL+"/panel/"))
	Wait[bool](t, tab, `!document.querySelector("[data-sealed]") && document.body.innerText.includes("Panel guides")`, 10*time.Second)
	if !strings.Contains(text(), "CANARY_H1_TITLE") {
		t.Error("the unlocked panel index does not list the kits")
	}

	// Lock forgets the key: this page and the next ask again.
	tab.Do(t, chromedp.Click(chromedp.CSS("button[data-lock]")))
	waitThroughReload(t, tab, formShown)
	if !Eval[bool](t, tab, `Object.keys(sessionStorage).every(k => !k.startsWith("kitgen-seal:"))`) {
		t.Error("Lock left the key in sessionStorage")
	}
	tab.Do(t, chromedp.Navigate(srv.URL+"/panel/leaky/"))
	Wait[bool](t, tab, formShown, 10*time.Second)
	if m := canaryRE.FindString(text()); m != "" {
		t.Errorf("after Lock the guide shows %q", m)
	}

	// A prep page never asks, and loads nothing of the seal.
	tab.Do(t, chromedp.Navigate(srv.URL+"/prep/leaky/"))
	Wait[bool](t, tab, `document.readyState === "complete"`, 10*time.Second)
	if Eval[bool](t, tab, `!!document.querySelector("[data-sealed], [data-unlock-form]") || performance.getEntriesByType("resource").some(e => e.name.includes("/seal/"))`) {
		t.Error("the prep page asks for a passphrase or loads the seal's script")
	}
	if !strings.Contains(text(), "CANDIDATE_BOTH_BODY") {
		t.Error("the prep page does not show the candidate's text")
	}
	// Where the script does not run, the page says why, and shows no
	// field that does nothing.
	noScript := func(off bool) {
		if _, err := chromedp.Call(tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off}); err != nil {
			t.Fatal(err)
		}
	}
	noScript(true)
	tab.Do(t, chromedp.Navigate(srv.URL+"/panel/leaky/"))
	if !Eval[bool](t, tab, shown("[data-unlock-fallback]")) || Eval[bool](t, tab, formShown) {
		t.Error("without its script the sealed page shows the form, or no message")
	}
	noScript(false)

	for _, e := range tab.ConsoleErrors() {
		// The fixture's image, which it does not have.
		if !strings.Contains(e, "/diagram.png") {
			t.Errorf("console: %s", e)
		}
	}
}
