package markdown

import (
	"testing"

	"github.com/yuin/goldmark/testutil"
)

func TestExtensions(t *testing.T) {
	testutil.DoTestCaseFile(New(), "testdata/extensions.txt", t, testutil.ParseCliCaseArg()...)
}

func TestFenceName(t *testing.T) {
	for _, tt := range []struct {
		line string
		name string
		ok   bool
	}{
		{"::: panel", "panel", true},
		{":::panel", "panel", true},
		{"  ::::: Candidate ::", "candidate", true},
		{":::", "", true},
		{"::: two words", "", false},
		{"    ::: panel", "", false},
		{":: panel", "", false},
		{"::: 1abc", "", false},
	} {
		name, ok := fenceName([]byte(tt.line))
		if string(name) != tt.name || ok != tt.ok {
			t.Errorf("fenceName(%q) = %q, %v; want %q, %v", tt.line, name, ok, tt.name, tt.ok)
		}
	}
}
