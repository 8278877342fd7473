package browser

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"kitgen/generator/internal/testsite"
	"kitgen/generator/serve"
)

// TestServeReloadsTheOpenPage is an author at work: the panel guide open,
// a save, a broken save, a fix and a stylesheet change, with the page
// following each by itself.
func TestServeReloadsTheOpenPage(t *testing.T) {
	tab := Start(t, 60*time.Second)
	dir := testsite.New(t, false)
	s, err := serve.Start(serve.Options{Source: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	save := func(old, new string) {
		t.Helper()
		b, err := os.ReadFile(sre)
		if err != nil || !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q (%v)", sre, old, err)
		}
		if err := os.WriteFile(sre, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tab.Do(t, chromedp.Navigate(s.URL()+"panel/sre_001/"))
	Wait[bool](t, tab, `document.readyState === "complete"`, 5*time.Second)
	// The stream is open once the client has had its first event.
	Wait[bool](t, tab, `document.documentElement.dataset.kitgenLive === "connected"`, 5*time.Second)
	Eval[bool](t, tab, `window.kitgenTest = true`)

	save("## Incident simulation", "## Incident drill")
	waitThroughReload(t, tab, `document.documentElement.dataset.kitgenLive === "connected" && document.body.innerText.includes("Incident drill")`)
	if Eval[bool](t, tab, `window.kitgenTest === true`) {
		t.Error("the edit showed without a reload")
	}

	Eval[bool](t, tab, `window.kitgenTest = true`)
	save("type: interview_script", "type: [")
	overlay := Wait[string](t, tab, `document.getElementById("kitgen-overlay")?.innerText`, 5*time.Second)
	if !bytes.Contains([]byte(overlay), []byte("content/scripts/sre_001.md:4")) {
		t.Errorf("overlay: %q, want the file and line", overlay)
	}
	tab.Screenshot(t, "serve-overlay", 1000, 700)
	if !Eval[bool](t, tab, `window.kitgenTest === true && document.body.innerText.includes("Incident drill")`) {
		t.Error("a broken save replaced the page")
	}

	save("type: [", "type: interview_script")
	waitThroughReload(t, tab, `document.documentElement.dataset.kitgenLive === "connected" && !document.getElementById("kitgen-overlay")`)

	Eval[bool](t, tab, `window.kitgenTest = true`)
	css, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", "css", "kitgen.css"))
	if err != nil {
		t.Fatal(err)
	}
	css = append(css, "\nbody { outline: 3px solid rgb(1, 2, 3); }\n"...)
	if err := os.MkdirAll(filepath.Join(dir, "static", "css"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "css", "kitgen.css"), css, 0o644); err != nil {
		t.Fatal(err)
	}
	Wait[bool](t, tab, `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`, 5*time.Second)
	if !Eval[bool](t, tab, `window.kitgenTest === true`) {
		t.Error("a stylesheet change reloaded the page; it should swap the stylesheet")
	}
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// waitThroughReload waits until expr is true in the tab, across the page
// reloading under it.
func waitThroughReload(t *testing.T, tab *Tab, expr string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: timed out", expr)
}

// TestServeShowsASiteThatDoesNotBuildUntilItDoes: an author starts serve on
// a broken kit, sees why, fixes it, and the page becomes the guide.
func TestServeShowsASiteThatDoesNotBuildUntilItDoes(t *testing.T) {
	tab := Start(t, 60*time.Second)
	dir := testsite.New(t, false)
	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	good, err := os.ReadFile(sre)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sre, bytes.Replace(good, []byte("type: interview_script"), []byte("type: ["), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := serve.Start(serve.Options{Source: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	tab.Do(t, chromedp.Navigate(s.URL()+"panel/sre_001/"))
	overlay := Wait[string](t, tab, `document.getElementById("kitgen-overlay")?.innerText`, 5*time.Second)
	if !bytes.Contains([]byte(overlay), []byte("content/scripts/sre_001.md:4")) {
		t.Errorf("overlay: %q, want the file and line", overlay)
	}
	if err := os.WriteFile(sre, good, 0o644); err != nil {
		t.Fatal(err)
	}
	waitThroughReload(t, tab, `document.documentElement.dataset.kitgenLive === "connected" && !document.getElementById("kitgen-overlay") && document.body.classList.contains("guide")`)
}

// TestServeOverlayOnAPhone: a broken save on a phone-sized page. The
// overlay shows the whole file path, its caret under the time box that
// runs backwards, and Esc puts it away until the next build.
func TestServeOverlayOnAPhone(t *testing.T) {
	tab := Start(t, 60*time.Second)
	dir := t.TempDir()
	kit := filepath.Join(dir, "content", "scripts", "interview_script_platform_backend_001.md")
	good := []byte("---\nid: platform_backend_001\ntype: interview_script\nvisibility: public\n---\n# Platform backend\n\n## Welcome (5 mins) {audience=both}\n\nHello.\n\n## Coding exercise (30–45 mins)\n\nBuild it.\n")
	if err := os.MkdirAll(filepath.Dir(kit), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(kit, good, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := serve.Start(serve.Options{Source: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	save := func(b []byte) {
		t.Helper()
		if err := os.WriteFile(kit, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tab.Do(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	tab.Do(t, chromedp.Navigate(s.URL()+"panel/interview_script_platform_backend_001/"))
	Wait[bool](t, tab, `document.documentElement.dataset.kitgenLive === "connected"`, 5*time.Second)

	save(bytes.Replace(good, []byte("(30–45 mins)"), []byte("(45–30 mins)"), 1))
	where := Wait[string](t, tab, `document.querySelector("#kitgen-overlay .kitgen-where")?.textContent`, 5*time.Second)
	const want = "content/scripts/interview_script_platform_backend_001.md:12:20"
	if where != want {
		t.Errorf("the overlay names %q, want %q", where, want)
	}
	// The path is all on screen: nothing of it cut off or past the edge,
	// and the overlay does not scroll sideways.
	type box struct{ Right, Width, ScrollWidth, ClientWidth, Overflow float64 }
	b := Eval[box](t, tab, `(() => {
		const w = document.querySelector("#kitgen-overlay .kitgen-where"), o = document.getElementById("kitgen-overlay");
		const r = w.getBoundingClientRect();
		return {Right: r.right, Width: innerWidth, ScrollWidth: w.scrollWidth, ClientWidth: w.clientWidth, Overflow: o.scrollWidth - o.clientWidth};
	})()`)
	if b.Right > b.Width || b.ScrollWidth > b.ClientWidth || b.Overflow > 0 {
		t.Errorf("on a 390 px screen the path is cut off: %+v", b)
	}
	// The caret is under the time box's "(": the source lines are never
	// wrapped, so what lines up in the text lines up on the screen.
	src := Eval[string](t, tab, `document.querySelector("#kitgen-overlay pre").textContent`)
	var marked, caret string
	for _, l := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(l, ">"):
			marked = l
		case strings.HasSuffix(l, "^"):
			caret = l
		}
	}
	if at := strings.Index(marked, "("); at < 0 || len(caret)-1 != at {
		t.Errorf("the caret is not under the time box:\n%s\n%s", marked, caret)
	}
	if ws := Eval[string](t, tab, `getComputedStyle(document.querySelector("#kitgen-overlay pre")).whiteSpace`); ws != "pre" {
		t.Errorf("the source lines wrap (white-space: %s), which moves the caret", ws)
	}
	tab.Screenshot(t, "serve-overlay-phone", 390, 844)

	tab.Do(t, chromedp.KeyEvent(kb.Escape))
	Wait[bool](t, tab, `!document.getElementById("kitgen-overlay")`, 5*time.Second)
	// Nothing but a build brings it back. (A moment is all this can
	// check; that the event a reconnecting page gets, which lists no
	// changes, keeps it away is the client's "if (b.changed)".)
	Eval[bool](t, tab, `new Promise(r => setTimeout(() => r(true), 300))`)
	if Eval[bool](t, tab, `!!document.getElementById("kitgen-overlay")`) {
		t.Error("the overlay came back without a build")
	}
	// The next build, still broken, shows it again.
	save(bytes.Replace(good, []byte("(30–45 mins)"), []byte("(50–30 mins)"), 1))
	Wait[bool](t, tab, `document.getElementById("kitgen-overlay")?.innerText.includes("50–30")`, 5*time.Second)
	// The button does what Esc does, for a phone without one.
	tab.Do(t, chromedp.Click(chromedp.CSS(`#kitgen-overlay button`)))
	Wait[bool](t, tab, `!document.getElementById("kitgen-overlay")`, 5*time.Second)
	tab.Do(t, chromedp.EmulateViewport(1280, 900))
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
