package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"kitgen/generator/audience"
	"kitgen/generator/internal/testsite"
	"kitgen/generator/site"
)

// newSite is the tests' own site.
func newSite(t testing.TB) string {
	t.Helper()
	return testsite.New(t, false)
}

// preview is a server under test with a page listening to its events.
type preview struct {
	*Server
	dir    string
	events chan message
	// hello is the event the page got on connecting.
	hello message
}

// start starts a server with o on a free loopback port, logging to the
// test unless o says where, and connects a page to it.
func start(t testing.TB, o Options) *preview {
	t.Helper()
	o.Addr = "127.0.0.1:0"
	if o.Log == nil {
		o.Log = testLog{t}
	}
	s, err := Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	p := &preview{Server: s, dir: o.Source, events: listen(t, s.URL()+"_kitgen/events")}
	select {
	case p.hello = <-p.events:
	case <-time.After(5 * time.Second):
		t.Fatal("no event on connecting")
	}
	return p
}

type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// listen reads the build events of an event stream, as EventSource does.
func listen(t testing.TB, url string) chan message {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events are %s", ct)
	}
	ch := make(chan message, 64)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var m message
			if err := json.Unmarshal([]byte(data), &m); err != nil {
				t.Errorf("event %q: %v", data, err)
				return
			}
			ch <- m
		}
	}()
	return ch
}

// settle waits for a build event, then for the sources to stay quiet, and
// returns the last event.
func (p *preview) settle(t testing.TB) message {
	t.Helper()
	var last message
	select {
	case last = <-p.events:
	case <-time.After(10 * time.Second):
		t.Fatal("no build event")
	}
	for {
		select {
		case last = <-p.events:
		case <-time.After(300 * time.Millisecond):
			return last
		}
	}
}

