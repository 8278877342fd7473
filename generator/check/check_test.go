package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

func unpack(t *testing.T, a *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range a.Files {
		if f.Name == "want" {
			continue
		}
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

// TestRules runs each rule's fixture (testdata/RULE.txtar): the findings of
// that rule must be exactly the file's want lines, hints left out.
func TestRules(t *testing.T) {
	for _, r := range Rules {
		t.Run(r.Name, func(t *testing.T) {
			a, err := txtar.ParseFile(filepath.Join("testdata", r.Name+".txtar"))
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, f := range a.Files {
				if f.Name == "want" {
					want = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
				}
			}
			s, errs := content.Load(unpack(t, a))
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			var got []string
			for _, d := range Site(markdown.New(), s, Options{Notes: true}) {
				if d.Rule == r.Name {
					d.Hint = ""
					got = append(got, d.Error())
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestBadInputIsAFindingNotACrash runs the build's bad-input fixtures
// through check: each gives at least one error.
func TestBadInputIsAFindingNotACrash(t *testing.T) {
	archives, _ := filepath.Glob(filepath.Join("..", "site", "testdata", "bad", "*.txtar"))
	if len(archives) == 0 {
		t.Fatal("no fixtures")
	}
	for _, archive := range archives {
		a, err := txtar.ParseFile(archive)
		if err != nil {
			t.Fatal(err)
		}
		s, findings := content.Load(unpack(t, a))
		if s != nil {
			findings = append(findings, Site(markdown.New(), s, Options{})...)
		}
		if !findings.HasErrors() {
			t.Errorf("%s: no error found", filepath.Base(archive))
		}
	}
}

func TestEveryRuleIsInTheREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		if !strings.Contains(string(readme), "| `"+r.Name+"` |") {
			t.Errorf("README.md does not document rule %s", r.Name)
		}
	}
}
