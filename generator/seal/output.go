package seal

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"maps"
	"strings"
	"sync"
)

// Output is where a site is written: site.Output, which this package
// does not import.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Sealed says whether the site's file name is sealed: everything under
// panel/ but the theme's static files and the engines in panel/assets/
// and the favicon, which are the same files prep/ holds.
func Sealed(name string) bool {
	return strings.HasPrefix(name, "panel/") && !strings.HasPrefix(name, "panel/assets/") && name != "panel/favicon.ico"
}

// Suffix ends the name of a sealed file that is not a page: guide.pdf is
// written as guide.pdf.sealed.
const Suffix = ".sealed"

// Sealer seals the panel's files on their way to the site: each page
// becomes the theme's sealed page (layouts/panel/sealed.html) holding it,
// and any other file NAME.sealed. Its fields are set before the first
// file is written; after that it is safe for use from several goroutines
// at once, as site.Output must be.
type Sealer struct {
	// Key returns the key, waiting for it: the derivation takes longer
	// than loading the site, and runs while it loads and renders.
	Key func() (*Key, error)
	// Page is the sealed page's template, run with a Page.
	Page interface {
		Execute(w io.Writer, data any) error
	}
	// Site is the sealed page's .Site: the site's title for its header.
	Site any
	// PDF says whether a page has a sealed guide.pdf beside it, for the
	// unlocked page to offer as a download.
	PDF func(name string) bool
	// Keep makes the sealer keep each page's plaintext, for Plain.
	Keep bool

	mu     sync.Mutex
	plain  map[string][]byte
	frames map[frameKey]frame
}

// Page is what the sealed page's template is given.
type Page struct {
	Site any
	// Title names the page in the browser's tab: the guide's own title
	// is sealed with it.
	Title string
	// Tree is the folder the page's tree is in, panel; Root is the
	// relative path from the page to it, where its assets are. The page's
	// script computes the name the page was sealed under from them and
	// its address.
	Tree, Root string
	Noindex    bool
	// Salt, Iterations and Check are what the browser derives the key
	// with and checks it against; Sealed is the sealed page. The byte
	// strings are in unpadded base64url, which HTML escaping leaves as it
	// is. Sealed, which goes in an element's text, is filled in after the
	// template has run.
	Salt, Check string
	Sealed      template.HTML
	Iterations  int
	// PDF says that guide.pdf.sealed lies beside the page.
	PDF bool
}

var b64 = base64.RawURLEncoding

// Wrap returns an Output that seals what Sealed names and passes it, and
// everything else, on to next.
func (s *Sealer) Wrap(next Output) Output { return &output{s, next} }

type output struct {
	s    *Sealer
	next Output
}

func (o *output) WriteFile(name string, data []byte) error {
	if !Sealed(name) {
		return o.next.WriteFile(name, data)
	}
	b, name, err := o.s.seal(name, data)
	if err != nil {
		return err
	}
	return o.next.WriteFile(name, b)
}

// Seal seals files the way Wrap's Output does, for those written after the
// site: guide.pdf.
func (s *Sealer) Seal(files map[string][]byte) (map[string][]byte, error) {
	out := make(map[string][]byte, len(files))
	for n, b := range files {
		if !Sealed(n) {
			out[n] = b
			continue
		}
		b, n, err := s.seal(n, b)
		if err != nil {
			return nil, err
		}
		out[n] = b
	}
	return out, nil
}

// seal returns the sealed form of file name and the name to write it
// under.
func (s *Sealer) seal(name string, data []byte) ([]byte, string, error) {
	k, err := s.Key()
	if err != nil {
		return nil, "", err
	}
	if !strings.HasSuffix(name, ".html") {
		return k.Seal(name, data), name + Suffix, nil
	}
	if s.Keep {
		s.mu.Lock()
		if s.plain == nil {
			s.plain = map[string][]byte{}
		}
		s.plain[name] = data
		s.mu.Unlock()
	}
	tree, rest, _ := strings.Cut(name, "/")
	root := "./"
	if n := strings.Count(rest, "/"); n > 0 {
		root = strings.Repeat("../", n)
	}
	f, err := s.frame(k, frameKey{tree, root, s.PDF != nil && s.PDF(name)})
	if err != nil {
		return nil, "", err
	}
	sealed := k.Seal(name, data)
	b := make([]byte, len(f.head)+b64.EncodedLen(len(sealed))+len(f.tail))
	n := copy(b, f.head)
	b64.Encode(b[n:], sealed)
	copy(b[n+b64.EncodedLen(len(sealed)):], f.tail)
	return b, name, nil
}

// frameKey is what a sealed page's frame depends on besides the site.
type frameKey struct {
	tree, root string
	pdf        bool
}

// frame is a sealed page with its sealed page left out: what comes before
// and after it.
type frame struct{ head, tail []byte }

// hole stands for the sealed page in the template's output. The template
// is run once for each frame rather than once a page: copying each page,
// the size of a guide, through it cost a large site more than sealing.
const hole = "\x00kitgen-sealed-page\x00"

func (s *Sealer) frame(k *Key, fk frameKey) (frame, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.frames[fk]; ok {
		return f, nil
	}
	p := Page{
		Site:       s.Site,
		Title:      "Sealed panel page",
		Tree:       fk.tree,
		Root:       fk.root,
		Noindex:    true,
		Salt:       b64.EncodeToString(k.Salt),
		Check:      b64.EncodeToString(k.Check()),
		Iterations: k.Iterations,
		Sealed:     hole,
		PDF:        fk.pdf,
	}
	var b bytes.Buffer
	if err := s.Page.Execute(&b, p); err != nil {
		return frame{}, fmt.Errorf("layout panel/sealed.html: %w", err)
	}
	head, tail, ok := bytes.Cut(b.Bytes(), []byte(hole))
	if !ok || bytes.Contains(tail, []byte(hole)) {
		return frame{}, fmt.Errorf("layout panel/sealed.html: {{.Sealed}} must be there once, in an element's text")
	}
	if s.frames == nil {
		s.frames = map[frameKey]frame{}
	}
	f := frame{head, tail}
	s.frames[fk] = f
	return f, nil
}

// Plain returns the plaintext of every page sealed so far, when Keep is
// set: what --pdf prints.
func (s *Sealer) Plain() map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.plain)
}
