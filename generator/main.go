// Command kitgen builds interview kits: printable panel guides and candidate
// prep pages from one markdown source.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"kitgen/generator/diag"
)

// command is one kitgen subcommand.
type command struct {
	// summary is its line in kitgen's list of commands.
	summary string
	// synopsis is what follows "kitgen NAME" in its help, written as the
	// README writes it.
	synopsis string
	// doc is its help's paragraph.
	doc string
	run func(args []string, stdout, stderr io.Writer) int
}

// commands is filled by each command's file.
var commands = map[string]command{}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return 0
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 2 {
			fmt.Fprintf(stderr, "kitgen help: unexpected argument %q; ask for one command's help: kitgen help COMMAND\n", args[2])
			return 2
		}
		if len(args) == 2 {
			if _, ok := commands[args[1]]; !ok {
				return unknown(args[1], stderr)
			}
			return commands[args[1]].run([]string{"-h"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	case "-version", "--version":
		return commands["version"].run(args[1:], stdout, stderr)
	}
	c, ok := commands[args[0]]
	if !ok {
		return unknown(args[0], stderr)
	}
	return c.run(args[1:], stdout, stderr)
}

// unknown reports a command kitgen does not have, with the one meant when
// it is a slip of the keyboard.
func unknown(name string, stderr io.Writer) int {
	if strings.HasPrefix(name, "-") {
		fmt.Fprintf(stderr, "kitgen: unknown flag %q", name)
		if s := diag.Nearest(strings.TrimLeft(name, "-"), []string{"help", "version"}); s != "" {
			fmt.Fprintf(stderr, "; did you mean --%s?\n", s)
			return 2
		}
		fmt.Fprintln(stderr, "; a command's flags go after it, as in kitgen build -s SOURCE")
		fmt.Fprintln(stderr, "Run 'kitgen help' for the commands.")
		return 2
	}
	fmt.Fprintf(stderr, "kitgen: unknown command %q", name)
	if s := diag.Nearest(name, names()); s != "" {
		fmt.Fprintf(stderr, "; did you mean kitgen %s?\n", s)
		return 2
	}
	fmt.Fprint(stderr, "\n\n")
	usage(stderr)
	return 2
}

func names() []string {
	n := make([]string, 0, len(commands))
	for c := range commands {
		n = append(n, c)
	}
	sort.Strings(n)
	return n
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "kitgen builds interview kits: printable panel guides and candidate prep pages.")
	fmt.Fprintln(w, "\nUsage: kitgen <command> [flags]\n\nCommands:")
	n := names()
	width := len(slices.MaxFunc(n, func(a, b string) int { return len(a) - len(b) }))
	for _, name := range n {
		fmt.Fprintf(w, "  %-*s  %s\n", width, name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'kitgen <command> -h' for a command's flags, 'kitgen --version' for the version.")
}
