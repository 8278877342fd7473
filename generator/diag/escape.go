package diag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s as it is safe to print to a terminal: the control
// characters in it written as Go writes them in quoted strings (\n, \x1b,
// \u009b, \u202e), and every other character, ordinary Unicode included,
// kept. File names, frontmatter keys and the messages that quote them come
// from files anyone can write, and ESC sequences in them can retitle the
// window, clear the screen or hide text; a newline can forge a line of
// output. Every printer of findings goes through it.
func Escape(s string) string {
	i := unsafeAt(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case control(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafeAt is the index of the first byte Escape changes, or -1.
func unsafeAt(s string) int {
	for i, r := range s {
		if control(r) || r == utf8.RuneError {
			return i
		}
	}
	return -1
}

// control reports the characters a terminal acts on rather than shows:
// C0, DEL and C1 (ESC and CSI among them), and the Unicode controls that
// reorder text or break lines, which can make printed text read other
// than it is.
func control(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}
