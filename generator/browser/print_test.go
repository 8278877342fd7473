package browser

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kitgen/generator/audience"
	"kitgen/generator/content"
	"kitgen/generator/markdown"
	"kitgen/generator/pdf"
	"kitgen/generator/site"
)

// edge is how close to the paper's edge text may come: office printers
// leave the outer 4 mm or so blank.
const edge = 4 / 25.4 * 72 // points

// TestPanelGuidePrints prints the seed's panel guide and a long kit on A4
// and US Letter, as a panel member does from the browser, and reads the
// PDFs back with pdftotext: the page count, every section, the running
// header on every page, nothing of the screen, and no text past the
// paper's printable area.
func TestPanelGuidePrints(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv(Required) == "1" {
			t.Fatalf("no pdftotext and %s=1: install Debian's poppler-utils", Required)
		}
		t.Skip("no pdftotext: install Debian's poppler-utils to read the printed guides")
	}
	tab := Start(t, 60*time.Second)
	for _, kit := range []struct {
		name, src, slug string
		// pages bounds the page count on either paper.
		minPages, maxPages int
	}{
		{"seed", filepath.Join("..", ".."), "interview_script_atlas_001", 5, 7},
		{"long", filepath.Join("testdata", "longkit"), "long_001", 11, 15},
	} {
		id, titles := panelSections(t, kit.src, kit.slug)
		srv := Serve(t, buildPanel(t, kit.src))
		for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
			t.Run(kit.name+"/"+paper.Name, func(t *testing.T) {
				start := time.Now()
				b, err := pdf.Print(tab.Ctx, srv.URL+"/"+kit.slug+"/", paper)
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(t.TempDir(), "guide.pdf")
				if err := os.WriteFile(file, b, 0o644); err != nil {
					t.Fatal(err)
				}
				if dir := os.Getenv(Shots); dir != "" {
					keep := filepath.Join(dir, kit.name+"-"+paper.Name+".pdf")
					if err := os.MkdirAll(dir, 0o755); err == nil && os.WriteFile(keep, b, 0o644) == nil {
						t.Logf("kept %s", keep)
					}
				}
				// The page is still loaded, on screen.
				if Eval[bool](t, tab, `!document.querySelector("button[data-print]") || document.querySelector("button[data-print]").hidden`) {
					t.Error("no Print button on screen")
				}
				pages := pdfPages(t, file)
				t.Logf("%s on %s: %d pages, %d KB, printed in %v", kit.name, paper.Name, len(pages), len(b)>>10, time.Since(start).Round(time.Millisecond))
				if len(pages) < kit.minPages || len(pages) > kit.maxPages {
					t.Errorf("%d pages, want %d to %d", len(pages), kit.minPages, kit.maxPages)
				}
				all := strings.Join(pages, " ")
				for _, title := range titles {
					if !strings.Contains(all, title) {
						t.Errorf("section %q is not in the PDF", title)
					}
				}
				// Labels set in capitals by CSS come out in capitals.
				for _, want := range []string{"Scorecard", "Overall recommendation", "Strong no", "Strong yes", "Candidate name"} {
					if !strings.Contains(strings.ToLower(all), strings.ToLower(want)) {
						t.Errorf("%q is not in the PDF", want)
					}
				}
				for _, screen := range []string{"All guides", "Replay the scenarios", "Built with kitgen"} {
					if strings.Contains(all, screen) {
						t.Errorf("the screen's %q is on paper", screen)
					}
				}
				for i, p := range pages {
					for _, want := range []string{id, "Panel only — confidential", fmt.Sprintf("Page %d of %d", i+1, len(pages))} {
						if !strings.Contains(p, want) {
							t.Errorf("page %d lacks %q", i+1, want)
						}
					}
				}
				for _, w := range outOfBounds(t, file, paper) {
					t.Errorf("text at the paper's edge: %s", w)
				}
			})
		}
	}
}

// panelSections returns a kit's id and the titles of the sections its
// panel guide shows, read from the source.
func panelSections(t *testing.T, src, slug string) (string, []string) {
	t.Helper()
	loaded, errs := content.Load(src)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	katas := content.IndexKatas(loaded.Katas)
	for _, p := range loaded.Scripts {
		if p.Slug != slug {
			continue
		}
		doc, _ := content.Parse(markdown.New(), p, katas)
		var titles []string
		for _, s := range doc.Sections {
			if s.TitleFor.Has(audience.Panel) {
				titles = append(titles, strings.Join(strings.Fields(s.Title), " "))
			}
		}
		return p.ID, titles
	}
	t.Fatalf("no kit %s in %s", slug, src)
	return "", nil
}

func buildPanel(t *testing.T, src string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Source: src, Dest: dest, Trees: audience.Panel}); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dest, "panel")
}

// pdfPages is the text of each page, its whitespace collapsed so that a
// title broken over two lines still reads whole.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if pages[len(pages)-1] == "" {
		pages = pages[:len(pages)-1]
	}
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

// outOfBounds lists the words whose box comes closer than edge to the
// paper's edge, or lies past it: text cut by the page.
func outOfBounds(t *testing.T, file string, paper pdf.Paper) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var bad []string
	var w, h float64
	page := 0
	attr := func(e xml.StartElement, name string) float64 {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				v, _ := strconv.ParseFloat(a.Value, 64)
				return v
			}
		}
		return 0
	}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "page":
			page++
			w, h = attr(e, "width"), attr(e, "height")
			if want := paper.Width * 72; w < want-1 || w > want+1 {
				t.Errorf("page %d is %.0f pt wide, want %s's %.0f", page, w, paper.Name, want)
			}
		case "word":
			x0, y0, x1, y1 := attr(e, "xMin"), attr(e, "yMin"), attr(e, "xMax"), attr(e, "yMax")
			if x0 < edge || y0 < edge || x1 > w-edge || y1 > h-edge {
				var text string
				_ = d.DecodeElement(&text, &e)
				bad = append(bad, fmt.Sprintf("page %d: %q at (%.0f, %.0f)–(%.0f, %.0f) on %.0f × %.0f pt", page, text, x0, y0, x1, y1, w, h))
			}
		}
	}
	return bad
}
