package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/sys/unix"

	"kitgen/generator/audience"
)

// canary is a script kitgen must never read: it stands for a file
// outside the site.
const canary = "---\nid: outside\ntype: interview_script\nvisibility: public\n---\n## OUTSIDE-CANARY (5 mins) {audience=both}\n\nOUTSIDE-CANARY\n"

// TestSourcesThatAreNoFilesAreSkipped puts in content/ what a careless
// author or a hostile checkout could: a named pipe (opening it for
// reading blocks), links to /dev/zero and to a file outside the site, and
// a device. The build must finish, say what it skipped, and hold nothing
// of them.
func TestSourcesThatAreNoFilesAreSkipped(t *testing.T) {
	dir := goodSite(t)
	scripts := filepath.Join(dir, "content", "scripts")
	outside := filepath.Join(t.TempDir(), "secret.md")
	write(t, outside, []byte(canary))
	if err := syscall.Mkfifo(filepath.Join(scripts, "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	links := map[string]string{"zero.md": "/dev/zero", "urandom.md": "/dev/urandom", "outside.md": outside, "relout.md": "../../../" + filepath.Base(filepath.Dir(outside)) + "/secret.md"}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(scripts, name)); err != nil {
			t.Fatal(err)
		}
	}
	// Making a device needs privileges: check it where the test has them.
	warnings := []string{
		"content/scripts/pipe.md: warning: not a regular file: a named pipe; skipped",
		"content/scripts/zero.md: warning: links outside the source folder (to /dev/zero); skipped",
		"content/scripts/urandom.md: warning: links outside the source folder (to /dev/urandom); skipped",
		"content/scripts/outside.md: warning: links outside the source folder (to " + outside + "); skipped",
		"content/scripts/relout.md: warning: links outside the source folder",
	}
	if err := unix.Mknod(filepath.Join(scripts, "dev.md"), unix.S_IFCHR|0o644, int(unix.Mkdev(1, 5))); err == nil {
		warnings = append(warnings, "content/scripts/dev.md: warning: not a regular file: a device; skipped")
	} else {
		t.Log("no device made:", err)
	}
	st, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public"), Trees: audience.Both})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		if !strings.Contains(st.Warnings.Error(), w) {
			t.Errorf("warnings lack %q:\n%v", w, st.Warnings)
		}
	}
	for name, sum := range snapshot(t, filepath.Join(dir, "public")) {
		b, _ := os.ReadFile(name)
		if strings.Contains(string(b), "OUTSIDE-CANARY") || strings.Contains(name, "outside") {
			t.Errorf("%s (%s) holds the outside file", name, sum)
		}
	}
}

// TestLinksInsideTheSourceAreRead: a link that stays inside the site,
// relative or absolute, is the file it leads to.
func TestLinksInsideTheSourceAreRead(t *testing.T) {
	dir := goodSite(t)
	write(t, filepath.Join(dir, "shared", "linked.md"), []byte(strings.ReplaceAll(canary, "outside", "linked")))
	for name, to := range map[string]string{"rel.md": "../../shared/linked.md", "abs.md": filepath.Join(dir, "shared", "linked.md")} {
		if err := os.Symlink(to, filepath.Join(dir, "content", "scripts", name)); err != nil {
			t.Fatal(err)
		}
	}
	// Both name the same id: one of them at a time.
	for _, name := range []string{"rel.md", "abs.md"} {
		t.Run(name, func(t *testing.T) {
			other := map[string]string{"rel.md": "abs.md", "abs.md": "rel.md"}[name]
			p := filepath.Join(dir, "content", "scripts", other)
			hidden := filepath.Join(dir, "content", "scripts", "_"+other)
			if err := os.Rename(p, hidden); err != nil {
				t.Fatal(err)
			}
			defer os.Rename(hidden, p)
			out := generate(t, dir, audience.Both)
			slug := strings.TrimSuffix(name, ".md")
			if b, _ := out.Get("panel/" + slug + "/index.html"); !strings.Contains(string(b), "OUTSIDE-CANARY") {
				t.Errorf("panel/%s/ is not the linked script", slug)
			}
		})
	}
}

// TestStaticFileThatIsAPipeIsAnError: a static file or layout is copied
// or parsed whole, so one kitgen cannot read is an error, at once.
func TestStaticFileThatIsAPipeIsAnError(t *testing.T) {
	dir := goodSite(t)
	if err := os.MkdirAll(filepath.Join(dir, "static", "css"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "static", "css", "pipe.css"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "static", "passwd.txt")); err != nil {
		t.Fatal(err)
	}
	err := build(dir)
	for _, want := range []string{"static/css/pipe.css", "not a regular file: a named pipe"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to name %q", err, want)
		}
	}
	if err := os.Remove(filepath.Join(dir, "static", "css", "pipe.css")); err != nil {
		t.Fatal(err)
	}
	err = build(dir)
	if err == nil || !strings.Contains(err.Error(), "static/passwd.txt") || !strings.Contains(err.Error(), "links outside the source folder") {
		t.Errorf("err = %v, want the link to /etc/passwd refused", err)
	}
}

