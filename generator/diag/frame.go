package diag

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// frameContext is how many lines Frame shows on each side of the line.
const frameContext = 2

// maxFrameLine bounds a shown line: a binary file or a minified one is
// one enormous line.
const maxFrameLine = 160

// Frame returns the lines of src around line, numbered, the line itself
// marked and, when col is known, a caret under its column: what a reader
// needs to see what is wrong without opening the file. It is "" when line
// is not in src.
func Frame(src []byte, line, col int) string {
	lines := bytes.Split(bytes.TrimSuffix(src, []byte("\n")), []byte("\n"))
	if line < 1 || line > len(lines) {
		return ""
	}
	first, last := max(1, line-frameContext), min(len(lines), line+frameContext)
	width := len(fmt.Sprint(last))
	var b strings.Builder
	for n := first; n <= last; n++ {
		text := shown(lines[n-1])
		mark := " "
		if n == line {
			mark = ">"
		}
		fmt.Fprintf(&b, "%s %*d | %s\n", mark, width, n, escapeLine(text))
		if n == line && col > 0 {
			fmt.Fprintf(&b, "  %*s | %s^\n", width, "", pad(text, col-1))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// shown is a line as it can be printed: carriage return dropped, invalid
// UTF-8 replaced, cut short when long.
func shown(l []byte) string {
	s := strings.ToValidUTF8(string(bytes.TrimSuffix(l, []byte("\r"))), "\uFFFD")
	if utf8.RuneCountInString(s) > maxFrameLine {
		s = string([]rune(s)[:maxFrameLine]) + "…"
	}
	return s
}

// escapeLine is Escape for a line of a file, keeping its tabs.
func escapeLine(s string) string {
	parts := strings.Split(s, "\t")
	for i, p := range parts {
		parts[i] = Escape(p)
	}
	return strings.Join(parts, "\t")
}

// pad is the whitespace that puts a caret under character n of text:
// tabs stay tabs, so that the caret lines up however tabs are shown.
func pad(text string, n int) string {
	var b strings.Builder
	for i, r := range []rune(text) {
		if i == n {
			break
		}
		switch {
		case r == '\t':
			b.WriteRune('\t')
		case control(r):
			// As wide as Escape writes it.
			b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(Escape(string(r)))))
		default:
			b.WriteRune(' ')
		}
	}
	return b.String()
}
