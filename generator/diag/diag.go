// Package diag holds kitgen's diagnostics: findings tied to a place in a
// source file, printed the way compilers print them so editors can jump to
// them.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Severity orders findings; Error fails a build.
type Severity int

const (
	// Note is news, not a problem: a blank to fill in, a field kitgen
	// keeps but does not read.
	Note Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	}
	return "error"
}

// Diagnostic is one finding. Line and Col are 1-based; 0 means unknown.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Rule     string
	Msg      string
	// Hint says what to do about it.
	Hint string
	Err  error
}

// Errorf makes an error-severity diagnostic; a %w verb is kept for errors.Is.
func Errorf(file string, line int, format string, args ...any) *Diagnostic {
	err := fmt.Errorf(format, args...)
	return &Diagnostic{File: file, Line: line, Severity: Error, Msg: err.Error(), Err: errors.Unwrap(err)}
}

// WithHint returns d with a hint on what to do.
func (d *Diagnostic) WithHint(h string) *Diagnostic { d.Hint = h; return d }

// Error is the finding as it is printed: one line, and the hint indented
// on the next. Control characters are escaped; a message of several
// lines (a compiler's output) keeps them, indented under the first, so
// that no text from a file can pass for a finding of its own.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(Escape(d.Pos()))
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	writeLines(&b, d.Msg)
	if d.Rule != "" {
		b.WriteString(" (")
		b.WriteString(Escape(d.Rule))
		b.WriteString(")")
	}
	if d.Hint != "" {
		b.WriteString("\n\t")
		writeLines(&b, d.Hint)
	}
	return b.String()
}

// writeLines writes s escaped, its lines after the first indented.
func writeLines(b *strings.Builder, s string) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("\n\t")
		}
		b.WriteString(Escape(line))
	}
}

// Pos is the "file:line:col" prefix, as short as what is known.
func (d *Diagnostic) Pos() string {
	switch {
	case d.File == "":
		return ""
	case d.Line == 0:
		return d.File
	case d.Col == 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
}

func (d *Diagnostic) Unwrap() error { return d.Err }

// List collects the findings of many files so that one bad file does not
// hide the others.
type List []*Diagnostic

// Add appends the diagnostics in err (a *Diagnostic, a List, or any error).
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var d *Diagnostic
	var dl List
	switch {
	case errors.As(err, &dl):
		*l = append(*l, dl...)
	case errors.As(err, &d):
		*l = append(*l, d)
	default:
		*l = append(*l, &Diagnostic{Severity: Error, Msg: err.Error(), Err: err})
	}
}

// Sort orders by file, line and column so output is deterministic.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// HasErrors reports whether any finding is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity >= Error {
			return true
		}
	}
	return false
}

// Err returns the list as an error when it holds an error-severity finding.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

func (l List) Error() string {
	var b bytes.Buffer
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// LineOf returns the 1-based line of byte offset off in src.
func LineOf(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return bytes.Count(src[:max(off, 0)], []byte{'\n'}) + 1
}

// maxPrinted bounds the findings a build prints: a thousand kits from one
// template share their warnings, and kitgen check lists them all.
const maxPrinted = 20

// PrintSome prints the first findings of l, one a line, and says how many
// more kitgen check would show.
func (l List) PrintSome(w io.Writer) {
	for i, d := range l {
		if i == maxPrinted {
			fmt.Fprintf(w, "… and %s not shown: run kitgen check to see them all\n", Plural(len(l)-i, "warning"))
			return
		}
		fmt.Fprintln(w, d.Error())
	}
}
