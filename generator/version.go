package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

func init() {
	commands["version"] = command{
		summary:  "print kitgen's version and the revision it was built from",
		synopsis: "",
		doc:      "Prints the module version, the version control revision it was built from and the Go release that built it.",
		run:      runVersion,
	}
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", stdout, stderr)
	rest, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if !fs.noArgs(rest) {
		return 2
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = &debug.BuildInfo{}
	}
	fmt.Fprintln(stdout, version(bi))
	return 0
}

// version says which kitgen this is, for a bug report: "kitgen v1.2.0
// (revision 9a6b053…, 2026-11-20T10:00:00Z) go1.26.8 linux/amd64". The
// revision, with whether the tree had uncommitted changes, is there when
// go build ran in a checkout; go install of a release gives the version
// alone.
func version(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	set := map[string]string{}
	for _, s := range bi.Settings {
		set[s.Key] = s.Value
	}
	var b strings.Builder
	fmt.Fprintf(&b, "kitgen %s", v)
	if rev := set["vcs.revision"]; rev != "" {
		fmt.Fprintf(&b, " (revision %s", rev)
		if t := set["vcs.time"]; t != "" {
			fmt.Fprintf(&b, ", %s", t)
		}
		if set["vcs.modified"] == "true" {
			b.WriteString(", with uncommitted changes")
		}
		b.WriteString(")")
	} else {
		b.WriteString(" (no revision: built outside a checkout, or with -buildvcs=false)")
	}
	if bi.GoVersion != "" {
		fmt.Fprintf(&b, " %s", bi.GoVersion)
	}
	if set["GOOS"] != "" {
		fmt.Fprintf(&b, " %s/%s", set["GOOS"], set["GOARCH"])
	}
	return b.String()
}
