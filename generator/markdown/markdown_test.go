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
		line       string
		info, name string
		ok         bool
	}{
		{"::: panel", "panel", "panel", true},
		{":::panel", "panel", "panel", true},
		{"  ::::: Candidate ::", "Candidate", "candidate", true},
		{":::", "", "", true},
		{"::: two words", "two words", "", true},
		{"::: {.panel}", "{.panel}", "", true},
		{`::: "panel"`, `"panel"`, "", true},
		{":::panel:", "panel:", "", true},
		{"    ::: panel", "", "", false},
		{":: panel", "", "", false},
		{"::: 1abc", "1abc", "", true},
	} {
		info, ok := Fence([]byte(tt.line))
		if string(info) != tt.info || ok != tt.ok || string(fenceName(info)) != tt.name {
			t.Errorf("Fence(%q) = %q, %v, name %q; want %q, %v, %q", tt.line, info, ok, fenceName(info), tt.info, tt.ok, tt.name)
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