func (p *preview) get(t testing.TB, path string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(p.URL() + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// sameAsCleanBuild checks that the server holds exactly what a clean
// build of its source makes, and serves a page of it with the client.
func (p *preview) sameAsCleanBuild(t testing.TB) {
	t.Helper()
	want := &site.Files{}
	if _, errs := site.Generate(p.dir, audience.Both, want); errs.HasErrors() {
		t.Fatalf("a clean build fails: %v", errs)
	}
	st := p.state.Load()
	w := want.Snapshot()
	for n, b := range w {
		if !bytes.Equal(st.files[n], b) {
			t.Errorf("%s differs from a clean build", n)
		}
	}
	for n := range st.files {
		if _, ok := w[n]; !ok {
			t.Errorf("%s is served, but a clean build does not write it", n)
		}
	}
	code, got := p.get(t, "/panel/platform_001/")
	if wantPage := inject(w["panel/platform_001/index.html"], "/panel/platform_001/", "panel/platform_001/index.html", st.gen); code != 200 || !bytes.Equal(got, wantPage) {
		t.Errorf("GET the platform kit's guide: %d, and not the clean build's page with the client", code)
	}
}

func write(t testing.TB, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// replace is p's content with old replaced by new.
func replace(t testing.TB, p, old, new string) []byte {
	t.Helper()
	b := read(t, p)
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", p, old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// TestEveryKindOfSaveEndsWithTheCleanBuild saves files the ways editors and
// tools do, through notifications and by polling, and checks after each
// that the served site is what kitgen build makes of the same files.
func TestEveryKindOfSaveEndsWithTheCleanBuild(t *testing.T) {
	for _, w := range []struct {
		name string
		poll time.Duration
	}{{"notify", 0}, {"poll", 20 * time.Millisecond}} {
		t.Run(w.name, func(t *testing.T) {
			dir := newSite(t)
			p := start(t, Options{Source: dir, Poll: w.poll})
			kit := filepath.Join(dir, "content", "scripts", "platform_001.md")
			sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
			for i, op := range []struct {
				name string
				do   func(n int)
				// err is in the event when the save breaks the site.
				err string
			}{
				{"write in place", func(n int) { write(t, kit, replace(t, kit, "## 1) Warm-up", fmt.Sprintf("## 1) Warm-up %d", n))) }, ""},
				{"vim: backup by rename, write anew", func(n int) {
					b := replace(t, kit, "## 1) Warm-up", fmt.Sprintf("## 1) Warm-up %d", n))
					write(t, filepath.Join(dir, "content", "scripts", "4913"), nil)
					must(t, os.Remove(filepath.Join(dir, "content", "scripts", "4913")))
					write(t, filepath.Join(dir, "content", "scripts", ".platform_001.md.swp"), []byte("swap"))
					must(t, os.Rename(kit, kit+"~"))
					write(t, kit, b)
					must(t, os.Remove(kit+"~"))
					must(t, os.Remove(filepath.Join(dir, "content", "scripts", ".platform_001.md.swp")))
				}, ""},
				{"JetBrains: safe write", func(n int) {
					b := replace(t, kit, "## 1) Warm-up", fmt.Sprintf("## 1) Warm-up %d", n))
					write(t, kit+"___jb_tmp___", b)
					must(t, os.Rename(kit, kit+"___jb_old___"))
					must(t, os.Rename(kit+"___jb_tmp___", kit))
					must(t, os.Remove(kit+"___jb_old___"))
				}, ""},
				{"emacs: lock, autosave, write", func(n int) {
					lock := filepath.Join(dir, "content", "scripts", ".#sre_001.md")
					must(t, os.Symlink("user@host.1234", lock))
					write(t, filepath.Join(dir, "content", "scripts", "#sre_001.md#"), []byte("autosave"))
					write(t, sre, replace(t, sre, "Red flag", fmt.Sprintf("Red flag %d", n)))
					must(t, os.Remove(lock))
					must(t, os.Remove(filepath.Join(dir, "content", "scripts", "#sre_001.md#")))
				}, ""},
				{"add a folder with a kit", func(n int) {
					write(t, filepath.Join(dir, "content", "team", "deep", "copy.md"), replace(t, kit, "platform_001", "copy_001"))
				}, ""},
				{"rename the folder", func(n int) {
					must(t, os.Rename(filepath.Join(dir, "content", "team"), filepath.Join(dir, "content", "crew")))
				}, ""},
				{"edit in the renamed folder", func(n int) {
					f := filepath.Join(dir, "content", "crew", "deep", "copy.md")
					write(t, f, replace(t, f, "## 1) Warm-up", "## 1) Renamed folder"))
				}, ""},
				{"remove the folder", func(n int) { must(t, os.RemoveAll(filepath.Join(dir, "content", "crew"))) }, ""},
				{"delete a kit", func(n int) { must(t, os.Remove(filepath.Join(dir, "content", "scripts", "frontend_001.md"))) }, ""},
				{"break the frontmatter", func(n int) { write(t, sre, replace(t, sre, "type: interview_script", "type: [")) }, "content/scripts/sre_001.md:4: error: frontmatter is not valid YAML: did not find expected ',' or ']'\n\n  2 | id: sre_001\n  3 | title: Site reliability engineer — incident interview\n> 4 | type: [\n  5 | domain: hiring_site_reliability"},
				{"fix it", func(n int) { write(t, sre, replace(t, sre, "type: [", "type: interview_script")) }, ""},
				{"refer to an unknown kata", func(n int) { write(t, kit, replace(t, kit, "Intermediate I-3", "Intermediate I-9")) }, "content/scripts/platform_001.md:28:12"},
				{"refer to the kata again", func(n int) { write(t, kit, replace(t, kit, "Intermediate I-9", "Intermediate I-3")) }, ""},
				{"edit the kata", func(n int) {
					k := filepath.Join(dir, "content", "katas", "matching.md")
					write(t, k, replace(t, k, "## The problem", "## The problem, edited"))
				}, ""},
				{"override a layout", func(n int) {
					b := read(t, filepath.Join("..", "..", "themes", "default", "layouts", "prep", "list.html"))
					write(t, filepath.Join(dir, "layouts", "prep", "list.html"), append(b, "<!-- the site's own -->"...))
				}, ""},
				{"set a config", func(n int) { write(t, filepath.Join(dir, site.ConfigFile), []byte("title = \"Hiring at Example\"\n")) }, ""},
			} {
				op.do(i)
				m := p.settle(t)
				if op.err != "" {
					if len(m.Errors) == 0 || !strings.Contains(strings.Join(m.Errors, "\n"), op.err) {
						t.Fatalf("%s: want an error naming %s, got %+v", op.name, op.err, m)
					}
					continue
				}
				if len(m.Errors) > 0 {
					t.Fatalf("%s: %v", op.name, m.Errors)
				}
				p.sameAsCleanBuild(t)
				if t.Failed() {
					t.Fatalf("after %q", op.name)
				}
			}
		})
	}
}

func TestEditorDroppingsAloneDoNotRebuild(t *testing.T) {
	dir := newSite(t)
	p := start(t, Options{Source: dir})
	scripts := filepath.Join(dir, "content", "scripts")
	for _, name := range []string{".x.md.swp", ".x.md.swx", "x.md~", "4913", ".#x.md", "#x.md#", "x.md___jb_tmp___", ".goutputstream-ABC123", "x.md.bck"} {
		write(t, filepath.Join(scripts, name), []byte("not content"))
	}
	must(t, os.Chmod(filepath.Join(scripts, "sre_001.md"), 0o600))
	select {
	case m := <-p.events:
		t.Fatalf("a build ran: %+v", m)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestBrokenSiteAtStartShowsTheErrorsUntilFixed(t *testing.T) {
	dir := newSite(t)
	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	good := read(t, sre)
	write(t, sre, bytes.Replace(good, []byte("type: interview_script"), []byte("type: ["), 1))
	p := start(t, Options{Source: dir})
	code, page := p.get(t, "/panel/")
	if code != http.StatusInternalServerError || !bytes.Contains(page, []byte("content/scripts/sre_001.md:")) || !bytes.Contains(page, []byte("_kitgen/client.js")) {
		t.Fatalf("while broken: %d\n%s", code, page)
	}
	write(t, sre, good)
	if m := p.settle(t); len(m.Errors) > 0 || m.Gen != 1 {
		t.Fatalf("after the fix: %+v", m)
	}
	p.sameAsCleanBuild(t)
}

// TestManyChangesAtOnceRebuildOnce is a checkout of hundreds of files: one
// full build, not hundreds of small ones, ending in the clean build.
func TestManyChangesAtOnceRebuildOnce(t *testing.T) {
	dir := newSite(t)
	p := start(t, Options{Source: dir})
	kit := read(t, filepath.Join(dir, "content", "scripts", "platform_001.md"))
	for i := range burst + 50 {
		id := fmt.Sprintf("bulk_%03d", i)
		write(t, filepath.Join(dir, "content", "bulk", id+".md"), bytes.ReplaceAll(kit, []byte("platform_001"), []byte(id)))
	}
	p.settle(t)
	p.sameAsCleanBuild(t)
}

func TestPathsOutsideTheSiteAre404(t *testing.T) {
	dir := newSite(t)
	write(t, filepath.Join(dir, site.ConfigFile), []byte("title = \"Secret-free\"\n"))
	p := start(t, Options{Source: dir})
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
		"/panel/../../kitgen.toml",
		"/panel/%2e%2e/%2e%2e/kitgen.toml",
		"/panel/..%5c..%5ckitgen.toml",
		"/./panel/",
		"//etc/passwd",
		"/etc/passwd",
		"/kitgen.toml",
		"/content/scripts/sre_001.md",
		"/content/",
		"/panel/%00",
		"http://evil.example/etc/passwd",
		"/C:/Windows/win.ini",
	} {
		code, body := rawGet(t, p.ln.Addr().String(), target)
		// An absolute URL names its host, which the host guard refuses.
		if code != http.StatusNotFound && code != http.StatusBadRequest && code != http.StatusForbidden {
			t.Errorf("GET %s: %d, want 404", target, code)
		}
		for _, secret := range []string{"root:", "Secret-free\"", "visibility"} {
			if strings.Contains(body, secret) {
				t.Errorf("GET %s sent %q", target, secret)
			}
		}
	}
}

// rawGet sends target exactly as given, as a client that cleans nothing.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestPagesGetTheClientAndBuildsDoNot(t *testing.T) {
	dir := newSite(t)
	p := start(t, Options{Source: dir})
	code, page := p.get(t, "/prep/sre_001/")
	if code != 200 || !bytes.Contains(page, []byte(`<script src="../../_kitgen/client.js" data-page="prep/sre_001/index.html" data-gen="1" defer></script></body>`)) {
		t.Errorf("prep page: %d, no client before </body>", code)
	}
	if code, js := p.get(t, "/_kitgen/client.js"); code != 200 || !bytes.Contains(js, []byte("EventSource")) {
		t.Errorf("client: %d", code)
	}
	code, _ = p.get(t, "/prep/sre_001")
	if code != 200 {
		t.Errorf("a folder without its slash: %d after the redirect", code)
	}
	for _, b := range p.state.Load().files {
		if bytes.Contains(b, []byte("_kitgen/")) {
			t.Fatal("the client is in the built site itself")
		}
	}
}

// lockedBuffer is a log the server and the test read at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestSaveShowsItsWarnings checks that serve prints what kitgen check
// finds in the file just saved, as build does, and what changed elsewhere,
// but not again the unchanged warnings of files the save did not touch.
func TestSaveShowsItsWarnings(t *testing.T) {
	dir := newSite(t)
	log := &lockedBuffer{}
	p := start(t, Options{Source: dir, Log: log})
	const atlas = "platform_001.md:16:63: warning"
	if !strings.Contains(log.String(), atlas) {
		t.Fatalf("the first build shows no warnings:\n%s", log)
	}
	since := func() func() string {
		n := len(log.String())
		return func() string { return log.String()[n:] }
	}
	save := func(p string, b []byte) func() string {
		t.Helper()
		printed := since()
		write(t, p, b)
		return printed
	}

	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	printed := save(sre, replace(t, sre, "Red flag", "Red flag, edited"))
	p.settle(t)
	if strings.Contains(printed(), "platform_001.md") {
		t.Errorf("a save of sre_001.md printed another kit's warnings:\n%s", printed())
	}

	// A config save rebuilds everything, and changes no finding; nor does
	// a whole build after lost events.
	printed = save(filepath.Join(dir, "kitgen.toml"), []byte("title = \"Kits\"\n"))
	p.settle(t)
	if !strings.Contains(printed(), "kitgen.toml: 13 pages") || strings.Contains(printed(), "warning") {
		t.Errorf("a config save printed the site's warnings again:\n%s", printed())
	}
	if n, ok := p.w.(*notify); ok {
		printed = since()
		n.w.Errors <- fsnotify.ErrEventOverflow
		p.settle(t)
		if !strings.Contains(printed(), "built the site") || strings.Contains(printed(), "warning") {
			t.Errorf("a whole build printed the site's unchanged warnings again:\n%s", printed())
		}
	}

	// The saved file's warnings show again: they are what its author is
	// looking at.
	a := filepath.Join(dir, "content", "scripts", "platform_001.md")
	printed = save(a, append(read(t, a), "\n"...))
	p.settle(t)
	if !strings.Contains(printed(), atlas) {
		t.Errorf("a save of the atlas kit did not show its warnings:\n%s", printed())
	}

	// A kata no kit names any more has a new warning, which shows though
	// the save was another file's.
	kata := filepath.Join(dir, "content", "katas", "extra.md")
	kit := filepath.Join(dir, "content", "scripts", "extra_kit.md")
	write(t, kit, []byte("---\nid: extra_kit\ntype: interview_script\nvisibility: private\nkatas: [X-1]\n---\n## Only (5 mins)\n"))
	write(t, kata, []byte("---\nid: X-1\ntype: kata\ntitle: Extra\nvisibility: public\n---\n## Task {audience=both}\n\nDo it.\n\n::: panel\n- [ ] Did it\n:::\n"))
	p.settle(t)
	printed = save(kit, replace(t, kit, "katas: [X-1]\n", ""))
	p.settle(t)
	if !strings.Contains(printed(), "extra.md:2: warning: kata X-1 is never referenced") {
		t.Errorf("a save that left a kata unreferenced did not say so:\n%s", printed())
	}
}

// TestOverflowRebuildsEverything: when the kernel's queue overflows,
// events were lost, and only a whole build is sure to be right.
func TestOverflowRebuildsEverything(t *testing.T) {
	dir := newSite(t)
	log := &lockedBuffer{}
	p := start(t, Options{Source: dir, Log: log})
	n, ok := p.w.(*notify)
	if !ok {
		t.Skipf("watching %s, not through notifications", p.Watching())
	}
	before := strings.Count(log.String(), "built the site")
	// Lost events: a file changed that no event names.
	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	b := replace(t, sre, "Red flag", "Red flag, unseen")
	must(t, n.w.Remove(filepath.Join(dir, "content", "scripts")))
	write(t, sre, b)
	n.w.Errors <- fsnotify.ErrEventOverflow
	p.settle(t)
	if got := strings.Count(log.String(), "built the site"); got != before+1 {
		t.Errorf("%d whole builds after the overflow, want 1:\n%s", got-before, log)
	}
	p.sameAsCleanBuild(t)
	// The folder whose watch was lost is watched again.
	write(t, sre, replace(t, sre, "Red flag, unseen", "Red flag, seen"))
	p.settle(t)
	p.sameAsCleanBuild(t)
}

// TestFallsBackToPollingWhenNotificationsFail is a machine out of inotify
// watches: one clear line, then the same previews by listing the files.
func TestFallsBackToPollingWhenNotificationsFail(t *testing.T) {
	dir := newSite(t)
	log := &lockedBuffer{}
	p := start(t, Options{Source: dir, Log: log,
		notify: func(string) (watcher, error) { return nil, fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC) }})
	want := "cannot watch " + dir + " through file system notifications (inotify_add_watch: no space left on device: the system's limit on watches is reached; raise fs.inotify.max_user_watches); listing the files every 500ms instead"
	if !strings.Contains(log.String(), want) || strings.Count(log.String(), "cannot watch") != 1 {
		t.Fatalf("log:\n%s\nwant one line saying:\n%s", log, want)
	}
	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	write(t, sre, replace(t, sre, "Red flag", "Red flag, polled"))
	p.settle(t)
	p.sameAsCleanBuild(t)
}

// TestEventsSayWhatChanged: a page that connects is told the build number
// alone, and after a build what changed, an empty list when nothing did,
// so that the client reloads only for what it cannot account for.
func TestEventsSayWhatChanged(t *testing.T) {
	dir := newSite(t)
	p := start(t, Options{Source: dir})
	if p.hello.Changed != nil || p.hello.Gen != 1 {
		t.Errorf("on connecting: %+v, want build 1 and no list", p.hello)
	}
	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	write(t, sre, read(t, sre))
	if m := p.settle(t); m.Changed == nil || len(*m.Changed) != 0 {
		t.Errorf("after a save that changes nothing: %+v, want an empty list", m)
	}
	write(t, sre, replace(t, sre, "Red flag", "Red flag, changed"))
	if m := p.settle(t); m.Changed == nil || strings.Join(*m.Changed, " ") != "panel/sre_001/index.html" {
		t.Errorf("after an edit: %+v, want the panel guide", m)
	}
}

// TestWorksBehindAProxyUnderAPrefix mounts the server under /preview/ of
// another, as a team's dev proxy or a remote container's port forward
// does: the page's client and its event stream resolve through it.
func TestWorksBehindAProxyUnderAPrefix(t *testing.T) {
	dir := newSite(t)
	s, err := Start(Options{Source: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	target, _ := url.Parse(s.URL())
	proxy := httptest.NewServer(http.StripPrefix("/preview", httputil.NewSingleHostReverseProxy(target)))
	// The server first: it ends the event stream the proxy waits on.
	defer func() {
		s.Close()
		proxy.Close()
	}()
	page := proxy.URL + "/preview/panel/sre_001/"
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`<script src="([^"]+)"`).FindAllSubmatch(b, -1)
	src := string(m[len(m)-1][1])
	base, _ := url.Parse(page)
	client, _ := base.Parse(src)
	if client.Path != "/preview/_kitgen/client.js" {
		t.Fatalf("the client's address %q resolves to %s, outside the prefix", src, client.Path)
	}
	events, _ := client.Parse("events")
	ch := listen(t, events.String())
	if hello := <-ch; hello.Gen != 1 {
		t.Fatalf("through the proxy: %+v", hello)
	}
	sre := filepath.Join(dir, "content", "scripts", "sre_001.md")
	write(t, sre, replace(t, sre, "Red flag", "Red flag, proxied"))
	select {
	case m := <-ch:
		if m.Gen != 2 {
			t.Errorf("after a save: %+v", m)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event through the proxy")
	}
}
