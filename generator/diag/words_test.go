package diag

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 errors"}, {1, "1 error"}, {2, "2 errors"}} {
		if got := Plural(c.n, "error"); got != c.want {
			t.Errorf("Plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestNearest(t *testing.T) {
	if got := Nearest("pfd", []string{"d", "pdf", "s"}); got != "pdf" {
		t.Errorf("Nearest(pfd) = %q, want pdf", got)
	}
	words := []string{"build", "check", "new", "serve", "version"}
	for _, c := range []struct{ in, want string }{
		{"buidl", "build"}, // two letters swapped
		{"biuld", "build"}, // the same, elsewhere
		{"serv", "serve"},  // one left out
		{"chekc", "check"}, // swapped at the end
		{"versoin", "version"},
		{"frobnicate", ""}, // nothing close
		{"x", ""},          // too short to guess from
		{"build", "build"},
	} {
		if got := Nearest(c.in, words); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
