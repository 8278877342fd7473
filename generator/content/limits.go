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

// goldmark spends time quadratic in the input on three shapes of
// brackets, which no script needs and a few hundred kilobytes of make it
// run for minutes. checkBrackets refuses them before parsing, by
// counting upper bounds of goldmark's work for each, and lets through
// what costs little:
//
//   - An inline link's destination, after "](", is scanned to the first
//     space, or '>' after "](<", on the line: "[a](" repeated without a
//     space scans the rest of the line each time.
//   - Each ']' that closes a '[' looks through everything since it:
//     brackets nested thousands deep look through all of it each time.
//   - Each ']' that closes a '[' copies the label out of the paragraph by
//     walking every line of it: thousands of lines of "[a]" walk them all
//     each time.
//
// A paragraph is counted as running to the next line that is blank but
// for '>' markers, or that starts a list item no paragraph can run on
// into (a bullet, or 1., with text after it). That can only count more
// than goldmark does, never less: a paragraph in a list ends at the next
// item too, 2. included.
//
// The budgets are set from measurements: each lets through at most about
// 0.4 s of goldmark's time, and a script of real links and placeholders
// uses well under a hundredth of it.
const (
	maxDestScan    = 5e7
	maxLabelSpans  = 2.5e8
	maxLabelCopies = 5e8
)

func checkBrackets(path string, body []byte, bodyLine int) error {
	var (
		dest, spans, copies int
		// The paragraph so far: its first line, lines, closing brackets
		// and open ones.
		first, lines, closes int
		open                 []int
	)
	fail := func(line int, what string) error {
		return diag.Errorf(path, line, "%s, which would take the markdown parser minutes", what).
			WithHint("break the paragraph up with blank lines, or escape the brackets that are not links (\\[ and \\])")
	}
	endParagraph := func() error {
		copies += lines * closes
		if copies > maxLabelCopies {
			return fail(first, "this paragraph has too many lines holding ']' (a link or a [Placeholder]) for kitgen to read")
		}
		lines, closes, open = 0, 0, open[:0]
		return nil
	}
	n, off := bodyLine, 0
	for line := range bytes.Lines(body) {
		blank := len(bytes.Trim(line, " \t\r\n>")) == 0
		if blank || startsItem(line) {
			if err := endParagraph(); err != nil {
				return err
			}
		}
		if !blank {
			if lines == 0 {
				first = n
			}
			lines++
			stop := 0 // where the last destination scan ended
			// Only brackets count, and most lines hold none.
			brackets := bytes.IndexByte(line, '[') >= 0 || bytes.IndexByte(line, ']') >= 0
			for i := 0; brackets && i < len(line); i++ {
				switch line[i] {
				case '\\':
					i++
				case '[':
					open = append(open, off+i)
				case ']':
					if k := len(open); k > 0 {
						closes++
						spans += off + i - open[k-1]
						open = open[:k-1]
					}
					if i+1 < len(line) && line[i+1] == '(' {
						// Scans that overlap cost again: count each from
						// where it starts, but find its end from where the
						// last one stopped.
						end := max(stop, i+2)
						pointy := end < len(line) && line[i+2] == '<'
						for end < len(line) && !(pointy && line[end] == '>') && !(!pointy && isSpace(line[end])) {
							end++
						}
						stop = end
						dest += end - i
					}
				}
			}
			if dest > maxDestScan {
				return fail(n, "this line has too many links without an end: \"](\" followed by no space")
			}
			if spans > maxLabelSpans {
				return fail(n, "brackets nest too deep here")
			}
		}
		n++
		off += len(line)
	}
	return endParagraph()
}

// startsItem reports a line that starts a list item, which ends the
// paragraph before it whatever that paragraph is in: after any '>'
// markers and indentation, a bullet or "1." or "1)", a space, and text.
func startsItem(line []byte) bool {
	line = bytes.TrimLeft(line, " \t>")
	switch {
	case len(line) > 0 && (line[0] == '-' || line[0] == '*' || line[0] == '+'):
		line = line[1:]
	case len(line) > 1 && line[0] == '1' && (line[1] == '.' || line[1] == ')'):
		line = line[2:]
	default:
		return false
	}
	return len(line) > 1 && (line[0] == ' ' || line[0] == '\t') && len(bytes.TrimSpace(line)) > 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
