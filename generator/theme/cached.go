package theme

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"sync"
)

// Fragment is where the output of one {{cached}} call sits in a page. A
// page keeps its fragments so that a change to templates it reaches only
// through {{cached}} is made good without rendering it again: each
// fragment is run again, once per key, and spliced in (Page.Splice).
type Fragment struct {
	At, Len int
	call    *call
}

// call is one {{cached "name" data}}: what ran, with what, and what it
// wrote. key is "" when data has no CacheKey: such a call is run for
// each page that makes it.
type call struct {
	name, key string
	data      any
	once      sync.Once
	html      string
	err       error
	// marker is what the function returned for the call, "" until then.
	marker string
}

// cache holds the {{cached}} calls of one template set, the function's
// state, as Hugo's partialCached keeps its results for the build. It is
// safe for concurrent use: the pages of one template render on every
// core.
//
// The function returns a marker in place of its HTML, and the page's
// writer puts the HTML where the marker is written whole: that is where
// html/template prints the value as it is, in HTML text. The marker ends
// in "<>", which every other context's escaper changes or strips, and
// begins with a nonce no source can know, so that a marker written
// anywhere else is found in the page and refused rather than published.
type cache struct {
	set func() *template.Template
	// files are the files that define the set's templates, by name.
	files map[string]string
	nonce string
	mu    sync.Mutex
	keyed map[string]*call
	// marked are the calls by their markers, which a page may yet write;
	// a call without a key is forgotten when its page is done.
	marked map[string]*call
	n      int
}

func newCache(set func() *template.Template) *cache {
	return &cache{set: set, nonce: "kitgencached" + rand.Text(), keyed: map[string]*call{}, marked: map[string]*call{}}
}

// fn is the templates' function {{cached "name" data}}: it runs template
// name with data as {{template}} would, and when data has a CacheKey,
// keeps the result for every page whose data has the same key. A
// scorecard is the same on most kits of a team, and the costliest part of
// a guide to execute.
func (c *cache) fn(name string, data any) (template.HTML, error) {
	cl, err := c.run(name, data, "")
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl.marker == "" {
		c.n++
		cl.marker = c.nonce + strconv.Itoa(c.n) + "<>"
		c.marked[cl.marker] = cl
	}
	return template.HTML(cl.marker), nil
}

// run returns the call of template name with data: kept, when data has
// a key, or else run now. key, when not "", is data's key as a call
// already made computed it.
func (c *cache) run(name string, data any, key string) (*call, error) {
	if key == "" {
		if k, ok := data.(interface{ CacheKey() string }); ok {
			key = name + "\x00" + k.CacheKey()
		}
	}
	if key == "" {
		cl := &call{name: name, data: data}
		cl.html, cl.err = c.exec(name, data)
		return cl, cl.err
	}
	c.mu.Lock()
	cl := c.keyed[key]
	if cl == nil {
		cl = &call{name: name, key: key, data: data}
		c.keyed[key] = cl
	}
	c.mu.Unlock()
	// The pages that want a key while it runs wait for it.
	cl.once.Do(func() { cl.html, cl.err = c.exec(name, data) })
	return cl, cl.err
}

func (c *cache) exec(name string, data any) (string, error) {
	var b bytes.Buffer
	w := &writer{b: &b, c: c}
	err := c.set().ExecuteTemplate(w, name, data)
	w.done()
	if err == nil {
		// Checked here as well as in the page: a splice puts this
		// output in a page without running the page's template.
		err = c.leftover(b.Bytes(), name)
	}
	return b.String(), err
}

// leftover fails out, which template name wrote, when a marker is left
// in it: one an escaper changed, so its writer could not replace it.
func (c *cache) leftover(out []byte, name string) error {
	if !bytes.Contains(out, []byte(c.nonce)) {
		return nil
	}
	where := c.files[name]
	if where != name {
		where += fmt.Sprintf(", template %q", name)
	}
	return fmt.Errorf("%s: %w", where, errMarker)
}

// writer is a page, or a cached template's output, as its template
// writes it: markers written whole become their calls' HTML.
type writer struct {
	b     *bytes.Buffer
	c     *cache
	frags []Fragment
}

func (w *writer) Write(p []byte) (int, error) {
	if len(p) > len(w.c.nonce) && string(p[:len(w.c.nonce)]) == w.c.nonce {
		w.c.mu.Lock()
		cl := w.c.marked[string(p)]
		w.c.mu.Unlock()
		if cl != nil {
			w.frags = append(w.frags, Fragment{At: w.b.Len(), Len: len(cl.html), call: cl})
			w.b.WriteString(cl.html)
			return len(p), nil
		}
	}
	return w.b.Write(p)
}

// done forgets the markers of the calls without a key this writer took:
// no other page writes them.
func (w *writer) done() {
	w.c.mu.Lock()
	defer w.c.mu.Unlock()
	for _, f := range w.frags {
		if f.call.key == "" {
			delete(w.c.marked, f.call.marker)
		}
	}
}

// errMarker is a {{cached}} call whose result stood where html/template
// escapes it: in an attribute, a script, a style, or a textarea.
var errMarker = errors.New("{{cached}} may stand only where HTML goes, not in an attribute, script, style or textarea")

// Render runs the page's template with data into b, and returns where
// the output of each {{cached}} call sits.
func (p *Page) Render(b *bytes.Buffer, data any) ([]Fragment, error) {
	w := &writer{b: b, c: p.cache}
	err := p.tmpl.Execute(w, data)
	w.done()
	if err != nil {
		return nil, err
	}
	if err := p.cache.leftover(b.Bytes(), p.tmpl.Name()); err != nil {
		return nil, err
	}
	return w.frags, nil
}

// Execute runs the page's template with data into w, as html/template's
// Execute does.
func (p *Page) Execute(w io.Writer, data any) error {
	var b bytes.Buffer
	if _, err := p.Render(&b, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Splice returns page, which frags say where its {{cached}} calls wrote,
// with each call made again by p's templates, and the fragments of the
// result. It is for a change to templates the page reaches only through
// {{cached}}: the rest of the page is what it was.
func (p *Page) Splice(page []byte, frags []Fragment) ([]byte, []Fragment, error) {
	out := make([]byte, 0, len(page))
	next := make([]Fragment, len(frags))
	at := 0
	for i, f := range frags {
		if f.At < at || f.At+f.Len > len(page) {
			return nil, nil, fmt.Errorf("%s: fragment %d is not in the page", p.tmpl.Name(), i)
		}
		cl, err := p.cache.run(f.call.name, f.call.data, f.call.key)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, page[at:f.At]...)
		next[i] = Fragment{At: len(out), Len: len(cl.html), call: cl}
		out = append(out, cl.html...)
		at = f.At + f.Len
	}
	return append(out, page[at:]...), next, nil
}
