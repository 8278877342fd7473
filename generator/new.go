package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"kitgen/generator/diag"
	"kitgen/generator/scaffold"
)

func init() {
	commands["new"] = command{
		summary:  "start a site, or add a kit to one from its archetype",
		synopsis: "site DIR | kit NAME [-s SOURCE]",
		doc: "kitgen new site DIR makes a site that builds in DIR, which must be new or empty: kitgen.toml,\n" +
			".gitignore, an example kit in content/scripts/ and a kata in content/katas/.\n" +
			"kitgen new kit NAME writes content/scripts/NAME.md from the site's archetypes/kit.md, or\n" +
			"from the theme's. Neither writes over a file.",
		run: runNew,
	}
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", stdout, stderr)
	src := fs.String("s", ".", "the site `SOURCE` folder that new kit adds to")
	rest, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	kinds := []string{"site", "kit"}
	if len(rest) == 0 {
		fmt.Fprintln(stderr, "kitgen new: say what to make: kitgen new site DIR, or kitgen new kit NAME")
		return 2
	}
	kind, what := rest[0], map[string]string{"site": "DIR", "kit": "NAME"}[rest[0]]
	switch {
	case what == "":
		msg := fmt.Sprintf("kitgen new: unknown kind %q; kitgen makes a site or a kit", kind)
		if s := diag.Nearest(kind, kinds); s != "" {
			msg = fmt.Sprintf("kitgen new: unknown kind %q; did you mean kitgen new %s?", kind, s)
		}
		fmt.Fprintln(stderr, msg)
		return 2
	case len(rest) == 1:
		fmt.Fprintf(stderr, "kitgen new %s: missing %s: kitgen new %s %s\n", kind, what, kind, what)
		return 2
	case len(rest) > 2:
		fmt.Fprintf(stderr, "kitgen new %s: unexpected argument %q; kitgen new %s takes one %s\n", kind, rest[2], kind, what)
		return 2
	}
	today := time.Now()
	if kind == "site" {
		setS := false
		fs.Visit(func(f *flag.Flag) { setS = setS || f.Name == "s" })
		if setS {
			fmt.Fprintln(stderr, "kitgen new site: -s names the site new kit adds to; the new site's folder is DIR")
			return 2
		}
		dir := rest[1]
		files, err := scaffold.Site(dir, today)
		if err != nil {
			fmt.Fprintf(stderr, "kitgen new site: %s\n", printable(err.Error()))
			return 1
		}
		fmt.Fprintf(stdout, "kitgen: made a site in %s: %s\n\n", shell(dir), strings.Join(files, ", "))
		fmt.Fprintf(stdout, "Next:\n  cd %s\n  kitgen serve          # preview at http://127.0.0.1:1313/, reloading on every save\n  kitgen new kit NAME   # another kit, from the archetype\n  kitgen build          # the site in public/\n", shell(dir))
		return 0
	}
	rel, err := scaffold.Kit(*src, rest[1], today)
	if err != nil {
		fmt.Fprintf(stderr, "kitgen new kit: %s\n", printable(err.Error()))
		return 1
	}
	fmt.Fprintf(stdout, "kitgen: wrote %s\n", shell(filepath.Join(*src, filepath.FromSlash(rel))))
	return 0
}

// printable is s with the characters a terminal would act on quoted, for
// messages that hold paths.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsPrint(r) || r == '\n' || r == '\t' {
			b.WriteRune(r)
		} else {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

// shell is a path as it can be printed and pasted into a shell: as it is
// when plain, in single quotes when it has spaces or quotes, Go-quoted when
// it holds characters a terminal would act on.
func shell(s string) string {
	plain := true
	for _, r := range s {
		switch {
		case !unicode.IsPrint(r):
			return strconv.Quote(s)
		case !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._/-+,:@", r))):
			plain = false
		}
	}
	if plain && s != "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
