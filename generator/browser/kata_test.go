package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kitgen/generator/audience"
	"kitgen/generator/internal/testsite"
	"kitgen/generator/site"
)

// TestKataRunsInThePrepTree builds the project's own site and serves
// public/prep/ alone, as a candidate's static host would, then uses the
// Mini Matching Engine kata as a candidate does: start it, trade through
// the ticket, run the checkpoint scenarios and try solutions of their own.
func TestKataRunsInThePrepTree(t *testing.T) {
	tab := Start(t, 90*time.Second)
	srv := Serve(t, buildPrep(t))
	kataPage(t, tab, srv, "/katas/matching/")
	kitPageStarts(t, tab, srv, "/backend_entry_001/")
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

func buildPrep(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	if _, err := site.Build(site.Options{Source: testsite.New(t, false), Dest: dest, Trees: audience.Candidate}); err != nil {
		t.Fatal(err)
	}
	t.Logf("built the prep tree in %v", time.Since(start).Round(time.Millisecond))
	return filepath.Join(dest, "prep")
}

func kataPage(t *testing.T, tab *Tab, srv *Server, page string) {
	open(t, tab, srv, page)
	tab.Do(t, chromedp.Click(chromedp.CSS("[data-kata-start]")))
	ms := Wait[float64](t, tab, `document.querySelector("[data-kata-runner][data-ready]") && +document.querySelector("[data-ready-ms]").dataset.readyMs`, 20*time.Second)
	t.Logf("click to ready: %.0f ms (as the page measures it)", ms)
	t.Run("ready is announced and focus moves to the runner", func(t *testing.T) {
		focused := Eval[string](t, tab, `document.activeElement.textContent`)
		said := Eval[string](t, tab, `document.querySelector("[data-kata-announce]").textContent`)
		if focused != "Play with the book" || !strings.HasPrefix(said, "Engine ready") {
			t.Errorf("focus on %q, live region says %q", focused, said)
		}
	})
	t.Run("the contents link to the headings", func(t *testing.T) {
		broken := Eval[[]string](t, tab, `[...document.querySelectorAll(".agenda a")].filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1)))).map(a => a.href)`)
		n := Eval[int](t, tab, `document.querySelectorAll(".agenda li").length`)
		if links := Eval[int](t, tab, `document.querySelectorAll(".agenda a").length`); links != n || n == 0 || len(broken) > 0 {
			t.Errorf("%d of %d contents entries are links; these lead nowhere: %v", links, n, broken)
		}
	})

	t.Run("ticket, ladder and tape", func(t *testing.T) { ticket(t, tab) })
	t.Run("a scenario plays in the book", func(t *testing.T) {
		tab.Do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector(".kr-scn details").open = true`),
			chromedp.Click(chromedp.CSS(".kr-scn [data-play]")))
		inView(t, tab)
		if n := Eval[int](t, tab, `document.querySelectorAll(".kr-level").length`); n == 0 {
			t.Error("the book is empty after playing a scenario in it")
		}
		tab.Do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector(".kr-scn details").open = false`))
	})
	t.Run("checkpoint scenarios pass", func(t *testing.T) {
		tab.Do(t, chromedp.Click(chromedp.CSS("[data-run-scenarios]")))
		got := Wait[string](t, tab, `document.querySelector("[data-scenario-summary]").dataset.pass !== undefined && document.querySelector("[data-scenario-summary]").textContent`, 5*time.Second)
		n := Eval[int](t, tab, `document.querySelectorAll(".kr-scn").length`)
		if want := fmt.Sprintf("%d of %d pass", n, n); got != want || n == 0 {
			failing := Eval[[]string](t, tab, `[...document.querySelectorAll('.kr-scn[data-status=fail]')].map(e => e.dataset.scenario + ": " + e.querySelector(".kr-steps").innerText)`)
			t.Errorf("scenarios: %q, want %q\n%s", got, want, strings.Join(failing, "\n"))
		}
	})
	correct := readFile(t, "testdata/correct.js")
	t.Run("a correct solution passes", func(t *testing.T) {
		state, text := runSolution(t, tab, correct)
		if state != "pass" || !regexp.MustCompile(`✓ (\d+) of (\d+) cases pass`).MatchString(text) {
			t.Errorf("state %q: %s", state, text)
		}
		if m := regexp.MustCompile(`(\d+) of (\d+) cases pass`).FindStringSubmatch(text); m == nil || m[1] != m[2] {
			t.Errorf("the verdict does not count every case as passed: %s", text)
		}
	})
	// The bug this guards against: a level that is null made the
	// comparison throw, the case went uncounted and the run passed.
	t.Run("a malformed book never passes", func(t *testing.T) {
		const good = "return { bids: bids.map(level), asks: asks.map(level) };"
		if !strings.Contains(correct, good) {
			t.Fatalf("testdata/correct.js no longer has %q", good)
		}
		before := len(tab.ConsoleErrors())
		state, text := runSolution(t, tab, strings.Replace(correct, good, "return { bids: bids.map(level).concat([null]), asks: asks.map(level) };", 1))
		if state != "diff" {
			t.Fatalf("state %q, want diff: %s", state, text)
		}
		why := Eval[string](t, tab, `document.querySelector("[data-diff-why]").textContent`)
		tally := Eval[string](t, tab, `document.querySelector("[data-tally]").textContent`)
		if !strings.Contains(why, "level 1 is null") || !strings.HasPrefix(tally, "0 of ") {
			t.Errorf("verdict %q, first difference %q; want no case to pass and the null level named", tally, why)
		}
		if errs := tab.ConsoleErrors()[before:]; len(errs) > 0 {
			t.Errorf("console errors while comparing:\n%s", strings.Join(errs, "\n"))
		}
	})
	t.Run("a syntax error names its line", func(t *testing.T) {
		state, text := runSolution(t, tab, "function createBook() {\n  return {\n    submit(o) { return {trades: [], rested: 0}; },\n    cancel(id) { return ; }\n    depth() { return {bids: [], asks: []}; },\n  };\n}\n")
		line := Eval[string](t, tab, `(e => e ? e.dataset.errorLine : "")(document.querySelector("[data-error-line]"))`)
		if state != "error" || line != "5" || !strings.Contains(text, "depth() { return") || !strings.Contains(text, "SyntaxError") {
			t.Errorf("state %q, line %q: %s", state, line, text)
		}
	})
	t.Run("an exception names its line", func(t *testing.T) {
		code := strings.Replace(correct, "      const why = reject(o);", "      const why = reject(o);\n      if (o.id === 3) null.boom();", 1)
		state, text := runSolution(t, tab, code)
		line := Eval[string](t, tab, `(e => e ? e.dataset.errorLine : "")(document.querySelector("[data-error-line]"))`)
		if want := fmt.Sprint(1 + strings.Count(code[:strings.Index(code, "null.boom")], "\n")); state != "diff" || line != want || !strings.Contains(text, "TypeError") {
			t.Errorf("state %q, line %q (want %s): %s", state, line, want, text)
		}
	})
	t.Run("console.log shows on the page", func(t *testing.T) {
		code := strings.Replace(correct, "      const why = reject(o);", "      console.log(\"submit\", o.id, {side: o.side});\n      const why = reject(o);", 1)
		state, _ := runSolution(t, tab, code)
		out := Eval[string](t, tab, `document.querySelector("[data-output]").innerText`)
		if state != "pass" || !strings.Contains(out, `submit 1 {"side":"buy"}`) || !strings.Contains(out, "more output left out") {
			t.Errorf("state %q; output:\n%.300s", state, out)
		}
	})
	// A book with some depth and a trade on the tape, for the pictures.
	tab.Do(t, chromedp.Click(chromedp.CSS("[data-seed]")),
		chromedp.SetValue(chromedp.CSS(`[data-ticket] [name=price]`), "102"), chromedp.SendKeys(chromedp.CSS(`[data-ticket] [name=qty]`), "b\r"))
	t.Run("a wrong solution shows the first difference", func(t *testing.T) {
		state, text := runSolution(t, tab, readFile(t, "testdata/wrong.js"))
		if state != "diff" {
			t.Fatalf("state %q: %s", state, text)
		}
		op := Eval[string](t, tab, `document.querySelector("[data-diff-op]").textContent`)
		why := Eval[string](t, tab, `document.querySelector("[data-diff-why]").textContent`)
		if !strings.Contains(why, "price") {
			t.Errorf("first difference %q: %q, want it to be about the trade price", op, why)
		}
		t.Logf("first difference: %s: %s", op, why)
	})
	t.Run("the kata as people see it", func(t *testing.T) { looks(t, tab) })
	t.Run("replay up to the difference", func(t *testing.T) {
		tab.Do(t, chromedp.Click(chromedp.CSS("[data-replay]")))
		inView(t, tab)
	})
	t.Run("start over can be undone", func(t *testing.T) {
		before := Eval[string](t, tab, `document.querySelector("[data-editor]").value`)
		tab.Do(t, chromedp.Click(chromedp.CSS("[data-start-over]")))
		if got := Eval[string](t, tab, `document.querySelector("[data-editor]").value`); !strings.HasPrefix(got, "// Your order book.") {
			t.Fatalf("after Start over the editor holds %.40q", got)
		}
		tab.Do(t, chromedp.Click(chromedp.CSS("[data-undo]")))
		if got := Eval[string](t, tab, `document.querySelector("[data-editor]").value`); got != before {
			t.Errorf("Undo brought back %.40q, want %.40q", got, before)
		}
	})
	tab.Do(t, chromedp.EmulateViewport(1280, 900))
	t.Run("an endless loop is stopped", func(t *testing.T) {
		start := time.Now()
		tab.Do(t, chromedp.Evaluate[chromedp.Void](pasteJS("function createBook() { return { submit() { while (true) {} }, cancel() {}, depth() {} }; }")),
			chromedp.Click(chromedp.CSS("[data-run-solution]")))
		// The page answers while the worker spins.
		if n := Eval[int](t, tab, `1 + 1`); n != 2 {
			t.Fatal("the page does not answer")
		}
		state := Wait[string](t, tab, `["stopped", "pass", "diff", "error"].includes(document.querySelector("[data-solution-result]").dataset.state) && document.querySelector("[data-solution-result]").dataset.state`, 10*time.Second)
		if state != "stopped" {
			t.Errorf("state %q, want stopped", state)
		}
		t.Logf("stopped after %v", time.Since(start).Round(10*time.Millisecond))
	})
	t.Run("the solution is kept in the browser", func(t *testing.T) {
		saved := Wait[string](t, tab, `localStorage.getItem("kitgen:kata:matching:solution")`, 5*time.Second)
		if !strings.Contains(saved, "while (true)") {
			t.Errorf("localStorage holds %q", saved)
		}
	})
	t.Run("python", func(t *testing.T) { python(t, tab, srv) })
}

