package seal

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"kitgen/generator/theme"
)

// files is an Output that keeps what it is given.
type files struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (f *files) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]byte{}
	}
	f.m[name] = data
	return nil
}

// sealedPage is the default theme's sealed page.
func sealedPage(t testing.TB) *theme.Page {
	t.Helper()
	th, err := theme.Open(t.TempDir(), "default")
	if err != nil {
		t.Fatal(err)
	}
	page, err := th.Template("panel/sealed.html")
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func newSealer(t testing.TB, k *Key) *Sealer {
	return &Sealer{
		Key:  func() (*Key, error) { return k, nil },
		Page: sealedPage(t),
		Site: struct{ Title string }{"Kits"},
		PDF:  func(name string) bool { return name == "panel/a/index.html" },
		Keep: true,
	}
}

var (
	attrRE    = regexp.MustCompile(`data-(salt|check|iterations|tree|root)="([^"]*)"`)
	payloadRE = regexp.MustCompile(`<script type="application/octet-stream" data-sealed-page>([A-Za-z0-9_-]+)</script>`)
)

// stub reads what a sealed page carries.
func stub(t testing.TB, page []byte) (attrs map[string]string, sealed []byte) {
	t.Helper()
	attrs = map[string]string{}
	for _, m := range attrRE.FindAllSubmatch(page, -1) {
		attrs[string(m[1])] = string(m[2])
	}
	m := payloadRE.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no sealed page in\n%s", page)
	}
	sealed, err := b64.DecodeString(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return attrs, sealed
}

func TestSealerWrap(t *testing.T) {
	k := testKey(t, "pass phrase")
	s := newSealer(t, k)
	out := &files{}
	w := s.Wrap(out)
	in := map[string]string{
		"index.html":                         "<h1>Home</h1>",
		"prep/a/index.html":                  "<h1>Prep</h1>",
		"panel/index.html":                   "<h1>SECRET index</h1>",
		"panel/a/index.html":                 "<h1>SECRET guide</h1>",
		"panel/katas/k/index.html":           "<h1>SECRET kata</h1>",
		"panel/a/notes.json":                 `{"SECRET": 1}`,
		"panel/assets/css/kitgen.css":        "body{}",
		"panel/assets/kata/m-scenarios.json": "[]",
		"panel/favicon.ico":                  "ico",
	}
	for n, b := range in {
		if err := w.WriteFile(n, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"index.html", "panel/a/index.html", "panel/a/notes.json.sealed", "panel/assets/css/kitgen.css", "panel/assets/kata/m-scenarios.json", "panel/favicon.ico", "panel/index.html", "panel/katas/k/index.html", "prep/a/index.html"}
	if got := slices.Sorted(maps.Keys(out.m)); !slices.Equal(got, want) {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	for n, b := range out.m {
		if Sealed(strings.TrimSuffix(n, Suffix)) == bytes.Equal(b, []byte(in[n])) {
			t.Errorf("%s: sealed %v, and written as given %v", n, Sealed(n), bytes.Equal(b, []byte(in[n])))
		}
		if bytes.Contains(b, []byte("SECRET")) {
			t.Errorf("%s holds its plaintext", n)
		}
	}
	for n, root := range map[string]string{"panel/index.html": "./", "panel/a/index.html": "../", "panel/katas/k/index.html": "../../"} {
		attrs, sealed := stub(t, out.m[n])
		if attrs["tree"] != "panel" || attrs["root"] != root || attrs["iterations"] != "1000" || attrs["salt"] != b64.EncodeToString(testSalt) || attrs["check"] != b64.EncodeToString(k.Check()) {
			t.Errorf("%s carries %v", n, attrs)
		}
		if !bytes.Contains(out.m[n], []byte(`href="`+root+`assets/css/kitgen.css"`)) {
			t.Errorf("%s does not link the styles at %s", n, root)
		}
		if got := bytes.Contains(out.m[n], []byte(" data-pdf")); got != (n == "panel/a/index.html") {
			t.Errorf("%s offers a PDF: %v", n, got)
		}
		pt, err := k.Open(n, sealed)
		if err != nil || string(pt) != in[n] {
			t.Errorf("%s opens to %q, %v", n, pt, err)
		}
	}
	if pt, err := k.Open("panel/a/notes.json", out.m["panel/a/notes.json.sealed"]); err != nil || string(pt) != in["panel/a/notes.json"] {
		t.Errorf("notes.json.sealed opens to %q, %v", pt, err)
	}
	if got := slices.Sorted(maps.Keys(s.Plain())); !slices.Equal(got, []string{"panel/a/index.html", "panel/index.html", "panel/katas/k/index.html"}) {
		t.Errorf("kept the plaintext of %q", got)
	}

	// The same files again give the same bytes; guide.pdf, sealed after.
	again := &files{}
	w = newSealer(t, testKey(t, "pass phrase")).Wrap(again)
	for n, b := range in {
		_ = w.WriteFile(n, []byte(b))
	}
	for n, b := range out.m {
		if !bytes.Equal(b, again.m[n]) {
			t.Errorf("%s differs from one build to the next", n)
		}
	}
	pdfs, err := s.Seal(map[string][]byte{"panel/a/guide.pdf": []byte("%PDF SECRET")})
	if err != nil {
		t.Fatal(err)
	}
	if pt, err := k.Open("panel/a/guide.pdf", pdfs["panel/a/guide.pdf.sealed"]); err != nil || string(pt) != "%PDF SECRET" {
		t.Errorf("guide.pdf.sealed opens to %q, %v", pt, err)
	}
}

// TestBrowserCodeOpensGoSealed runs the pages' own script under Node on
// pages sealed here, at the real iteration count: the passphrase found
// right, the page's name from its address, the page opened; a wrong
// passphrase and a page moved elsewhere fail.
func TestBrowserCodeOpensGoSealed(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("KITGEN_E2E") == "1" {
			t.Fatal("no node and KITGEN_E2E=1: install Debian's nodejs")
		}
		t.Skip("no node: install Debian's nodejs to test the pages' script")
	}
	k, err := NewKey("tulip élan outcast", testSalt, Iterations)
	if err != nil {
		t.Fatal(err)
	}
	out := &files{}
	w := newSealer(t, k).Wrap(out)
	guide := "<!doctype html><h1>Guide — “quoted” ✓</h1>" + strings.Repeat("<p>A question?</p>", 5000)
	_ = w.WriteFile("panel/sre_001/index.html", []byte(guide))
	_ = w.WriteFile("panel/index.html", []byte("<h1>Index</h1>"))
	pdf := k.Seal("panel/sre_001/guide.pdf", []byte("%PDF-1.7 bytes \x00\xff"))

	type page struct {
		Tree, Root, Salt, Check, Sealed, Href string
		Iterations                            int
	}
	type input struct {
		Passphrases []string
		Pages       []page
		PDF         string
	}
	in := input{
		// The right one typed in the other Unicode form, after a wrong
		// one.
		Passphrases: []string{"tulip elan outcast", "tulip e\u0301lan outcast"},
		PDF:         b64.EncodeToString(pdf),
	}
	for _, c := range []struct{ name, href string }{
		{"panel/sre_001/index.html", "https://kits.example/hiring/panel/sre_001/"},
		{"panel/sre_001/index.html", "file:///srv/public/panel/sre_001/index.html"},
		{"panel/index.html", "https://kits.example/panel/"},
		// Moved to another guide's address. (A page moved to another
		// depth does not even load its script, which it links relatively.)
		{"panel/sre_001/index.html", "https://kits.example/panel/sre_002/"},
	} {
		attrs, sealed := stub(t, out.m[c.name])
		p := page{Tree: attrs["tree"], Root: attrs["root"], Salt: attrs["salt"], Check: attrs["check"], Sealed: b64.EncodeToString(sealed), Href: c.href}
		p.Iterations = Iterations
		in.Pages = append(in.Pages, p)
	}
	b, _ := json.Marshal(in)
	cmd := exec.Command(node, filepath.Join("testdata", "open.mjs"))
	cmd.Stdin = bytes.NewReader(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var got struct {
		Wrong  bool
		Pages  []string
		PDF    string
		Errors []string
	}
	if err := json.Unmarshal(res, &got); err != nil {
		t.Fatalf("%v: %s", err, res)
	}
	if !got.Wrong {
		t.Error("a wrong passphrase unlocked the site")
	}
	want := []string{guide, guide, "<h1>Index</h1>", ""}
	if !slices.Equal(got.Pages, want) {
		for i := range want {
			if i >= len(got.Pages) || got.Pages[i] != want[i] {
				t.Errorf("page %d (%s) opened to %.60q, want %.60q", i, in.Pages[i].Href, got.Pages[min(i, len(got.Pages)-1)], want[i])
			}
		}
	}
	if got.PDF != b64.EncodeToString([]byte("%PDF-1.7 bytes \x00\xff")) {
		t.Errorf("guide.pdf opened to %q", got.PDF)
	}
	t.Logf("node: %s", strings.Join(got.Errors, "; "))
}
