package diag

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"content/scripts/a.md", "content/scripts/a.md"},
		{"café — naïve 日本語 🧑‍💻", "café — naïve 日本語 🧑‍💻"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\a`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"a\nb\tc\rd", `a\nb\tc\rd`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"bidi \u202eevil\u202c", `bidi \u202eevil\u202c`},
		{"bad \xff byte", `bad \xff byte`},
		{"\uFFFD stays", "\uFFFD stays"},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestErrorEscapesWhatCameFromFiles(t *testing.T) {
	d := &Diagnostic{File: "content/\x1b[2Ja.md", Line: 3, Severity: Warning, Msg: "unknown field \x1b]0;x\x07", Hint: "fix\x1bit"}
	want := "content/\\x1b[2Ja.md:3: warning: unknown field \\x1b]0;x\\a\n\tfix\\x1bit"
	if got := d.Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A message of several lines keeps them, indented, so that none of
	// them passes for a finding.
	d = &Diagnostic{Severity: Error, Msg: "compiling:\ncontent/x.md:1: error: forged"}
	if got := d.Error(); !strings.Contains(got, "\n\tcontent/x.md:1: error: forged") {
		t.Errorf("got %q", got)
	}
}