// python picks Python, which fetches MicroPython then and not before, and
// runs Python books: a correct one, a wrong one, one that does not parse
// and one that prints.
func python(t *testing.T, tab *Tab, srv *Server) {
	for _, h := range srv.Hits() {
		if strings.Contains(h.Path, "micropython") || strings.HasSuffix(h.Path, "/python.js") {
			t.Errorf("%s was fetched before Python was picked", h.Path)
		}
	}
	// The JavaScript timing, for the README's side-by-side figure.
	runSolution(t, tab, readFile(t, "testdata/correct.js"))
	timing := `(d => d.ms + " ms, the slowest case " + d.slowestMs + " ms")(document.querySelector("[data-solution-result]").dataset)`
	jsMS := Eval[string](t, tab, timing)
	tab.Do(t, chromedp.Evaluate[chromedp.Void](`(s => { s.value = "python"; s.dispatchEvent(new Event("change")); })(document.querySelector("[data-language]"))`))
	ms := Wait[float64](t, tab, `+document.querySelector("[data-language-status]").dataset.readyMs`, 20*time.Second)
	t.Logf("Python: picked to ready in %.0f ms", ms)
	if tmpl := Eval[string](t, tab, `document.querySelector("[data-editor]").value`); !strings.Contains(tmpl, "def create_book():") {
		t.Errorf("the Python editor starts with %q, want the template", tmpl)
	}
	t.Run("a correct solution passes", func(t *testing.T) {
		state, text := runSolution(t, tab, readFile(t, "testdata/correct.py"))
		if m := regexp.MustCompile(`✓ (\d+) of (\d+) cases pass`).FindStringSubmatch(text); state != "pass" || m == nil || m[1] != m[2] {
			t.Fatalf("state %q: %s", state, text)
		}
		t.Logf("every case: Python %s; JavaScript %s (as the page measures it)", Eval[string](t, tab, timing), jsMS)
	})
	t.Run("a wrong solution shows the first difference", func(t *testing.T) {
		state, text := runSolution(t, tab, readFile(t, "testdata/wrong.py"))
		why := Eval[string](t, tab, `(e => e ? e.textContent : "")(document.querySelector("[data-diff-why]"))`)
		if state != "diff" || !strings.Contains(why, "price") {
			t.Errorf("state %q, first difference %q: %s", state, why, text)
		}
	})
	t.Run("a syntax error names its line", func(t *testing.T) {
		state, text := runSolution(t, tab, "def create_book():\n    return Book()\n\nclass Book:\n    def submit(self, order)\n        return {}\n")
		line := Eval[string](t, tab, `(e => e ? e.dataset.errorLine : "")(document.querySelector("[data-error-line]"))`)
		if state != "error" || line != "5" || !strings.Contains(text, "def submit(self, order)") || !strings.Contains(text, "SyntaxError") {
			t.Errorf("state %q, line %q: %s", state, line, text)
		}
		tab.ScreenshotOf(t, "kata-python-syntax-error", "[data-solution-result]")
	})
	t.Run("an exception names its line", func(t *testing.T) {
		code := strings.Replace(readFile(t, "testdata/correct.py"), `        why = self.reject(o)`, `        why = self.reject(o)
        if o["id"] == 3:
            return {"trades": [], "rested": 0}["nope"]`, 1)
		state, text := runSolution(t, tab, code)
		line := Eval[string](t, tab, `(e => e ? e.dataset.errorLine : "")(document.querySelector("[data-error-line]"))`)
		if state != "diff" || !strings.Contains(text, "KeyError") || line == "" || !strings.Contains(text, `["nope"]`) {
			t.Errorf("state %q, line %q: %s", state, line, text)
		}
		tab.ScreenshotOf(t, "kata-python-exception", "[data-solution-result]")
	})
	t.Run("print() shows on the page", func(t *testing.T) {
		code := strings.Replace(readFile(t, "testdata/correct.py"), `        why = self.reject(o)`, `        print("submit", o["id"], o["side"])
        why = self.reject(o)`, 1)
		state, _ := runSolution(t, tab, code)
		out := Eval[string](t, tab, `document.querySelector("[data-output]").innerText`)
		if state != "pass" || !strings.Contains(out, "submit 1 buy") || !strings.Contains(out, "more output left out") {
			t.Errorf("state %q; output:\n%.300s", state, out)
		}
		tab.Do(t, chromedp.EmulateViewport(390, 844))
		tab.ScreenshotOf(t, "kata-python-print-phone", ".kr-solution")
		tab.Do(t, chromedp.EmulateViewport(1280, 900))
	})
	t.Run("the code is kept per language", func(t *testing.T) {
		py := Wait[string](t, tab, `localStorage.getItem("kitgen:kata:matching:solution:python")`, 5*time.Second)
		tab.Do(t, chromedp.Evaluate[chromedp.Void](`(s => { s.value = "javascript"; s.dispatchEvent(new Event("change")); })(document.querySelector("[data-language]"))`))
		js := Eval[string](t, tab, `document.querySelector("[data-editor]").value`)
		if !strings.Contains(py, "print(") || !strings.Contains(js, "function createBook()") {
			t.Errorf("Python kept %.60q; JavaScript editor shows %.60q", py, js)
		}
	})
}

