// Package serve is kitgen's preview server: it builds a site into memory,
// serves it, watches the sources and rebuilds what a save touches, and
// tells the open pages to reload over Server-Sent Events.
//
// The site is kept in memory rather than written to disk: a page is
// swapped in only once the whole build is good, so a reload never meets a
// half-written site; saves cost no disk writes; and public/ stays what the
// last kitgen build made.
package serve

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
	"kitgen/generator/site"
	"kitgen/generator/srcfs"
)

// Options configure a server.
type Options struct {
	Source string
	// Addr is host:port to listen on; port 0 picks a free one.
	Addr string
	// AllowedHosts are the names, besides localhost, IP addresses and
	// Addr's host, that requests may give as Host or Origin; ".example.com"
	// allows example.com and every name under it.
	AllowedHosts []string
	// Poll, when set, watches by listing the sources this often instead
	// of through the system's notifications.
	Poll time.Duration
	// Quiet is how long the sources must be still before a rebuild: one
	// save is often several events (write to a temporary file, rename,
	// chmod), and a git checkout is many.
	Quiet time.Duration
	Log   io.Writer
	// notify starts watching through notifications; tests make it fail.
	notify func(root string) (watcher, error)
}

// defaultQuiet is set from a measurement: a vim save's events (write,
// chmod, swap file removed) span under 1.5 ms here. 10 ms coalesces a save
// with room for a loaded machine, and the author does not notice it.
const defaultQuiet = 10 * time.Millisecond

// burst is how many changed paths make a rebuild of everything: past it, a
// checkout or a generator ran, and one full pass beats many small ones.
const burst = 200

// maxWait bounds how long a stream of events can hold a rebuild off.
const maxWait = 250 * time.Millisecond

// fallbackPoll is how often kitgen lists the sources when notifications
// do not work.
const fallbackPoll = 500 * time.Millisecond

// Server is a running preview.
type Server struct {
	opts  Options
	src   string
	live  *site.Live
	state atomic.Pointer[state]
	hub   hub
	hosts *hosts
	w     watcher
	how   string
	ln    net.Listener
	http  *http.Server
	done  chan struct{}
	wg    sync.WaitGroup
	// warned holds each file's findings as last printed. Only rebuild
	// uses it, and one rebuild runs at a time: Start's, then loop's.
	warned map[string][]*diag.Diagnostic
}

// Start listens, starts watching and builds the site. The site may
// fail to build: the server then shows the errors until it does.
func Start(o Options) (*Server, error) {
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	// A missing content/ is a wrong -s far more often than a site about to
	// be written: say so rather than serve an error page.
	if fi, err := os.Stat(filepath.Join(src, "content")); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("no content/ folder in %s; kitgen serves the .md files under SOURCE/content (set SOURCE with -s)", src)
	}
	if o.Quiet == 0 {
		o.Quiet = defaultQuiet
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.notify == nil {
		o.notify = func(root string) (watcher, error) { return newNotify(root) }
	}
	s := &Server{opts: o, src: src, live: site.NewLive(src, audience.Both), done: make(chan struct{})}
	s.state.Store(&state{})
	bind, _, _ := net.SplitHostPort(o.Addr)
	s.hosts = newHosts(bind, o.AllowedHosts, func(msg string) {
		fmt.Fprintf(o.Log, "%s refused a request: %s\n", time.Now().Format("15:04:05"), msg)
	})
	if s.ln, err = net.Listen("tcp", o.Addr); err != nil {
		return nil, err
	}
	// Watch first: a save during the first build is then not missed.
	every := o.Poll
	if every == 0 {
		if n, err := o.notify(src); err == nil {
			s.w, s.how = n, "through file system notifications"
		} else {
			every = fallbackPoll
			fmt.Fprintf(o.Log, "kitgen: cannot watch %s through file system notifications (%v%s); listing the files every %v instead (--poll sets how often)\n", src, err, watchHint(err), every)
		}
	}
	if every > 0 {
		s.w, s.how = newPoll(src, every), fmt.Sprintf("by listing the files every %v", every)
	}
	s.rebuild(nil, true)
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		s.http.Serve(s.ln)
	}()
	go func() {
		defer s.wg.Done()
		s.loop()
	}()
	return s, nil
}

func watchHint(err error) string {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return ": the system's limit on watches is reached; raise fs.inotify.max_user_watches"
	}
	return ""
}

// URL is the site's address.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Watching says how the server sees changes.
func (s *Server) Watching() string { return s.how }

// Close stops the server: the watcher, the open event streams, then the
// listener. It leaves nothing behind: the site was only ever in memory.
func (s *Server) Close() error {
	close(s.done)
	werr := s.w.Close()
	err := s.http.Close()
	s.wg.Wait()
	return errors.Join(werr, err)
}

