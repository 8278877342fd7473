package serve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestServeNeverShowsAnOutsideFile: a script linked from outside the
// site is skipped, not built and not framed in the overlay, however it
// is saved; a named pipe saved into content/ does not stop the server.
func TestServeNeverShowsAnOutsideFile(t *testing.T) {
	dir := newSite(t)
	outside := filepath.Join(t.TempDir(), "passwd")
	// Broken as a script, so that a server that read it would frame its
	// lines in the overlay.
	write(t, outside, []byte("root:x:0:0:SECRET-CANARY:/root:/bin/bash\n"))
	link := filepath.Join(dir, "content", "scripts", "passwd.md")
	must(t, os.Symlink(outside, link))
	log := &lockedBuffer{}
	p := start(t, Options{Source: dir, Log: log})
	seen := []message{p.hello}
	// Saved again, and a pipe beside it.
	must(t, os.Remove(link))
	must(t, os.Symlink(outside, link))
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "scripts", "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	seen = append(seen, p.settle(t))
	for _, m := range seen {
		for _, e := range m.Errors {
			if strings.Contains(e, "SECRET-CANARY") || strings.Contains(e, "root:") {
				t.Errorf("the event stream carries the outside file: %s", e)
			}
		}
	}
	for _, path := range []string{"/panel/", "/panel/passwd/", "/prep/"} {
		if _, body := p.get(t, path); strings.Contains(string(body), "SECRET-CANARY") {
			t.Errorf("%s holds the outside file", path)
		}
	}
	for _, want := range []string{"content/scripts/passwd.md: warning: links outside the source folder", "content/scripts/pipe.md: warning: not a regular file: a named pipe"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the terminal does not say %q:\n%s", want, log)
		}
	}
	if code, _ := p.get(t, "/panel/platform_001/"); code != 200 {
		t.Errorf("the site is down: %d", code)
	}
}

// TestOverlayFramesOnlyFilesInside: the overlay's lines come from the file
// the error names, read as the build reads it.
func TestOverlayFramesOnlyFilesInside(t *testing.T) {
	dir := newSite(t)
	write(t, filepath.Join(dir, "content", "scripts", "bad.md"), []byte("---\nid: bad\ntype: nope\n---\n"))
	p := start(t, Options{Source: dir})
	if len(p.hello.Errors) == 0 || !strings.Contains(p.hello.Errors[0], "> 3 | type: nope") {
		t.Fatalf("errors %q are not framed", p.hello.Errors)
	}
}