// ticket places a resting sell and a crossing buy through the ticket,
// typing as a person does, reads the ladder and the tape, and cancels
// the rest from the book.
func ticket(t *testing.T, tab *Tab) {
	price, qty := chromedp.CSS(`[data-ticket] [name=price]`), chromedp.CSS(`[data-ticket] [name=qty]`)
	tab.Do(t,
		chromedp.Click(chromedp.CSS(`[data-ticket] .kr-sell`)),
		chromedp.SetValue(price, ""), chromedp.SendKeys(price, "101"),
		chromedp.SetValue(qty, ""), chromedp.SendKeys(qty, "5\r"),
		// B switches the ticket to buy from the keyboard.
		chromedp.SetValue(price, ""), chromedp.SendKeys(price, "b103"),
		chromedp.SetValue(qty, ""), chromedp.SendKeys(qty, "3\r"),
	)
	trade := Wait[string](t, tab, `(li => li && li.dataset.trade)(document.querySelector("[data-tape] li"))`, 5*time.Second)
	if trade != "2:1:101:3" {
		t.Errorf("tape's last trade %q, want taker 2, maker 1, 3 @ 101", trade)
	}
	level := Eval[map[string]string](t, tab, `(l => l && {...l.dataset})(document.querySelector('.kr-level[data-side=ask][data-price="101"]'))`)
	if level["qty"] != "2" || level["orders"] != "1" {
		t.Errorf("ask level 101: %v, want qty 2 in 1 order", level)
	}
	if n := Eval[int](t, tab, `document.querySelectorAll(".kr-level[data-side=bid]").length`); n != 0 {
		t.Errorf("%d bid levels, want none: the buy filled", n)
	}
	tab.Do(t, chromedp.Click(chromedp.CSS(`[data-cancel-id="1"]`)))
	Wait[bool](t, tab, `document.querySelectorAll(".kr-level").length === 0`, 5*time.Second)
	if got := Eval[string](t, tab, `document.activeElement.closest("[data-book]") ? "the book" : document.activeElement.outerHTML.slice(0, 80)`); got != "the book" {
		t.Errorf("after cancelling from its chip, focus is on %s, want the book", got)
	}
}

