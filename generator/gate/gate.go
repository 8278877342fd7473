// Package gate is the build's last step: a check, independent of the
// audience rules that cut the candidate's pages, that no run of words only
// the panel reads stands in any file written for the candidate. It knows
// nothing of how pages are cut; it compares the words of each source, as
// the panel and as the candidate read them, with the words of the files.
//
// A source's panel runs are its runs of Words words, from its markdown and
// its frontmatter; the ones the candidate may read are those of its
// candidate view and allow-listed fields. A run is the panel's alone when
// no source, and nothing of the theme or the site's config, gives it to
// the candidate: a phrase two kits share, one of them aloud, is no leak.
package gate

import (
	"html"
	"slices"
	"strings"

	"kitgen/generator/diag"
)

// Source is what the gate knows of one source file: the hashes of its
// runs, the panel's and those its candidate may read, each sorted and
// without repeats. Where a run stands is found again only when one leaks
// (Line): keeping a line for each run of a thousand kits weighed more than
// the rest of the gate.
type Source struct {
	Path             string
	panel, candidate []uint64
}

// Gate holds the runs of a site's sources, so that a rebuild replaces
// only those of the sources it read again. It is not safe for concurrent
// use: the goroutine that builds the site owns it.
type Gate struct {
	sources map[string]*Source
	// panel counts the sources holding each panel run; open those the
	// candidate may read.
	panel, open map[uint64]int32
}

// New returns a gate that knows no source.
func New() *Gate {
	return &Gate{sources: map[string]*Source{}, panel: map[uint64]int32{}, open: map[uint64]int32{}}
}

// Set replaces what the gate knows of the source at s.Path with s.
func (g *Gate) Set(s *Source) {
	g.Remove(s.Path)
	g.sources[s.Path] = s
	g.Add(s)
}

// Add counts s's runs without keeping them, for a gate that never takes
// a source back, as a one-off build's: a thousand kits' runs were a third
// of its heap. Check cannot name the source of a run only Add counted.
func (g *Gate) Add(s *Source) {
	for _, h := range s.panel {
		g.panel[h]++
	}
	for _, h := range s.candidate {
		g.open[h]++
	}
}

// Remove forgets the source at path.
func (g *Gate) Remove(path string) {
	old := g.sources[path]
	if old == nil {
		return
	}
	delete(g.sources, path)
	for _, h := range old.panel {
		if g.panel[h]--; g.panel[h] == 0 {
			delete(g.panel, h)
		}
	}
	for _, h := range old.candidate {
		if g.open[h]--; g.open[h] == 0 {
			delete(g.open, h)
		}
	}
}

// Allow adds, as a source of its own named name, text the candidate may
// read whatever the sources say: the theme's words, the site's config, the
// engines' files. Each is fingerprinted as Scan does.
func (g *Gate) Allow(name string, texts ...Fingerprint) {
	s := &Source{Path: name}
	for _, f := range texts {
		s.candidate = append(s.candidate, f...)
	}
	s.candidate = unique(s.candidate)
	g.Set(s)
}

// Check looks for panel runs in a file written for the candidate,
// fingerprinted as f. It returns the first it finds, and the first source,
// by path, that holds it ("" when Add counted it); ok is false when there
// is none.
func (g *Gate) Check(f Fingerprint) (src string, run uint64, ok bool) {
	for _, h := range f {
		if g.panel[h] == 0 || g.open[h] > 0 {
			continue
		}
		return g.where(h), h, true
	}
	return "", 0, false
}

// Leak is the error for file name, which holds words that only the panel
// reads, from the source file src at line.
func Leak(name, src string, line int) *diag.Diagnostic {
	d := diag.Errorf(src, line, "%s would show the candidate words that only the panel reads, from this line", name)
	d.Rule = "leak-gate"
	return d.WithHint("kitgen stopped before publishing it: this is a bug in kitgen; please report it with the source")
}

// where is the first source, by path, with panel run h.
func (g *Gate) where(h uint64) string {
	paths := make([]string, 0, len(g.sources))
	for p := range g.sources {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		if _, ok := slices.BinarySearch(g.sources[p].panel, h); ok {
			return p
		}
	}
	return ""
}

func unique(h []uint64) []uint64 {
	slices.Sort(h)
	return slices.Clip(slices.Compact(h))
}

// Fingerprint is the runs of a file written for the candidate, sorted.
type Fingerprint []uint64

// Scan fingerprints file name's data: its text, and in HTML its text and
// attribute values, entities and tags taken out.
func Scan(name string, data []byte) Fingerprint {
	f := make(Fingerprint, 0, len(data)/8)
	emit := func(h uint64, _ int) { f = append(f, h) }
	text, attr := runs{emit: emit}, runs{emit: emit}
	if !strings.HasSuffix(name, ".html") {
		text.add(data, 0)
		text.reset()
	} else {
		scanHTML(data, &text, &attr)
	}
	return slices.Clone(unique(f))
}

func scanHTML(b []byte, text, attr *runs) {
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && b[j] != '<' && b[j] != '&' {
			j++
		}
		text.add(b[i:j], i)
		switch {
		case j == len(b):
			i = j
		case b[j] == '&':
			text.end()
			i = entity(b, j)
		case j+1 < len(b) && (isLetter(b[j+1]) || b[j+1] == '/'):
			// A tag ends a word, not a run: "<em>" sits inside sentences.
			text.end()
			i = tag(b, j+1, attr)
		default:
			text.end()
			i = j + 1
		}
	}
	text.reset()
}

// entity returns the offset after the character reference at b[i], or
// after the '&' when it is none.
func entity(b []byte, i int) int {
	for k := i + 1; k < len(b) && k < i+12; k++ {
		if b[k] == ';' {
			if k > i+1 && html.UnescapeString(string(b[i:k+1])) != string(b[i:k+1]) {
				return k + 1
			}
			break
		}
		if !isLetter(b[k]) && !(b[k] >= '0' && b[k] <= '9') && b[k] != '#' {
			break
		}
	}
	return i + 1
}

// tag reads the tag whose name starts at b[i] and returns the offset after
// it, feeding each attribute value to attr as a text of its own.
func tag(b []byte, i int, attr *runs) int {
	for i < len(b) && b[i] != '>' {
		if b[i] != '=' {
			i++
			continue
		}
		i++
		end := i
		switch {
		case i < len(b) && (b[i] == '"' || b[i] == '\''):
			q := b[i]
			i++
			end = i
			for end < len(b) && b[end] != q {
				end++
			}
		default:
			for end < len(b) && b[end] != ' ' && b[end] != '>' {
				end++
			}
		}
		attr.reset()
		for k := i; k < end; {
			j := k
			for j < end && b[j] != '&' {
				j++
			}
			attr.add(b[k:j], k)
			if j < end {
				attr.end()
				j = min(entity(b, j), end)
			}
			k = j
		}
		attr.reset()
		i = min(end+1, len(b))
	}
	return min(i+1, len(b))
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
