package audience

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"kitgen/generator/markdown"
)

// The grammar of audience marks. Everything an author writes to say who
// reads what is read here, strictly: a mark either parses exactly or is an
// error, and what merely looks like one is an error too, so that a typo
// never turns panel text into candidate text.
//
//	section mark   ## Title (10 mins) {audience=panel}
//	               the last thing on a top-level ATX `##` heading's line;
//	               the value is panel, candidate or both, bare or in
//	               double quotes; `#id` and `.class` may stand beside it.
//	container      ::: panel … :::   (at most three spaces in, three or
//	               more colons, one name from Containers; an admonition's
//	               name may have a title after it: :::tip Title, :::tip[Title])

// Container is what a `:::` container name means.
type Container struct {
	// For is who reads the block; it only ever narrows what the place
	// around it allows.
	For Audience
	// Inherit makes the block the place's: whoever reads the text around
	// it reads the block, nobody else, and containers inside narrow from
	// there, as For does. Admonitions are asides in the text, not marks:
	// a `:::tip` in a section the candidate does not read stays the
	// panel's, and one in an {audience=both} section is everyone's.
	Inherit bool
	// Titled says that the fence may carry a title after the name
	// (`:::tip Before you start`, `:::tip[Before you start]`).
	Titled bool
}

// Containers are the names a `:::` fence may open. One with any other
// name, or with more than a name (a title where the name takes none), is
// an error. The admonitions of Docusaurus and VuePress are here too, so
// that documents written for them build; the markdown dialect draws them
// (markdown.Admonitions).
var Containers = map[string]Container{
	"panel":     {For: Panel},
	"candidate": {For: Candidate},
	"both":      {For: Both},
	"note":      {Inherit: true, Titled: true},
	"tip":       {Inherit: true, Titled: true},
	"info":      {Inherit: true, Titled: true},
	"caution":   {Inherit: true, Titled: true},
	"warning":   {Inherit: true, Titled: true},
	"danger":    {Inherit: true, Titled: true},
}

// ContainerNames lists Containers for messages, in a fixed order.
const ContainerNames = "panel, candidate or both, or an admonition (note, tip, info, caution, warning, danger)"

// ContainerOf is what fence c means: its entry in Containers, when c opens
// a known container and says no more than that container takes. A fence
// that is not (stray, too deep, unknown, titled where no title is taken,
// or with a title that looks like an audience mark) is an error, and what
// it holds is the panel's.
func ContainerOf(c *markdown.Container) (Container, bool) {
	if c.Stray || c.Deep || c.Name == nil {
		return Container{}, false
	}
	k, ok := Containers[string(c.Name)]
	if !ok || c.Title != nil && (!k.Titled || lookalike(c.Title) >= 0) {
		return Container{}, false
	}
	return k, true
}

// A mark is the parsed `{…}` block that ends a heading.
type mark struct {
	// audience is the value of audience=, "" when there is none.
	audience string
	// err says what is wrong with the block, "" when nothing is.
	err string
}

// readMark parses the attribute block b, `{` … `}`, strictly: items apart
// by spaces, each `#id`, `.class` or `audience=VALUE` with VALUE bare or
// in double quotes, and at most one audience.
func readMark(b []byte) mark {
	var m mark
	s := string(b)
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") {
		return mark{err: "an attribute block is {…} at the very end of the heading"}
	}
	seen := false
	for _, item := range strings.Fields(s[1 : len(s)-1]) {
		switch {
		case item[0] == '#' || item[0] == '.':
			if len(item) == 1 || strings.ContainsAny(item[1:], "=\"'{}") {
				return mark{err: "attribute " + item + " is not #id or .class"}
			}
		case strings.HasPrefix(item, "audience="):
			v := strings.TrimPrefix(item, "audience=")
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
			if _, ok := Parse(v); !ok {
				return mark{err: "audience=" + v + " is not a mark; the marks are " + Marks}
			}
			if seen && v != m.audience {
				return mark{err: "two audience marks, " + m.audience + " and " + v + "; keep one"}
			}
			seen, m.audience = true, v
		default:
			return mark{err: "unknown attribute " + item + "; headings take {audience=panel|candidate|both}, #id and .class"}
		}
	}
	return m
}

// Marks lists the words Parse accepts, for error messages.
const Marks = "panel, candidate or both"

// lookalike reports where in s something resembles an audience mark: the
// word audience — in any case, spelled with look-alike letters or with
// invisible characters inside — after a { or before an =. It returns -1
// when nothing does.
func lookalike(s []byte) int {
	const word = "audience"
	// Most text holds neither a brace nor an =: nothing to look at.
	if bytes.IndexByte(s, '{') < 0 && bytes.IndexByte(s, '=') < 0 {
		return -1
	}
	for i := 0; i < len(s); {
		j, k := i, 0
		for j < len(s) && k < len(word) {
			r, n := utf8.DecodeRune(s[j:])
			j += n
			if invisible(r) {
				continue
			}
			if skeleton(r) != rune(word[k]) {
				break
			}
			k++
		}
		if k == len(word) {
			before := bytes.TrimRight(s[:i], " \t")
			if bytes.HasPrefix(bytes.TrimLeft(s[j:], " \t"), []byte("=")) || bytes.HasSuffix(before, []byte("{")) {
				return i
			}
		}
		_, n := utf8.DecodeRune(s[i:])
		i += n
	}
	return -1
}

// invisible reports format characters — zero-width spaces and joiners, the
// byte-order mark, soft hyphens — that a reader cannot see.
func invisible(r rune) bool { return unicode.Is(unicode.Cf, r) }

// skeleton folds r to the lower-case ASCII letter it looks like: full-width
// forms, and the Cyrillic and Greek letters that stand in for Latin ones.
func skeleton(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFF01 - '!'
	}
	if c, ok := confusables[r]; ok {
		return c
	}
	return unicode.ToLower(r)
}

var confusables = map[rune]rune{
	'а': 'a', 'А': 'a', 'α': 'a', 'е': 'e', 'Е': 'e', 'ε': 'e', 'і': 'i', 'І': 'i', 'ι': 'i', 'ӏ': 'i',
	'о': 'o', 'О': 'o', 'ο': 'o', 'с': 'c', 'С': 'c', 'ϲ': 'c', 'ԁ': 'd', 'ժ': 'd', 'ս': 'u', 'υ': 'u',
	'ո': 'n', 'п': 'n', 'η': 'n', 'ı': 'i', 'ɑ': 'a', 'ⅰ': 'i', 'ⅾ': 'd', 'ⅽ': 'c', 'ℯ': 'e',
}