// inView waits until the book, where replays go, has focus and is on the
// screen.
func inView(t *testing.T, tab *Tab) {
	t.Helper()
	Wait[bool](t, tab, `(b => document.activeElement === b && b.getBoundingClientRect().top >= -1 && b.getBoundingClientRect().top < innerHeight)(document.querySelector("[data-book]"))`, 5*time.Second)
}

// runSolution pastes code into the editor, runs it and returns the
// verdict's state and text.
func runSolution(t *testing.T, tab *Tab, code string) (string, string) {
	tab.Do(t, chromedp.Evaluate[chromedp.Void](pasteJS(code)), chromedp.Click(chromedp.CSS("[data-run-solution]")))
	state := Wait[string](t, tab, `["stopped", "pass", "diff", "error"].includes(document.querySelector("[data-solution-result]").dataset.state) && document.querySelector("[data-solution-result]").dataset.state`, 10*time.Second)
	return state, Eval[string](t, tab, `document.querySelector("[data-solution-result]").innerText`)
}

// pasteJS is a script that puts code in the editor as a paste does.
func pasteJS(code string) string {
	return fmt.Sprintf(`(e => { e.value = %q; e.dispatchEvent(new Event("input")); })(document.querySelector("[data-editor]"))`, code)
}

// kitPageStarts checks that a kit that refers to the kata runs it too.
func kitPageStarts(t *testing.T, tab *Tab, srv *Server, page string) {
	t.Run("kit page", func(t *testing.T) {
		open(t, tab, srv, page)
		tab.Do(t, chromedp.Click(chromedp.CSS("[data-kata-start]")))
		Wait[bool](t, tab, `!!document.querySelector("[data-kata-runner][data-ready]")`, 10*time.Second)
	})
}

