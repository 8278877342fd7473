package serve

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHostsAllows(t *testing.T) {
	h := newHosts("mybox.lan", []string{"kits.example.com", ".corp.example", " Proxy.Example:8443 "}, func(string) {})
	for host, want := range map[string]bool{
		"localhost":              true,
		"localhost:1313":         true,
		"LOCALHOST:1313":         true,
		"localhost.":             true,
		"app.localhost:1313":     true,
		"127.0.0.1:1313":         true,
		"127.0.0.1":              true,
		"[::1]:1313":             true,
		"[::1]":                  true,
		"192.168.1.20:1313":      true,
		"mybox.lan:1313":         true,
		"kits.example.com":       true,
		"kits.example.com:443":   true,
		"corp.example":           true,
		"a.b.corp.example:1313":  true,
		"proxy.example":          true,
		"":                       false,
		"attacker.example":       false,
		"attacker.example:1313":  false,
		"localhost.attacker.com": false,
		"evilcorp.example":       false,
		"kits.example.com.evil":  false,
		"127.0.0.1.nip.io":       false,
		"127.1":                  false,
		"0x7f000001":             false,
		"mybox.lan.evil":         false,
	} {
		if got := h.allows(host); got != want {
			t.Errorf("allows(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestServeAnswersOnlyHostsItKnows: a page at attacker.example whose
// name resolves to 127.0.0.1 (DNS rebinding) gets 403, for pages and the
// event stream alike, and so does an event stream opened from a page
// elsewhere.
func TestServeAnswersOnlyHostsItKnows(t *testing.T) {
	log := &lockedBuffer{}
	p := start(t, Options{Source: newSite(t), AllowedHosts: []string{"kits.example.com"}, Log: log})
	port := p.ln.Addr().String()[strings.LastIndex(p.ln.Addr().String(), ":"):]
	for _, c := range []struct {
		path, host, origin string
		want               int
	}{
		{"/panel/", "localhost" + port, "", 200},
		{"/panel/", "127.0.0.1" + port, "", 200},
		{"/panel/", "[::1]" + port, "", 200},
		{"/panel/", "kits.example.com", "", 200},
		{"/panel/", "attacker.example" + port, "", 403},
		{"/panel/platform_001/", "attacker.example", "", 403},
		{"/_kitgen/events", "attacker.example" + port, "http://attacker.example" + port, 403},
		{"/_kitgen/events", "localhost" + port, "http://localhost" + port, 200},
		{"/_kitgen/events", "kits.example.com", "https://kits.example.com", 200},
		{"/_kitgen/events", "localhost" + port, "http://attacker.example", 403},
		{"/_kitgen/events", "localhost" + port, "null", 403},
		{"/_kitgen/events", "localhost" + port, "file://", 403},
		{"/_kitgen/client.js", "attacker.example", "", 403},
	} {
		req, err := http.NewRequest("GET", p.URL()+strings.TrimPrefix(c.path, "/"), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = c.host
		if c.origin != "" {
			req.Header.Set("Origin", c.origin)
		}
		// The event stream stays open: the answer's status is enough.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		body := ""
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			body = string(b)
		}
		resp.Body.Close()
		cancel()
		if resp.StatusCode != c.want {
			t.Errorf("GET %s Host %s Origin %q: %d, want %d", c.path, c.host, c.origin, resp.StatusCode, c.want)
		}
		if c.want == 403 && (strings.Contains(body, "<") || !strings.Contains(body, "DNS rebinding")) {
			t.Errorf("GET %s Host %s: the refusal says %q", c.path, c.host, body)
		}
	}
	if got := log.String(); !strings.Contains(got, `the request's host is "attacker.example`) || strings.Count(got, `host is "attacker.example:`) != 1 {
		t.Errorf("the terminal should say once per host what was refused:\n%s", got)
	}
}
