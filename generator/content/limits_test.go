package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func TestDepth(t *testing.T) {
	for _, c := range []struct {
		line string
		want int
	}{
		{"plain text\n", 0},
		{"- item\n", 1},
		{"  - nested\n", 2},
		{"    - deeper\n", 3},
		{"\t- tab\n", 3},
		{"> quote\n", 1},
		{"> > > quote\n", 4},
		{">>> mail quote\n", 3},
		{"1. one\n", 1},
		{"   1) two\n", 3},
		{"- 1. * + x\n", 6},
		{"                                        code, no marker\n", 0},
		{"**bold**\n", 0},
		{"-1 below zero\n", 0},
		{"---\n", 0},
		{"1234567890. not a marker\n", 0},
		{"-\n", 1},
	} {
		if got := depth([]byte(c.line)); got != c.want {
			t.Errorf("depth(%q) = %d, want %d", c.line, got, c.want)
		}
	}
}

func TestCheckNestingNamesTheLine(t *testing.T) {
	var b strings.Builder
	for i := range MaxNesting + 5 {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	err := checkNesting("a.md", []byte(b.String()), 7)
	if err == nil || !strings.HasPrefix(err.Error(), "a.md:107: error: lists or block quotes nest more than 100 deep") {
		t.Errorf("err = %v", err)
	}
	if err := checkNesting("a.md", []byte(strings.Repeat("  - x\n", 10000)), 1); err != nil {
		t.Errorf("a long shallow list: %v", err)
	}
}

// FuzzNestingNeverUndercounts checks the pre-scan against goldmark: no
// list or block quote goldmark builds is nested deeper than the deepest
// line the pre-scan counted, so nothing deeper than MaxNesting reaches
// the parser.
func FuzzNestingNeverUndercounts(f *testing.F) {
	for _, s := range []string{
		"- a\n  - b\n    - c\n",
		"> a\n> > b\n> > > c\nlazy\n",
		"1. a\n   1. b\n      - c\n",
		"- > - > x\n  > - y\n",
		"-\n  -\n    -\n      x\n",
		"\t-\ta\n\t\t-\tb\n",
		"* * *\n- - - x\n",
		"10) a\n    10) b\n        - c\n",
	} {
		f.Add(s)
	}
	md := goldmark.New()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		counted := 0
		for line := range strings.Lines(s) {
			counted = max(counted, depth([]byte(line)))
		}
		doc := md.Parser().Parse(text.NewReader([]byte(s)))
		deepest := 0
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			d := 0
			for p := n; p != nil; p = p.Parent() {
				if p.Kind() == ast.KindList || p.Kind() == ast.KindBlockquote {
					d++
				}
			}
			deepest = max(deepest, d)
			return ast.WalkContinue, nil
		})
		if deepest > counted {
			t.Errorf("goldmark nests %d deep, the pre-scan counted %d, in %q", deepest, counted, s)
		}
	})
}

func TestCheckBrackets(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
	}{
		{"links", "ok\n\n" + strings.Repeat("[a](", 6000) + "\n", `a.md:12: error: this line has too many links without an end`},
		{"images, pointy", strings.Repeat("![a](<", 6000) + "\n", `a.md:10: error: this line has too many links without an end`},
		{"nested", strings.Repeat("[", 17000) + "x" + strings.Repeat("]", 17000) + "\n", `a.md:10: error: brackets nest too deep here`},
		{"nested over lines", strings.Repeat("[\n", 17000) + strings.Repeat("]\n", 17000), `a.md:\d+: error: brackets nest too deep here`},
		{"label lines", "ok\n\n" + strings.Repeat("[a]\n", 23000), `a.md:12: error: this paragraph has too many lines holding ']'`},
		{"placeholders in a quote", "> intro\n>\n" + strings.Repeat("> [Interviewer Name]\n", 23000), `a.md:12: error: this paragraph`},
		{"real links", strings.Repeat("See [the guide](https://example.com/guide \"t\") and [Name]. ", 20000), ""},
		{"many short paragraphs", strings.Repeat("[a]\n[b](c)\n\n", 100000), ""},
		{"a long list of links", strings.Repeat("- [a link](https://example.com/x) and [Name]\n", 20000), ""},
		{"stray brackets", strings.Repeat("]]]]]]]] (((( ", 50000), ""},
		{"escaped", strings.Repeat(`\[a\](`, 20000), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkBrackets("a.md", []byte(c.body), 10)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || !regexp.MustCompile(c.want).MatchString(err.Error())):
				t.Errorf("err = %v, want %s", err, c.want)
			}
		})
	}
}

// TestLimitsPassRealMarkdown: no script or markdown document at hand
// comes near a limit: this project's content and the shared real-world
// scripts, when they are there.
func TestLimitsPassRealMarkdown(t *testing.T) {
	var files []string
	for _, dir := range []string{filepath.Join("..", "..", "content"), filepath.Join("..", "..", "..", "shared")} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 10 {
		t.Skipf("only %d markdown files found", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkNesting(f, b, 1); err != nil {
			t.Error(err)
		}
		if err := checkBrackets(f, b, 1); err != nil {
			t.Error(err)
		}
	}
}