// open loads page and checks that it has a runner, that nothing of the
// engine was fetched, and that it weighs under 60 KB before Start.
func open(t *testing.T, tab *Tab, srv *Server, page string) {
	t.Helper()
	seen := len(srv.Hits())
	tab.Do(t, chromedp.Navigate(srv.URL+page))
	Wait[bool](t, tab, `document.readyState === "complete"`, 5*time.Second)
	if !Eval[bool](t, tab, `!!document.querySelector("[data-kata-start]")`) {
		t.Fatalf("%s has no kata runner", page)
	}
	hits := srv.Hits()[seen:]
	weight := 0
	for _, h := range hits {
		if strings.Contains(h.Path, ".wasm") || strings.Contains(h.Path, "wasm_exec") || strings.Contains(h.Path, "scenarios") {
			t.Errorf("%s: %s was fetched before the kata was started", page, h.Path)
		}
		weight += h.Bytes
	}
	t.Logf("%s before Start: %d bytes (HTML, CSS and JS) in %d requests", page, weight, len(hits))
	if weight > 60<<10 {
		t.Errorf("%s weighs %d bytes before Start; the budget is 60 KB", page, weight)
	}
}

func readFile(t *testing.T, name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// looks checks the page after Start, with a book, a trade, a difference
// and some output on it, as people see it: in light and dark, on a laptop
// and on phones. axe-core finds nothing against WCAG 2.2 AA, nothing
// spills out of its card, the selects show their words, keyboard hints
// are left off touch screens; screenshots are kept when asked for.
func looks(t *testing.T, tab *Tab) {
	defer tab.Media(t)
	defer tab.Do(t, chromedp.EmulateViewport(1280, 900))
	for _, scheme := range []string{"light", "dark"} {
		tab.Media(t, "prefers-color-scheme", scheme)
		for _, width := range []int64{1280, 390, 320} {
			tab.Do(t, chromedp.EmulateViewport(width, 900))
			if width != 320 {
				t.Run(fmt.Sprintf("axe-core, %s, %d px", scheme, width), func(t *testing.T) {
					for _, v := range Axe(t, tab, WCAG22AA...) {
						t.Error(v)
					}
				})
			}
			for _, s := range Eval[[]string](t, tab, spills) {
				t.Errorf("%s, %d px: %s", scheme, width, s)
			}
			shot := fmt.Sprintf("kata-%s-%d", scheme, width)
			tab.Screenshot(t, shot, width, 900)
			for _, part := range []string{"kr-play", "kr-scenarios", "kr-solution"} {
				tab.ScreenshotOf(t, shot+"-"+part, "."+part)
			}
		}
	}
	keys := `getComputedStyle(document.querySelector(".kr-keys")).display`
	if Eval[string](t, tab, keys) == "none" {
		t.Error("keyboard hints are hidden without a touch screen")
	}
	tab.Do(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	if Eval[string](t, tab, keys) != "none" {
		t.Error("keyboard hints show on a touch screen")
	}
}

// spills lists what sticks out of the runner or out of the card it is
// in, and selects too narrow for their words. What scrolls inside its own
// box is fine.
const spills = `(() => {
	const out = [];
	const doc = document.documentElement;
	if (doc.scrollWidth > innerWidth) out.push("the page is " + doc.scrollWidth + " px wide in a " + innerWidth + " px window");
	const name = (e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().replace(/\s+/g, ".") : "");
	for (const e of document.querySelectorAll(".kata-runner *")) {
		const r = e.getBoundingClientRect();
		if (!r.width || e.closest(".kr-sr")) continue;
		let box = e.parentElement, scrolls = false;
		for (; box && !box.matches(".kr-card, .kr-result, .kr-scn, .kata-runner"); box = box.parentElement) {
			if (/auto|scroll|hidden/.test(getComputedStyle(box).overflowX)) scrolls = true;
		}
		if (scrolls || !box) continue;
		const b = box.getBoundingClientRect();
		if (r.right > b.right + 1 || r.left < b.left - 1) out.push(name(e) + " sticks out of " + name(box));
	}
	const ctx = document.createElement("canvas").getContext("2d");
	for (const s of document.querySelectorAll(".kata-runner select")) {
		ctx.font = getComputedStyle(s).font;
		const need = Math.max(...[...s.options].map((o) => ctx.measureText(o.text).width)) + 28;
		if (s.clientWidth < need) out.push(name(s) + " is " + s.clientWidth + " px wide; its words need " + Math.ceil(need));
	}
	return out.slice(0, 12);
})()`
