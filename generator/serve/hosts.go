package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"kitgen/generator/diag"
)

// hosts decides which Host (and Origin) a request may name: the guard
// against DNS rebinding, where a web page at attacker.example has its
// name resolve to 127.0.0.1 and reads the panel guides from a server
// there. The browser still sends Host: attacker.example, so the server
// answers only names it knows, as Vite (server.allowedHosts,
// CVE-2025-24010) and webpack-dev-server (allowedHosts) do:
//
//   - localhost and names under .localhost, which resolve to this machine
//     only;
//   - any IP address, which no DNS answer can put in a Host header;
//   - the host the server is bound to;
//   - the names the user allows (--allowed-hosts); one starting with a
//     dot allows that name and every name under it.
//
// It is set up once and only read after, from any goroutine.
type hosts struct {
	names, suffixes []string
	log             func(string)

	mu     sync.Mutex
	logged map[string]bool
}

func newHosts(bind string, allowed []string, log func(string)) *hosts {
	h := &hosts{log: log, logged: map[string]bool{}}
	for _, a := range append([]string{bind}, allowed...) {
		a = hostname(a)
		switch {
		case a == "":
		case strings.HasPrefix(a, "."):
			h.suffixes = append(h.suffixes, a)
		default:
			h.names = append(h.names, a)
		}
	}
	return h
}

// hostname is the host of a Host header or an allowed-hosts entry: port,
// brackets and a final dot gone, lower case.
func hostname(hostport string) string {
	h := strings.TrimSpace(hostport)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

// allows reports whether a request naming hostport may be answered.
func (h *hosts) allows(hostport string) bool {
	host := hostname(hostport)
	switch {
	case host == "":
		return false
	case net.ParseIP(host) != nil:
		return true
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		return true
	}
	for _, n := range h.names {
		if host == n {
			return true
		}
	}
	for _, s := range h.suffixes {
		if host == s[1:] || strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// check answers 403 to a request whose Host, or Origin when it has one,
// is not allowed, and says whether it did.
func (h *hosts) check(w http.ResponseWriter, r *http.Request) bool {
	if !h.allows(r.Host) {
		h.refuse(w, "host", r.Host)
		return false
	}
	// A browser sends Origin with the event stream and other cross-origin
	// requests: a page elsewhere may not read what this server says.
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if o == "null" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || !h.allows(u.Host) {
			h.refuse(w, "origin", o)
			return false
		}
	}
	return true
}

func (h *hosts) refuse(w http.ResponseWriter, what, value string) {
	msg := fmt.Sprintf("this server answers only localhost, IP addresses and the hosts it is told to allow, a guard against DNS rebinding, and the request's %s is %q", what, value)
	name := hostname(value)
	if u, err := url.Parse(value); what == "origin" && err == nil {
		name = hostname(u.Host)
	}
	if name != "" && name != "null" {
		msg += "; if that name is yours, start kitgen serve with --allowed-hosts " + name
	}
	h.mu.Lock()
	first := !h.logged[value] && len(h.logged) < 100
	h.logged[value] = true
	h.mu.Unlock()
	if first {
		h.log(diag.Escape(msg))
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusForbidden)
	fmt.Fprintln(w, msg)
}
