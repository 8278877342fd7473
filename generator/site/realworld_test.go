package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kitgen/generator/audience"
)

// TestRealDocumentsBuild builds the public interview documents in
// ../shared/realworld (each with kitgen's frontmatter added, nothing
// else changed) as a site, leak gate included: Docusaurus admonitions,
// Jekyll frontmatter, raw HTML and all. It reads them where they are and
// copies them only into a temporary site.
func TestRealDocumentsBuild(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realworld")
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) == 0 {
		t.Skipf("no documents in %s (the shared test data): skipping the real-world build", dir)
	}
	src := t.TempDir()
	content := filepath.Join(src, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "README.md" {
			continue // where the documents come from
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(content, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	out := &Files{}
	st, errs := Generate(src, audience.Both, out)
	if errs.HasErrors() {
		t.Fatalf("the real documents do not build:\n%v", errs)
	}
	if st.Kits != n {
		t.Errorf("%d kits built of %d documents", st.Kits, n)
	}
	// Five of them have no title: their cards must tell them apart.
	idx, _ := out.Get("prep/index.html")
	if strings.Count(string(idx), "<strong>Interview</strong>") > 0 {
		t.Errorf("a prep card is called plain Interview:\n%s", idx)
	}
	guide, _ := out.Get("panel/tih_interviewer_cheatsheet/index.html")
	if !strings.Contains(string(guide), `<div class="kg-admonition kg-caution" role="note">`) {
		t.Error("the cheatsheet's :::caution is no callout in its guide")
	}
}
