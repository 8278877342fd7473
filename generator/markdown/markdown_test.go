package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"
)

func TestExtensions(t *testing.T) {
	testutil.DoTestCaseFile(New(), "testdata/extensions.txt", t, testutil.ParseCliCaseArg()...)
}

func TestFence(t *testing.T) {
	for _, tt := range []struct {
		line              string
		info, name, title string
		ok, titled        bool
	}{
		{line: "::: panel", info: "panel", name: "panel", ok: true},
		{line: ":::panel", info: "panel", name: "panel", ok: true},
		{line: "  ::::: Candidate ::", info: "Candidate", name: "candidate", ok: true},
		{line: ":::", ok: true},
		{line: "::: two words", info: "two words", name: "two", title: "words", ok: true, titled: true},
		{line: "::: {.panel}", info: "{.panel}", ok: true},
		{line: `::: "panel"`, info: `"panel"`, ok: true},
		{line: ":::panel:", info: "panel:", ok: true},
		{line: "    ::: panel", ok: false},
		{line: ":: panel", ok: false},
		{line: "::: 1abc", info: "1abc", ok: true},
		{line: ":::tip Before you start", info: "tip Before you start", name: "tip", title: "Before you start", ok: true, titled: true},
		{line: ":::TIP[Before you start]", info: "TIP[Before you start]", name: "tip", title: "Before you start", ok: true, titled: true},
		{line: "::: warning [ Mind the gap ] :::", info: "warning [ Mind the gap ]", name: "warning", title: "Mind the gap", ok: true, titled: true},
		{line: ":::tip[]", info: "tip[]", name: "tip", ok: true, titled: true},
		{line: ":::tip[x] y", info: "tip[x] y", ok: true},
		{line: `:::tip{title="x"}`, info: `tip{title="x"}`, ok: true},
		{line: ":::pаnel", info: "pаnel", ok: true},
	} {
		info, ok := Fence([]byte(tt.line))
		name, title := fenceName(info)
		if string(info) != tt.info || ok != tt.ok || string(name) != tt.name || string(title) != tt.title || (title != nil) != tt.titled {
			t.Errorf("Fence(%q) = %q, %v, name %q, title %q (%v); want %q, %v, %q, %q (%v)", tt.line, info, ok, name, title, title != nil, tt.info, tt.ok, tt.name, tt.title, tt.titled)
		}
	}
}

// TestContainersNestNoDeeperThanTheLimit parses ten thousand nested fences:
// the parser stops opening containers at the limit, so the cost of a line
// stays bounded however deep the author goes.
func TestContainersNestNoDeeperThanTheLimit(t *testing.T) {
	const n = 10000
	src := []byte(strings.Repeat("::: panel\n", n) + "text\n" + strings.Repeat(":::\n", n))
	doc := New().Parser().Parse(text.NewReader(src))
	deepest, deep := 0, 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*Container); ok && entering {
			if c.Deep {
				deep++
			}
			deepest = max(deepest, depth(c))
		}
		return ast.WalkContinue, nil
	})
	if deepest > MaxContainerDepth+1 || deep == 0 {
		t.Errorf("deepest container at %d, %d past the limit; want at most %d and some", deepest, deep, MaxContainerDepth+1)
	}
}