// loop gathers events until the sources are quiet, then rebuilds.
func (s *Server) loop() {
	var (
		pending = map[string]bool{}
		all     bool
		timer   *time.Timer
		wait    <-chan time.Time
		first   time.Time
	)
	events := s.w.Events()
	for {
		select {
		case <-s.done:
			return
		case e, ok := <-events:
			if !ok {
				return
			}
			if e.all {
				all = true
			} else {
				pending[e.path] = true
			}
			if timer == nil {
				first = time.Now()
				timer = time.NewTimer(s.opts.Quiet)
			} else if time.Since(first) < maxWait {
				timer.Reset(s.opts.Quiet)
			}
			wait = timer.C
		case <-wait:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			s.rebuild(paths, all || len(paths) > burst)
			pending, all, timer, wait = map[string]bool{}, false, nil, nil
		}
	}
}

// rebuild builds what paths touch, everything when all, and publishes the
// result: the new site if it is good, the errors beside the last good one
// if not.
func (s *Server) rebuild(paths []string, all bool) {
	start := time.Now()
	var (
		st   site.Stats
		errs diag.List
	)
	if all {
		st, errs = s.live.Rebuild()
	} else {
		st, errs = s.live.Update(paths)
	}
	prev := s.state.Load()
	next := &state{files: prev.files, gen: prev.gen}
	what := describe(paths, all)
	if errs.HasErrors() {
		var lines []string
		for _, d := range errs {
			if d.Severity == diag.Error {
				lines = append(lines, d.Error())
				next.errors = append(next.errors, s.framed(d))
			}
		}
		still := "still serving the last good site"
		if prev.files == nil {
			still = "serving the errors until it builds"
		}
		fmt.Fprintf(s.opts.Log, "%s %s: the build failed; %s\n%s\n", start.Format("15:04:05"), what, still, strings.Join(lines, "\n"))
	} else {
		next.files = s.live.Files().Snapshot()
		next.changed = s.live.Files().Changed()
		next.gen++
		if prev.errors != nil {
			fmt.Fprintf(s.opts.Log, "%s %s: fixed\n", start.Format("15:04:05"), what)
		}
		pages := diag.Plural(st.Pages, "page")
		if st.Spliced > 0 {
			pages += fmt.Sprintf(" (%d only in their {{cached}} parts)", st.Spliced)
		}
		fmt.Fprintf(s.opts.Log, "%s %s: %s in %.1f ms\n", start.Format("15:04:05"), what, pages, float64(time.Since(start).Microseconds())/1000)
		s.warn(st.Warnings, paths)
	}
	s.state.Store(next)
	s.hub.publish(next.message(true))
}

// framed is d for the overlay: with the lines of its file around it, so
// that the author sees the mistake in the page without opening the file.
func (s *Server) framed(d *diag.Diagnostic) string {
	if d.File == "" || d.Line == 0 {
		return d.Error()
	}
	// Read as the build reads sources: never a file outside the site,
	// whose lines would go to every page listening.
	src, err := srcfs.FS{Dir: s.src}.ReadFile(d.File)
	if err != nil {
		return d.Error()
	}
	if f := diag.Frame(src, d.Line, d.Col); f != "" {
		return d.Error() + "\n\n" + f
	}
	return d.Error()
}

// describe names what a rebuild was for: a source file rather than the
// temporary file a tool wrote on the way, when there is one.
func describe(paths []string, all bool) string {
	if all || len(paths) == 0 {
		return "built the site"
	}
	md := func(p string) int {
		if path.Ext(p) == ".md" {
			return 0
		}
		return 1
	}
	slices.SortFunc(paths, func(a, b string) int { return cmp.Or(cmp.Compare(md(a), md(b)), cmp.Compare(a, b)) })
	if len(paths) == 1 {
		return diag.Escape(paths[0])
	}
	return fmt.Sprintf("%s and %d more", diag.Escape(paths[0]), len(paths)-1)
}

// warn prints the findings that do not stop the build, as kitgen build
// shows them: after the first build all of them; after that, those of the
// files a save touched, and of any other file whose findings changed (a
// kit no longer names a kata, which is now never referenced), but not
// again the unchanged findings of files it did not touch, which a layout
// or config save would otherwise repeat for the whole site.
func (s *Server) warn(l diag.List, paths []string) {
	now := map[string][]*diag.Diagnostic{}
	for _, d := range l {
		now[d.File] = append(now[d.File], d)
	}
	touched := map[string]bool{}
	for _, p := range paths {
		touched[p] = true
	}
	if s.warned != nil {
		same := map[string]bool{}
		for f, ds := range now {
			same[f] = !touched[f] && slices.EqualFunc(ds, s.warned[f], func(a, b *diag.Diagnostic) bool {
				// A source not read again keeps its findings; formatting
				// a thousand kits' warnings on every save took longer
				// than a stylesheet's whole rebuild.
				return a == b || a.Error() == b.Error()
			})
		}
		l = slices.DeleteFunc(slices.Clone(l), func(d *diag.Diagnostic) bool { return same[d.File] })
	}
	s.warned = now
	l.PrintSome(s.opts.Log)
}
