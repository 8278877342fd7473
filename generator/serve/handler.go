package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed client.js
var clientJS []byte

// state is what the server shows: the last good site and the findings of
// the last build, which are errors when that build failed.
type state struct {
	files  map[string][]byte
	gen    int
	errors []string
	// changed lists the files the build that made gen changed.
	changed []string
}

// message is what an event on /_kitgen/events carries. Changed is
// absent from the event a page gets on connecting, which cannot know what
// the page missed, and always present after a build, empty when nothing
// changed: the client reloads on builds it cannot account for.
type message struct {
	Gen     int       `json:"gen"`
	Changed *[]string `json:"changed,omitempty"`
	Errors  []string  `json:"errors,omitempty"`
}

// message is the event after the build that made st, or, without news,
// the one a page gets on connecting.
func (st *state) message(news bool) []byte {
	m := message{Gen: st.gen, Errors: st.errors}
	if news {
		changed := append([]string{}, st.changed...)
		m.Changed = &changed
	}
	b, _ := json.Marshal(m)
	return b
}

// ServeHTTP serves the site from memory, to requests that name this
// server (see hosts). Only names the build wrote exist: there is no path
// to the source, the disk or a folder listing.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.check(w, r) {
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case "/_kitgen/events":
		s.events(w, r)
		return
	case "/_kitgen/client.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(clientJS)
		return
	}
	st := s.state.Load()
	name, ok := siteName(r.URL.Path)
	if !ok {
		s.notFound(w, r, st)
		return
	}
	if st.files == nil {
		s.failed(w, r, st)
		return
	}
	if b, found := st.files[name]; found && name != "" {
		s.file(w, r, st, name, b)
		return
	}
	index := path.Join(name, "index.html")
	if _, found := st.files[index]; found {
		if name != "" && !strings.HasSuffix(r.URL.Path, "/") {
			// Relative, so that it holds behind a proxy that moves the site.
			http.Redirect(w, r, path.Base(r.URL.Path)+"/", http.StatusMovedPermanently)
			return
		}
		s.file(w, r, st, index, st.files[index])
		return
	}
	s.notFound(w, r, st)
}

// siteName turns a request path into the name of a file in the site, ""
// for the root. Paths that climb (.. in any spelling, once decoded) or
// hold what no site name holds are refused rather than cleaned: a request
// for them is an attack or a mistake, never a page.
func siteName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "//") {
		return "", false
	}
	name := strings.TrimPrefix(p, "/")
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	return strings.TrimSuffix(name, "/"), true
}

func (s *Server) file(w http.ResponseWriter, r *http.Request, st *state, name string, b []byte) {
	if strings.HasSuffix(name, ".html") {
		b = inject(b, r.URL.Path, name, st.gen)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// inject adds the live-reload client to an HTML page. The script's address
// is relative to the page, so it resolves wherever the site is mounted.
func inject(page []byte, urlPath, name string, gen int) []byte {
	dir := urlPath[:strings.LastIndex(urlPath, "/")+1]
	up := strings.Repeat("../", strings.Count(dir, "/")-1)
	tag := fmt.Sprintf(`<script src="%s_kitgen/client.js" data-page="%s" data-gen="%d" defer></script>`, up, html.EscapeString(name), gen)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// failed answers every page while no build has succeeded yet: the errors,
// with the client, which shows them and reloads once the site builds.
func (s *Server) failed(w http.ResponseWriter, r *http.Request, st *state) {
	var b strings.Builder
	b.WriteString("<!doctype html><meta charset=utf-8><title>kitgen: build failed</title><body><h1>The site does not build yet</h1>")
	for _, e := range st.errors {
		fmt.Fprintf(&b, "<pre>%s</pre>", html.EscapeString(e))
	}
	b.WriteString("</body>")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	// Build -1: whatever build comes next, the page has none of it.
	w.Write(inject([]byte(b.String()), r.URL.Path, "", -1))
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	page := fmt.Sprintf("<!doctype html><meta charset=utf-8><title>Not found</title><body><h1>Not found</h1><p>%s is not a page of this site. The panel guides are under <a href=\"/panel/\">/panel/</a>, the candidate pages under <a href=\"/prep/\">/prep/</a>.</p></body>", html.EscapeString(r.URL.Path))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	// The page may be about to exist: the author opened it before saving.
	if name, ok := siteName(r.URL.Path); ok {
		w.Write(inject([]byte(page), r.URL.Path, path.Join(name, "index.html"), st.gen))
		return
	}
	w.Write([]byte(page))
}

// events streams a build event to the page: the current state at once,
// then one after each build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	send := func(b []byte) bool {
		_, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", b)
		flusher.Flush()
		return err == nil
	}
	if !send(s.state.Load().message(false)) {
		return
	}
	keepalive := time.NewTicker(25 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case b := <-ch:
			if !send(b) {
				return
			}
		case <-keepalive.C:
			// Proxies close streams that stay quiet.
			if _, err := fmt.Fprint(w, ": keepalive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// hub fans build events out to the open pages.
type hub struct {
	mu   sync.Mutex
	subs map[chan []byte]bool
}

func (h *hub) subscribe() chan []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[chan []byte]bool{}
	}
	ch := make(chan []byte, 8)
	h.subs[ch] = true
	return ch
}

func (h *hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, ch)
}

// publish sends b to every page; a page too slow to take it misses it and
// catches up by the build number in the next.
func (h *hub) publish(b []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- b:
		default:
		}
	}
}
