package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"kitgen/generator/diag"
)

// flags are a command's flags. They parse as Go's flag package does, with
// flags allowed after arguments, and are shown as the README writes them:
// one dash for a letter (-s SOURCE), two for a word (--only panel).
type flags struct {
	*flag.FlagSet
	name           string
	stdout, stderr io.Writer
}

func newFlags(name string, stdout, stderr io.Writer) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Parse's own messages spell flags with one dash and print the whole
	// help on every mistake; parse says it shorter.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{FlagSet: fs, name: name, stdout: stdout, stderr: stderr}
}

// dashes is a flag's name as typed: -s, --only.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// parse parses args and returns the arguments that are not flags. When it
// returns false the command is done and exits with code: 0 after -h, 2
// after a mistake, which it has reported.
func (f *flags) parse(args []string) (rest []string, code int, ok bool) {
	for {
		err := f.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			f.help(f.stdout)
			return nil, 0, false
		}
		if err != nil {
			f.fail(err)
			return nil, 2, false
		}
		left := f.Args()
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), 0, true
		}
		if len(left) == 0 {
			return rest, 0, true
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

// flagInMsg finds the flag a message of Go's flag package names.
var flagInMsg = regexp.MustCompile(`(flag|for|argument:) -(\S+?)(:|$)`)

// fail reports a parse error: the flag named as the README names it and,
// for an unknown flag, the one meant.
func (f *flags) fail(err error) {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = "unknown flag " + dashes(name)
		var known []string
		f.VisitAll(func(fl *flag.Flag) { known = append(known, fl.Name) })
		if s := diag.Nearest(strings.TrimLeft(name, "-"), known); s != "" {
			msg += "; did you mean " + dashes(s) + "?"
		}
	} else {
		msg = flagInMsg.ReplaceAllStringFunc(msg, func(m string) string {
			s := flagInMsg.FindStringSubmatch(m)
			return s[1] + " " + dashes(s[2]) + s[3]
		})
	}
	fmt.Fprintf(f.stderr, "kitgen %s: %s\nRun 'kitgen %s -h' for its flags.\n", f.name, msg, f.name)
}

// noArgs reports, and returns false, when the command got arguments it
// does not take.
func (f *flags) noArgs(rest []string) bool {
	if len(rest) == 0 {
		return true
	}
	msg := fmt.Sprintf("kitgen %s: unexpected argument %q", f.name, rest[0])
	if f.Lookup("s") != nil {
		msg += fmt.Sprintf("; to name the site's folder, write -s %s", rest[0])
	}
	fmt.Fprintln(f.stderr, msg)
	return false
}

// help prints the command's synopsis, what it does and its flags.
func (f *flags) help(w io.Writer) {
	c := commands[f.name]
	fmt.Fprintf(w, "Usage: kitgen %s %s\n\n%s\n", f.name, c.synopsis, c.doc)
	type row struct{ flag, usage string }
	var rows []row
	// Letters first, as the synopses list them.
	for _, long := range []bool{false, true} {
		f.VisitAll(func(fl *flag.Flag) {
			if len(fl.Name) > 1 != long {
				return
			}
			arg, usage := flag.UnquoteUsage(fl)
			r := row{flag: dashes(fl.Name), usage: usage}
			if arg != "" {
				r.flag += " " + arg
			}
			if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0" && fl.DefValue != "0s" {
				r.usage += fmt.Sprintf(" (default %s)", fl.DefValue)
			}
			rows = append(rows, r)
		})
	}
	if len(rows) == 0 {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.flag))
	}
	fmt.Fprintln(w, "\nFlags:")
	for _, r := range rows {
		fmt.Fprintf(w, "  %-*s  %s\n", width, r.flag, r.usage)
	}
}