// TestAScriptOverTheCapIsAnError: the cap is checked before reading, so
// a sparse file of any size costs nothing.
func TestAScriptOverTheCapIsAnError(t *testing.T) {
	dir := goodSite(t)
	f, err := os.Create(filepath.Join(dir, "content", "scripts", "huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 40); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	err = build(dir)
	if err == nil || !strings.Contains(err.Error(), "content/scripts/huge.md: error: larger than 1 MB, the most kitgen reads of one script") {
		t.Errorf("err = %v", err)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		t.Errorf("the error repeats the path: %v", err)
	}
}

// TestHostileInputBuildsSafely builds each site in testdata/safe: hostile
// input that has a safe reading, which the build must find. Each line of
// a fixture's comment is NAME: REGEXP, where NAME is a built file or
// "warnings" (what the build prints), and the regexp must match it; with
// a leading ! it must not. Lines starting with # say what it is about.
func TestHostileInputBuildsSafely(t *testing.T) {
	archives, _ := filepath.Glob(filepath.Join("testdata", "safe", "*.txtar"))
	if len(archives) == 0 {
		t.Fatal("no fixtures")
	}
	for _, archive := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(archive), ".txtar"), func(t *testing.T) {
			t.Parallel()
			a, err := txtar.ParseFile(archive)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for _, f := range a.Files {
				write(t, filepath.Join(dir, f.Name), f.Data)
			}
			out := &Files{}
			st, errs := Generate(dir, audience.Both, out)
			if errs.HasErrors() {
				t.Fatalf("build failed:\n%v", errs)
			}
			for _, line := range strings.Split(strings.TrimSpace(string(a.Comment)), "\n") {
				if strings.HasPrefix(line, "#") {
					continue
				}
				name, re, ok := strings.Cut(line, ": ")
				if !ok {
					t.Fatalf("comment line %q is not NAME: REGEXP", line)
				}
				negate := strings.HasPrefix(name, "!")
				name = strings.TrimPrefix(name, "!")
				text := st.Warnings.Error()
				if name != "warnings" {
					b, found := out.Get(name)
					if !found {
						t.Errorf("no %s built", name)
						continue
					}
					text = string(b)
				}
				if regexp.MustCompile(re).MatchString(text) == negate {
					t.Errorf("%s: %s %s", name, map[bool]string{false: "lacks", true: "holds"}[negate], re)
				}
			}
		})
	}
}

// TestMarkdownThatWouldTakeMinutesIsRefused: shapes of markdown that cost
// goldmark time quadratic in their size, or more, too big to keep as
// fixtures. Each must fail fast, with file and line, and leave the last
// good site as it was.
func TestMarkdownThatWouldTakeMinutesIsRefused(t *testing.T) {
	head := "---\nid: a\ntype: interview_script\nvisibility: public\n---\n## A (5 mins) {audience=both}\n\n"
	var deep strings.Builder
	for i := range 300 {
		deep.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	for _, c := range []struct{ name, body, want string }{
		{"lists 300 deep", deep.String(), `content/scripts/a.md:108: error: lists or block quotes nest more than 100 deep`},
		{"quotes 10000 deep", strings.Repeat("> ", 10000) + "x\n", `content/scripts/a.md:8: error: lists or block quotes nest more than 100 deep`},
		{"unended links", strings.Repeat("[a](", 60000), `content/scripts/a.md:8: error: this line has too many links without an end`},
		{"nested brackets", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), `content/scripts/a.md:8: error: brackets nest too deep`},
		{"a paragraph of labels", strings.Repeat("[Interviewer Name]\n", 50000), `content/scripts/a.md:8: error: this paragraph has too many lines holding ']'`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := goodSite(t)
			if err := build(dir); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, filepath.Join(dir, "public"))
			write(t, filepath.Join(dir, "content", "scripts", "a.md"), []byte(head+c.body))
			err := build(dir)
			if err == nil || !regexp.MustCompile(c.want).MatchString(err.Error()) {
				t.Errorf("err = %v, want %s", err, c.want)
			}
			if fmt.Sprint(before) != fmt.Sprint(snapshot(t, filepath.Join(dir, "public"))) {
				t.Error("the failed build changed the last good site")
			}
		})
	}
}

// TestDeepContainersFailOrBuildSafely: 10,000 nested ::: blocks must give
// a clear error or a safe result within seconds.
func TestDeepContainersFailOrBuildSafely(t *testing.T) {
	dir := goodSite(t)
	body := "---\nid: a\ntype: interview_script\nvisibility: public\n---\n## A (5 mins) {audience=both}\n\n" +
		strings.Repeat("::: panel\n", 10000) + "PANEL-ONLY\n" + strings.Repeat(":::\n", 10000)
	write(t, filepath.Join(dir, "content", "scripts", "a.md"), []byte(body))
	out := &Files{}
	if _, errs := Generate(dir, audience.Both, out); errs.HasErrors() {
		if !regexp.MustCompile(`content/scripts/a\.md:\d+(:\d+)?: error: `).MatchString(errs.Error()) {
			t.Errorf("the error does not say where: %v", errs)
		}
		return
	}
	if b, _ := out.Get("prep/a/index.html"); strings.Contains(string(b), "PANEL-ONLY") {
		t.Error("a panel block reached the candidate")
	}
}
