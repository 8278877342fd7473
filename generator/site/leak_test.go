package site

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"kitgen/generator/audience"
)

// unpack writes a txtar site into a temporary folder.
func unpack(t testing.TB, archive string) string {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func generate(t testing.TB, dir string, trees Trees) *Files {
	t.Helper()
	out := &Files{}
	if _, errs := Generate(dir, trees, out); errs.HasErrors() {
		t.Fatalf("build failed:\n%v", errs)
	}
	return out
}

func treeText(out *Files, prefix string) []byte {
	var all []byte
	for _, n := range out.Names() {
		if strings.HasPrefix(n, prefix) {
			b, _ := out.Get(n)
			all = append(all, b...)
		}
	}
	return all
}

var (
	canaryRE    = regexp.MustCompile(`(?i)canary[a-z0-9_\-]*`)
	candidateRE = regexp.MustCompile(`\bCANDIDATE_[A-Z_]+`)
)

func TestNoPanelCanaryReachesPrep(t *testing.T) {
	archive := filepath.Join("testdata", "leak.txtar")
	src, _ := os.ReadFile(archive)
	dir := unpack(t, archive)
	cr := filepath.Join(dir, "content", "scripts", "cr.md")
	b, err := os.ReadFile(cr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cr, bytes.ReplaceAll(b, []byte("\n"), []byte("\r")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := generate(t, dir, audience.Both)

	for _, n := range out.Names() {
		if !strings.HasPrefix(n, "prep/") {
			continue
		}
		b, _ := out.Get(n)
		if m := canaryRE.Find(b); m != nil {
			i := bytes.Index(b, m)
			t.Errorf("%s leaks %q: …%s…", n, m, b[max(0, i-80):min(len(b), i+80)])
		}
	}

	panel := treeText(out, "panel/")
	// Marked for nobody (contradicting marks), or dropped for everyone.
	nobody := map[string]bool{
		"CANARY_NESTED_PANEL": true, "CANARY_NESTED_CANDIDATE": true,
		"CANARY_CANDIDATE_IN_PANEL_SECTION": true, "CANARY_PANEL_IN_CANDIDATE_SECTION": true, "CANARY_CANDIDATE_IN_ADMONITION": true,
		"CANARY_COMMENT": true, "CANARY_RAW_HTML": true, "canary-ref": true, "canary": true,
		"CANARY_PRIVATE_DOMAIN": true,
	}
	body := src[bytes.Index(src, []byte("\n-- ")):]
	for _, c := range canaryRE.FindAll(body, -1) {
		c := string(c)
		if nobody[c] {
			if strings.HasPrefix(c, "CANARY_NESTED") || strings.Contains(c, "_IN_") {
				if bytes.Contains(panel, []byte(c)) {
					t.Errorf("%q is marked for nobody but reached the panel", c)
				}
			}
			continue
		}
		if !bytes.Contains(panel, []byte(c)) {
			t.Errorf("panel guide lacks %q", c)
		}
	}

	prep := treeText(out, "prep/")
	for _, c := range candidateRE.FindAll(src, -1) {
		if !bytes.Contains(prep, c) {
			t.Errorf("prep lacks candidate line %q", c)
		}
	}
	if _, ok := out.Get("prep/private/index.html"); ok {
		t.Error("a private kit has a prep page")
	}
	idx, _ := out.Get("prep/index.html")
	if bytes.Contains(idx, []byte("unlisted")) {
		t.Error("prep index lists an unlisted kit")
	}
	unl, _ := out.Get("prep/unlisted/index.html")
	if !bytes.Contains(unl, []byte(`name="robots" content="noindex`)) {
		t.Error("unlisted prep page is not noindex")
	}
	// The index card counts what the candidate's agenda counts: not the
	// 10 minutes of the panel's section.
	if !bytes.Contains(idx, []byte("<strong>Leak test interview</strong><span>25–30 min</span>")) {
		t.Errorf("prep index card of leaky is not its agenda's 25–30 min:\n%s", idx)
	}
	// An id numbered after a heading the candidate never sees would say
	// that it exists.
	if page, _ := out.Get("prep/classes/index.html"); !bytes.Contains(page, []byte(`id="same-title"`)) {
		t.Errorf("the candidate's Same title heading is not id=same-title:\n%s", page)
	}
	for _, n := range out.Names() {
		if b, _ := out.Get(n); strings.HasPrefix(n, "prep/") && bytes.Contains(b, []byte("panel/")) {
			t.Errorf("%s points into panel/", n)
		}
	}
}

func TestOnlyPrepBuildsNoPanel(t *testing.T) {
	out := generate(t, unpack(t, filepath.Join("testdata", "leak.txtar")), audience.Candidate)
	for _, n := range out.Names() {
		if strings.HasPrefix(n, "panel/") {
			t.Fatalf("--only prep wrote %s", n)
		}
	}
	if _, ok := out.Get("prep/leaky/index.html"); !ok {
		t.Fatal("no prep page")
	}
}
