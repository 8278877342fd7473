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
	"kitgen/generator/internal/testsite"
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
		{"seed", testsite.New(t, true), "interview_script_atlas_001", 6, 9},
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
				if kit.name == "seed" {
					// The scorecard is a page of its own, to hand in.
					if last := pages[len(pages)-1]; !strings.Contains(last, "confidential Scorecard Rate each competency") || !strings.Contains(last, "Overall recommendation") {
						t.Errorf("the scorecard is not the last page, whole: %s", last)
					}
					// The section that names the kata prints it: its
					// statement and interface, and the panel's guidance.
					for _, want := range []string{"Build the heart of an exchange", "price-time priority", "Submit(o Order)", "Depth() (bids, asks []Level)",
						"Strong answers name a sorted structure", "Follow-ups when time allows", "Crossed book", "(see the kata brief below)"} {
						if !strings.Contains(all, want) {
							t.Errorf("the kata's %q is not in the PDF", want)
						}
					}
				}
				for _, screen := range []string{"All guides", "Replay the scenarios", "Built with kitgen", "Competencies from", "kept in this browser", "candidate's view"} {
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

// TestQuestionFormsPrint prints a kit that asks in every form kitgen
// knows, and one that is a real public document, and measures on paper
// the room after each question: ruled lines follow a question written as
// a paragraph, an imperative prompt and a short numbered question, and
// none follow an instruction to the interviewer or a rubric line. The
// kits' admonitions are on paper, and on screen.
func TestQuestionFormsPrint(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv(Required) == "1" {
			t.Fatalf("no pdftotext and %s=1: install Debian's poppler-utils", Required)
		}
		t.Skip("no pdftotext: install Debian's poppler-utils to read the printed guides")
	}
	tab := Start(t, 60*time.Second)
	srv := Serve(t, buildPanel(t, filepath.Join("testdata", "questions")))
	file := printTo(t, tab, srv.URL+"/questions_001/", "questions-A4")
	all := strings.Join(pdfPages(t, file), " ")
	ws := pdfWords(t, file)
	// Three ruled lines 8 mm apart are 68 pt; a line of text is 15.
	const room = 50
	for _, q := range []string{"QPARA", "QTELL", "QDESCRIBE", "QWALK", "QEXPLAIN", "QGIVE", "QSHARE", "QNUMONE", "QNUMTWO"} {
		if gap := gapAfter(t, ws, q); gap < room {
			t.Errorf("%s has %.0f pt below it, no room for notes", q, gap)
		}
	}
	for _, q := range []string{"QASK", "QRUBRIC", "QNOTE"} {
		if gap := gapAfter(t, ws, q); gap >= room {
			t.Errorf("%s is no question but has %.0f pt of notes below it", q, gap)
		}
	}
	for _, want := range []string{"TIP QTIPTITLE Before you start", "QTIPBODY", "CAUTION", "QCAUTION"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q is not on paper", want)
		}
	}
	// A long blank's label ends before the text after the blank, which
	// follows on the same line: on paper…
	next := find(t, ws, "Interviewers:", 0)
	label := find(t, ws, "LINK", next.page)
	if next.y0 < label.y1 && label.x1 > next.x0 {
		t.Errorf("the blank's label (to %.0f pt) runs under the next words (from %.0f pt)", label.x1, next.x0)
	}
	// …and on screen.
	if overlap := Eval[bool](t, tab, `(() => {
		const label = [...document.querySelectorAll(".kg-blank-label")].find(e => e.textContent.includes("Video Link")).getBoundingClientRect();
		const text = document.evaluate("//text()[contains(., 'Interviewers:')]", document, null, 9, null).singleNodeValue;
		const r = document.createRange();
		r.setStart(text, text.data.indexOf("Interviewers:"));
		r.setEnd(text, text.data.indexOf("Interviewers:") + 13);
		const next = r.getBoundingClientRect();
		return next.top < label.bottom && label.right > next.left && label.left < next.right;
	})()`); overlap {
		t.Error("on screen the blank's label runs under the next words")
	}
	// On screen the callouts are labelled notes.
	if got := Eval[[]string](t, tab, `[...document.querySelectorAll('.kg-admonition[role=note]')].filter(e => e.offsetHeight > 0).map(e => e.querySelector('.kg-admonition-title').innerText)`); len(got) != 2 {
		t.Errorf("callouts on screen: %q, want the tip and the caution", got)
	}

	real := filepath.Join("..", "..", "..", "shared", "realworld")
	if _, err := os.Stat(real); err != nil {
		t.Skipf("no %s (the shared test data): the real documents are not printed", real)
	}
	srv = Serve(t, buildPanel(t, realSite(t, real)))
	file = printTo(t, tab, srv.URL+"/tih_interviewer_cheatsheet/", "cheatsheet-A4")
	if all := strings.Join(pdfPages(t, file), " "); !strings.Contains(all, "CAUTION If you are an interview candidate") {
		t.Errorf("the cheatsheet's caution is not on paper:\n%s", all)
	}
	file = printTo(t, tab, srv.URL+"/tih_behavioral_questions/", "behavioral-A4")
	ws = pdfWords(t, file)
	for _, q := range []string{"deadline.", "news.", "dealt"} {
		if gap := gapAfter(t, ws, q); gap < room {
			t.Errorf("the behavioural question ending %q has %.0f pt below it, no room for notes", q, gap)
		}
	}
}

