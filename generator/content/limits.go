package content

import (
	"bytes"

	"kitgen/generator/diag"
)

// MaxNesting is how deep lists and block quotes may nest. goldmark's cost
// grows with the depth on every line (lists 1,000 deep take seconds,
// 3,000 deep minutes), and no script needs more than a handful of levels.
const MaxNesting = 100

// checkNesting refuses a body whose lists or block quotes nest deeper
// than MaxNesting, before goldmark sees it. It does not parse markdown:
// it counts, at the start of each line, the `>` and list markers and the
// whitespace before and between them, two columns a level (the least a
// nested list item takes). That can overcount — an ordered list's level
// takes three columns or more, and a line in a fenced code block is
// counted like any other — but never undercounts: every level open on a
// line was opened on a line that spelled out all the levels around it,
// and that line counted them.
func checkNesting(path string, body []byte, bodyLine int) error {
	n := 0
	for line := range bytes.Lines(body) {
		if depth(line) > MaxNesting {
			return diag.Errorf(path, bodyLine+n, "lists or block quotes nest more than %d deep here, the most kitgen reads", MaxNesting).
				WithHint("flatten the nesting: markdown that deep takes the parser minutes and no reader follows it")
		}
		n++
	}
	return nil
}

// depth is the nesting the start of line could open or continue.
func depth(line []byte) int {
	markers, ws, col := 0, 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			ws++
			col++
			i++
		case c == '\t':
			w := 4 - col%4
			ws += w
			col += w
			i++
		case c == '>':
			markers++
			col++
			i++
		case c == '-' || c == '*' || c == '+':
			if !endsMarker(line, i+1) {
				return level(markers, ws)
			}
			markers++
			col++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || line[j] != '.' && line[j] != ')' || !endsMarker(line, j+1) {
				return level(markers, ws)
			}
			markers++
			col += j + 1 - i
			i = j + 1
		default:
			return level(markers, ws)
		}
	}
	return level(markers, ws)
}

// endsMarker says whether a list marker ending before i is one: followed
// by a space, a tab or the end of the line.
func endsMarker(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r'
}

// level is the depth a line's markers and whitespace could reach: each
// marker a level, and the whitespace around them one a level per two
// columns. Whitespace alone, with no marker, opens nothing.
func level(markers, ws int) int {
	if markers == 0 {
		return 0
	}
	return markers + ws/2
}
