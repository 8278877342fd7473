// Package pdf prints pages to PDF with a headless Chromium, as a panel
// member does from the browser's print dialog: the page's print
// stylesheet decides the layout, its @page margin boxes the running
// header and footer. kitgen build --pdf and the browser tests share it.
package pdf

import (
	"context"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Paper is a sheet size in inches, the unit of Chromium's printToPDF.
type Paper struct {
	Name          string
	Width, Height float64
}

var (
	A4     = Paper{"A4", 210 / 25.4, 297 / 25.4}
	Letter = Paper{"Letter", 8.5, 11}
)

// Find returns the Chromium to run: $KITGEN_CHROMIUM when set, else the
// first of the usual names on the PATH; "" when there is none.
func Find() string {
	if p := os.Getenv("KITGEN_CHROMIUM"); p != "" {
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Options are the flags to run Chromium at path headless with the
// profile in dir: no sandbox, as in containers, and nothing that calls
// home.
func Options(path, dir string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(dir),
	)
}

// Print loads url in the tab of ctx, a chromedp context, and prints it on
// paper. The page's @page rules set the margins; the paper size is the
// printer's, as A4 and Letter offices print the same guide.
func Print(ctx context.Context, url string, paper Paper) ([]byte, error) {
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	// Text laid out in a fallback font breaks pages differently.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("waiting for the fonts of %s: %w", url, err)
	}
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{
		PaperWidth:              paper.Width,
		PaperHeight:             paper.Height,
		GenerateDocumentOutline: ptr(true),
	})
	if err != nil {
		return nil, fmt.Errorf("printing %s on %s: %w", url, paper.Name, err)
	}
	return res.Data, nil
}

func ptr[T any](v T) *T { return &v }

// Browser is a headless Chromium started to print.
type Browser struct {
	ctx     context.Context
	cancels []context.CancelFunc
	dir     string
}

// Start starts the Chromium at path with a fresh profile.
func Start(path string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "kitgen-chromium-")
	if err != nil {
		return nil, err
	}
	b := &Browser{dir: dir}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), Options(path, dir)...)
	b.cancels = append(b.cancels, cancel)
	b.ctx, cancel = chromedp.NewContext(actx)
	b.cancels = append(b.cancels, cancel)
	if err := chromedp.Do(b.ctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return b, nil
}

// Print prints the page at url on paper.
func (b *Browser) Print(url string, paper Paper) ([]byte, error) { return Print(b.ctx, url, paper) }

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	for i := len(b.cancels) - 1; i >= 0; i-- {
		b.cancels[i]()
	}
	_ = os.RemoveAll(b.dir)
}
