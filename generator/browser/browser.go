// Package browser drives headless Chromium for kitgen's browser tests: it
// finds the browser or skips the test, serves a built folder over HTTP the
// way a plain static server would, collects the page's console errors and
// saves screenshots for people to look at.
package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kitgen/generator/pdf"
)

// Required is the environment variable that turns a missing browser from a
// skip into a failure, as CI sets it.
const Required = "KITGEN_E2E"

// Shots is the environment variable naming a folder for screenshots;
// without it, Screenshot takes none.
const Shots = "KITGEN_SCREENSHOTS"

// Find returns the Chromium to run: $KITGEN_CHROMIUM when set, else the
// first of the usual names on the PATH; "" when there is none.
func Find() string { return pdf.Find() }

// Tab is a tab of a headless Chromium started for one test.
type Tab struct {
	// Ctx runs chromedp actions in the tab.
	Ctx context.Context

	mu      sync.Mutex
	console []string
}

// Start starts a headless Chromium with a fresh profile, for at most
// timeout, and returns a tab in it; the browser ends with the test. It
// skips t when no Chromium is installed, and fails it when KITGEN_E2E=1.
func Start(t testing.TB, timeout time.Duration) *Tab {
	t.Helper()
	path := Find()
	if path == "" {
		if os.Getenv(Required) == "1" {
			t.Fatalf("no Chromium found and %s=1: install Debian's chromium (apt-get install chromium)", Required)
		}
		t.Skipf("no Chromium found: install Debian's chromium to run the browser tests (%s=1 makes this a failure)", Required)
	}
	opts := append(pdf.Options(path, t.TempDir()), chromedp.WindowSize(1280, 900))
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
	})
	tab := &Tab{Ctx: tctx}
	// Subscribing starts the browser; watching from the first moment means
	// no message of the first page is lost.
	messages := chromedp.Console(tctx)
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type != chromedp.ConsoleError && m.Type != chromedp.ConsoleException {
				continue
			}
			tab.mu.Lock()
			tab.console = append(tab.console, fmt.Sprintf("%s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
			tab.mu.Unlock()
		}
	}()
	return tab
}

// Do runs actions in the tab and fails t on the first error.
func (tab *Tab) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab.Ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the tab, awaiting a promise,
// and decodes its value.
func Eval[T any](t testing.TB, tab *Tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// Wait waits until a JavaScript expression is truthy and returns its value.
func Wait[T any](t testing.TB, tab *Tab, expr string, timeout time.Duration) T {
	t.Helper()
	v, err := chromedp.Run(tab.Ctx, chromedp.Poll[T](expr, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		t.Fatalf("waiting for %s: %v", expr, err)
	}
	return v
}

// ConsoleErrors are the errors and uncaught exceptions the tab's pages
// reported so far.
func (tab *Tab) ConsoleErrors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.console...)
}

// Screenshot saves a full-page PNG of the tab at the given viewport size
// as $KITGEN_SCREENSHOTS/name.png, and does nothing without that variable.
// It leaves the viewport at that size.
func (tab *Tab) Screenshot(t testing.TB, name string, width, height int64) {
	t.Helper()
	dir := os.Getenv(Shots)
	if dir == "" {
		return
	}
	tab.Do(t, chromedp.EmulateViewport(width, height))
	// Let the layout settle at the new width before the capture.
	Eval[bool](t, tab, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	png, err := chromedp.Run(tab.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	save(t, dir, name, png)
}

// ScreenshotOf saves a PNG of the first element that selector matches,
// at the viewport's size as it is, as $KITGEN_SCREENSHOTS/name.png; a part
// of a long page is easier to look at than the whole. It does nothing
// without that variable.
func (tab *Tab) ScreenshotOf(t testing.TB, name, selector string) {
	t.Helper()
	dir := os.Getenv(Shots)
	if dir == "" {
		return
	}
	png, err := chromedp.Run(tab.Ctx, chromedp.Screenshot(chromedp.CSS(selector)))
	if err != nil {
		t.Fatal(err)
	}
	save(t, dir, name, png)
}

func save(t testing.TB, dir, name string, png []byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}

// Server serves a folder as a plain static server does, and records what
// was asked of it.
type Server struct {
	URL string

	mu   sync.Mutex
	hits []Hit
}

// Hit is one response: the path asked for and the bytes sent.
type Hit struct {
	Path  string
	Bytes int
}

// Serve serves dir over HTTP until the test ends.
func Serve(t testing.TB, dir string) *Server {
	s := &Server{}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		files.ServeHTTP(cw, r)
		s.mu.Lock()
		s.hits = append(s.hits, Hit{Path: r.URL.Path, Bytes: cw.n})
		s.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Hits are the responses so far, in order.
func (s *Server) Hits() []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Hit(nil), s.hits...)
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}
