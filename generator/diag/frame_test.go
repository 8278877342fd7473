package diag

import "testing"

func TestFrame(t *testing.T) {
	src := []byte("---\nid: a\ntype: [\nvisibility: public\n---\n\n# Title\n")
	for _, tt := range []struct {
		name      string
		src       []byte
		line, col int
		want      string
	}{
		{"lines around, marked", src, 3, 0,
			"  1 | ---\n  2 | id: a\n> 3 | type: [\n  4 | visibility: public\n  5 | ---"},
		{"caret under the column", src, 3, 7,
			"  1 | ---\n  2 | id: a\n> 3 | type: [\n    |       ^\n  4 | visibility: public\n  5 | ---"},
		{"first line", src, 1, 0, "> 1 | ---\n  2 | id: a\n  3 | type: ["},
		{"wider numbers", []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"), 10, 0,
			"   8 | h\n   9 | i\n> 10 | j\n  11 | k"},
		{"tabs keep the caret in place", []byte("\tx = [\n"), 1, 6, "> 1 | \tx = [\n    | \t    ^"},
		{"CRLF and bad bytes", []byte("ok\r\nbad \xff here\r\n"), 2, 0, "  1 | ok\n> 2 | bad \uFFFD here"},
		{"controls escaped, caret past them", []byte("a\x1b]0;pwned\x07 = [\n"), 1, 15, "> 1 | a\\x1b]0;pwned\\a = [\n    |                   ^"},
		{"no such line", src, 40, 0, ""},
		{"no line", src, 0, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Frame(tt.src, tt.line, tt.col); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
