package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kitgen/generator/audience"
	"kitgen/generator/internal/testsite"
	"kitgen/generator/pdf"
	"kitgen/generator/site"
)

// TestPanelGuideOnScreen looks at the panel index and the seed's guide as
// a panel member does, on a laptop and on a phone, in light and dark:
// nothing scrolls sideways and axe-core finds nothing to fix, by WCAG 2.2
// A and AA or its best practices. Then it
// fills the guide in — ticks a checkpoint, chooses levels, types evidence
// and a name — reloads, prints, and clears it.
func TestPanelGuideOnScreen(t *testing.T) {
	tab := Start(t, 120*time.Second)
	src := testsite.New(t, true)
	dir := buildPanel(t, src)
	srv := Serve(t, dir)
	for _, pg := range []struct{ name, path string }{{"panel-index", "/"}, {"panel-guide", "/interview_script_atlas_001/"}} {
		for _, width := range []int64{1280, 390} {
			for _, scheme := range []string{"light", "dark"} {
				where := pg.name + " at " + map[int64]string{1280: "1280", 390: "390"}[width] + " px, " + scheme
				tab.Do(t, chromedp.EmulateViewport(width, 900))
				tab.Media(t, "prefers-color-scheme", scheme)
				load(t, tab, srv.URL+pg.path)
				if w := Eval[int](t, tab, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
					t.Errorf("%s: the page scrolls %d px sideways", where, w)
				}
				for _, v := range Axe(t, tab, append(WCAG22AA, "best-practice")...) {
					t.Errorf("%s: axe: %s", where, v)
				}
				tab.Screenshot(t, pg.name+"-"+map[int64]string{1280: "laptop", 390: "phone"}[width]+"-"+scheme, width, 900)
			}
		}
	}
	tab.Media(t)
	tab.Do(t, chromedp.EmulateViewport(1280, 900))
	guide := srv.URL + "/interview_script_atlas_001/"
	load(t, tab, guide)

	t.Run("the kit id breaks only after a separator", func(t *testing.T) {
		if got := Eval[string](t, tab, `document.querySelector(".facts dd").innerHTML`); !strings.Contains(got, "interview_<wbr>script_<wbr>atlas_<wbr>001_<wbr>") {
			t.Errorf("the cover's kit id is %q", got)
		}
	})
	// The site as kitgen build --pdf makes it, served for as long as the
	// test runs: the page still asks for its icons after a subtest.
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Source: src, Dest: dest, Trees: audience.Panel, PDF: true}); err != nil {
		t.Fatal(err)
	}
	withPDF := Serve(t, filepath.Join(dest, "panel"))
	t.Run("links to the candidate's view and the PDF", func(t *testing.T) {
		if href := Eval[string](t, tab, `[...document.querySelectorAll(".guide-tools a")].find(a => a.textContent.includes("candidate")).getAttribute("href")`); href != "../../prep/interview_script_atlas_001/" {
			t.Errorf("the candidate's view is at %q", href)
		}
		if Eval[bool](t, tab, `!!document.querySelector('a[href="guide.pdf"]')`) {
			t.Error("the guide links a PDF, but the build printed none")
		}
		// A build that prints the guides links them.
		load(t, tab, withPDF.URL+"/interview_script_atlas_001/")
		if !Eval[bool](t, tab, `!!document.querySelector('.guide-tools a[href="guide.pdf"]')`) {
			t.Error("the guide of a build with --pdf does not link its PDF")
		}
	})
	t.Run("what is filled in is kept, printed and cleared", func(t *testing.T) {
		load(t, tab, guide)
		if Eval[bool](t, tab, `document.querySelector("[data-guide-kept]").hidden`) {
			t.Fatal("no Clear button")
		}
		evidence := `textarea[name="sc-1-evidence"]`
		tab.Do(t,
			chromedp.Click(chromedp.CSS(`.kg-kata .kg-task input`)),
			chromedp.Click(chromedp.CSS(`input[name="sc-1"][value="3"]`)),
			chromedp.Click(chromedp.CSS(`input[name="sc-overall"][value="Yes"]`)),
			chromedp.SendKeys(chromedp.CSS(evidence), "Named a heap of price levels, unprompted"),
			chromedp.SendKeys(chromedp.CSS(`input[name="blank: Candidate name"]`), "Ada Lovelace"),
		)
		load(t, tab, guide)
		state := Eval[[]any](t, tab, `[document.querySelector(".kg-kata .kg-task input").checked,
			document.querySelector('input[name="sc-1"]:checked')?.value, document.querySelector('input[name="sc-overall"]:checked')?.value,
			document.querySelector('`+evidence+`').value, document.querySelector('input[name="blank: Candidate name"]').value]`)
		if want := []any{true, "3", "Yes", "Named a heap of price levels, unprompted", "Ada Lovelace"}; !equal(state, want) {
			t.Errorf("after a reload the guide holds %v, want %v", state, want)
		}
		b, err := pdf.Print(tab.Ctx, guide, pdf.A4)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "filled.pdf")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		all := strings.Join(pdfPages(t, file), " ")
		for _, want := range []string{"Named a heap of price levels, unprompted", "Ada Lovelace"} {
			if !strings.Contains(all, want) {
				t.Errorf("the printed guide lacks %q", want)
			}
		}
		if dir := os.Getenv(Shots); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "seed-filled-A4.pdf"), b, 0o644)
		}
		tab.Do(t, chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`), chromedp.Click(chromedp.CSS(`[data-guide-clear]`)))
		load(t, tab, guide)
		if n := Eval[int](t, tab, `document.querySelectorAll(".guide input:checked").length + [...document.querySelectorAll(".guide textarea, .guide input[type=text]")].filter(e => e.value).length`); n != 0 {
			t.Errorf("%d fields are still filled in after Clear", n)
		}
		if keys := Eval[int](t, tab, `localStorage.length`); keys != 0 {
			t.Errorf("%d keys left in localStorage after Clear", keys)
		}
	})
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// load opens url in tab and waits for it to be ready.
func load(t *testing.T, tab *Tab, url string) {
	t.Helper()
	tab.Do(t, chromedp.Navigate(url))
	Wait[bool](t, tab, `document.readyState === "complete"`, 5*time.Second)
}

func equal(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