// realSite makes a site of the real documents in dir in a temporary
// folder: their files as content, the README of their sources left out.
func realSite(t *testing.T, dir string) string {
	t.Helper()
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range files {
		if filepath.Base(f) == "README.md" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "content", filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// printTo prints url on A4 into a temporary file, kept as name.pdf in
// $KITGEN_SCREENSHOTS when it is set.
func printTo(t *testing.T, tab *Tab, url, name string) string {
	t.Helper()
	b, err := pdf.Print(tab.Ctx, url, pdf.A4)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv(Shots); dir != "" {
		if os.MkdirAll(dir, 0o755) == nil && os.WriteFile(filepath.Join(dir, name+".pdf"), b, 0o644) == nil {
			t.Logf("kept %s", filepath.Join(dir, name+".pdf"))
		}
	}
	return file
}

// word is a word on a printed page and its box, in points from the
// page's top left.
type word struct {
	page           int
	text           string
	x0, y0, x1, y1 float64
}

func pdfWords(t *testing.T, file string) []word {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var ws []word
	page := 0
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
		case "word":
			w := word{page: page}
			for _, a := range e.Attr {
				v, _ := strconv.ParseFloat(a.Value, 64)
				switch a.Name.Local {
				case "xMin":
					w.x0 = v
				case "yMin":
					w.y0 = v
				case "xMax":
					w.x1 = v
				case "yMax":
					w.y1 = v
				}
			}
			_ = d.DecodeElement(&w.text, &e)
			ws = append(ws, w)
		}
	}
	return ws
}

// gapAfter is the room below the line of the first word that holds
// marker: down to the next word on its page, or to the page's running
// footer.
func gapAfter(t *testing.T, ws []word, marker string) float64 {
	t.Helper()
	for _, w := range ws {
		if !strings.Contains(w.text, marker) {
			continue
		}
		next := -1.0
		for _, o := range ws {
			if o.page == w.page && o.y0 > w.y1+1 && (next < 0 || o.y0 < next) {
				next = o.y0
			}
		}
		return next - w.y1
	}
	t.Errorf("%s is not on paper", marker)
	return 0
}

// find is the first word on paper that holds s, on the given page or,
// with page 0, on any.
func find(t *testing.T, ws []word, s string, page int) word {
	t.Helper()
	for _, w := range ws {
		if strings.Contains(w.text, s) && (page == 0 || w.page == page) {
			return w
		}
	}
	t.Fatalf("%q is not on paper", s)
	return word{}
}
