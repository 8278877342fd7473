package site

import (
	"maps"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"kitgen/generator/check"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/gate"
)

// Live is a site kept in memory with what it takes to rebuild only what a
// change touches: kitgen serve's model of the site. A one-script edit
// re-renders that kit and the indexes; a kata edit, the kata and the kits
// that refer to it; a change outside content/ — config, layouts, a theme —
// everything.
type Live struct {
	src   string
	trees Trees
	out   Output
	// files is out when the site is kept in memory; only then does Live
	// remove what a page no longer writes.
	files *Files

	g       *generator
	sources map[string]*source
	// Findings that belong to no one page.
	setup, walk, engineErrs, indexErrs diag.List
	// What the engine and index steps wrote.
	engines, indexes []string
	// What the index pages list, to write them again only when that
	// changes: most saves do not change a kit's title or length, and the
	// index of a thousand kits costs more to render than the kit.
	lists [2]*listPage
	// gate is the leak gate, which knows every source; fresh are the
	// sources rendered since it last checked, scans the other files
	// written for the candidate since then, and gateErrs what it found.
	gate     *gate.Gate
	fresh    []string
	scans    []scanned
	gateErrs diag.List
}

// source is one markdown file and what became of it.
type source struct {
	page  *content.Page // nil when the file did not load
	entry entry
	errs  diag.List
	outs  []string
	// scans are the files it wrote for the candidate, fingerprinted, until
	// the gate has checked them.
	scans []scanned
}

// NewLive returns a site in src, not yet built; the first Update builds
// it all.
func NewLive(src string, trees Trees) *Live {
	f := &Files{}
	return &Live{src: src, trees: trees, out: f, files: f}
}

// Files is the site as last built, good or not.
func (l *Live) Files() *Files { return l.files }

// Update rebuilds what the files changed — slash paths below the site's
// source — touch, and returns the findings for the whole site. The paths
// need not be exact: content/ is listed again to find what was added or
// removed, so a folder's path stands for everything in it.
func (l *Live) Update(changed []string) (Stats, diag.List) {
	if l.g == nil || slices.ContainsFunc(changed, func(p string) bool { return p != "content" && !strings.HasPrefix(p, "content/") }) {
		return l.Rebuild()
	}
	start := time.Now()
	var st Stats
	paths, walk := content.Sources(l.src)
	l.walk = walk
	touched := map[string]bool{}
	for _, p := range changed {
		touched[p] = true
	}
	listed := map[string]bool{}
	var read []string
	for _, p := range paths {
		listed[p] = true
		if l.sources[p] == nil || touched[p] {
			read = append(read, p)
		}
	}
	old := map[string]*content.Page{}
	for p, s := range l.sources {
		if !listed[p] {
			old[p] = s.page
			delete(l.sources, p)
			l.gate.Remove(p)
		}
	}
	for _, p := range read {
		if s := l.sources[p]; s != nil {
			old[p] = s.page
		}
	}
	l.read(read)
	st.Load = time.Since(start)

	// A kata whose frontmatter changed, or that came or went, can change
	// how any page resolves its references: then every page renders again.
	all := false
	var edited []string
	for p, o := range old {
		var n *content.Page
		if s := l.sources[p]; s != nil {
			n = s.page
		}
		wasKata, isKata := o != nil && o.Kind == content.Kata, n != nil && n.Kind == content.Kata
		switch {
		case wasKata && isKata && o.Slug == n.Slug && reflect.DeepEqual(o.Fields, n.Fields):
			edited = append(edited, p)
		case wasKata || isKata:
			all = true
		}
	}
	dirty := read
	if all {
		dirty = slices.Collect(maps.Keys(l.sources))
	} else if len(edited) > 0 {
		for p, s := range l.sources {
			if slices.ContainsFunc(s.entry.refs, func(r content.Ref) bool { return slices.Contains(edited, r.Kata.Path) }) && !slices.Contains(dirty, p) {
				dirty = append(dirty, p)
			}
		}
	}
	site := l.site()
	if all {
		l.writeEngines(site)
	}
	l.render(dirty)
	return l.finish(st, start, site)
}

// Rebuild builds the whole site again, config and theme included: for
// when what changed is not known.
func (l *Live) Rebuild() (Stats, diag.List) {
	start := time.Now()
	var st Stats
	l.sources = map[string]*source{}
	l.walk, l.engineErrs, l.indexErrs, l.engines, l.indexes, l.lists = nil, nil, nil, nil, nil, [2]*listPage{}
	l.g, l.setup = newGenerator(l.src, l.trees)
	if l.g == nil {
		return st, l.setup
	}
	l.gate = gate.New()
	l.gate.Allow("theme and config", l.g.allowed()...)
	paths, walk := content.Sources(l.src)
	l.walk = walk
	if paths == nil && walk.HasErrors() {
		return st, l.findings(nil)
	}
	l.read(paths)
	st.Load = time.Since(start)
	site := l.site()
	l.writeEngines(site)
	l.render(paths)
	return l.finish(st, start, site)
}

// read loads the pages at paths, in parallel.
func (l *Live) read(paths []string) {
	pages, errs := content.ReadPages(l.src, paths)
	for i, p := range paths {
		s := &source{page: pages[i]}
		s.errs.Add(errs[i])
		l.sources[p] = s
	}
}

// site is every page that loaded, in path order, with the kata index set
// to its katas.
func (l *Live) site() *content.Site {
	paths := slices.Sorted(maps.Keys(l.sources))
	pages := make([]*content.Page, 0, len(paths))
	for _, p := range paths {
		pages = append(pages, l.sources[p].page)
	}
	s := content.NewSite(pages)
	l.g.katas.Set(s.Katas)
	return s
}

func (l *Live) writeEngines(site *content.Site) {
	rec := &recorder{out: l.out}
	l.engineErrs = l.g.writeEngines(site.Katas, rec)
	l.engines = rec.names
	// The engines' files are kitgen's own, the same for every site: their
	// words are the candidate's, not suspects.
	engines := make([]gate.Fingerprint, len(rec.scans))
	for i, sc := range rec.scans {
		engines[i] = sc.f
	}
	l.gate.Allow("engines", engines...)
}

// render renders the pages at paths, in parallel; each records what it
// wrote.
func (l *Live) render(paths []string) {
	paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return l.sources[p].page == nil })
	l.fresh = append(l.fresh, paths...)
	each(len(paths), func(i int) {
		s := l.sources[paths[i]]
		rec := &recorder{out: l.out}
		s.entry, s.errs = l.g.page(s.page, rec)
		s.outs, s.scans = rec.names, rec.scans
		if l.files == nil && s.page.Kind == content.Script {
			// A one-off build is done with the script's text once its
			// pages are written: letting it go keeps the heap, and the
			// collector's work, to the pages in flight.
			s.page.Body = nil
		}
	})
}

// finish writes the indexes, drops what no page writes any more and
// gathers the findings.
func (l *Live) finish(st Stats, start time.Time, site *content.Site) (Stats, diag.List) {
	var entries []entry
	referenced := map[*content.Page]bool{}
	for _, s := range l.sources {
		if s.page == nil {
			continue
		}
		entries = append(entries, s.entry)
		for _, r := range s.entry.refs {
			if k := l.sources[r.Kata.Path]; k != nil && k.page != nil {
				referenced[k.page] = true
			}
		}
	}
	var extra diag.List
	extra = append(extra, lint(check.Unreferenced(site.Katas, referenced))...)
	extra.Add(site.Duplicates())
	if panel, prep := l.g.lists(entries); l.lists[0] == nil || !reflect.DeepEqual(l.lists, [2]*listPage{panel, prep}) {
		rec := &recorder{out: l.out}
		l.indexErrs = nil
		l.indexErrs.Add(l.g.indexes(panel, prep, rec))
		l.indexes, l.lists = rec.names, [2]*listPage{panel, prep}
		l.scans = append(l.scans, rec.scans...)
	}
	st.Gate = l.check()
	if l.files != nil {
		l.files.keep(l.written())
	}
	st.Render = time.Since(start) - st.Load
	st.Pages = int(l.g.pages.Swap(0))
	st.Kits, st.Katas = len(site.Scripts), len(site.Katas)
	errs := l.findings(extra)
	for _, d := range errs {
		if d.Severity < diag.Error {
			st.Warnings = append(st.Warnings, d)
		}
	}
	return st, errs
}

// check is the leak gate: it learns the sources rendered since it last
// ran and scans every file written for the candidate since then. A
// finding is an error, so that the build stops before the site is
// swapped in or served.
func (l *Live) check() time.Duration {
	start := time.Now()
	scans := l.scans
	for _, p := range l.fresh {
		s := l.sources[p]
		if s == nil || s.entry.gate == nil {
			l.gate.Remove(p)
			continue
		}
		l.gate.Set(s.entry.gate)
		scans = append(scans, s.scans...)
		s.scans = nil
	}
	l.fresh, l.scans, l.gateErrs = nil, nil, nil
	for _, sc := range scans {
		if d := l.gate.Check(sc.name, sc.f); d != nil {
			l.gateErrs = append(l.gateErrs, d)
		}
	}
	return time.Since(start)
}

func (l *Live) findings(extra diag.List) diag.List {
	errs := slices.Concat(l.setup, l.walk, l.engineErrs, l.indexErrs, l.gateErrs, extra)
	for _, s := range l.sources {
		errs = append(errs, s.errs...)
	}
	errs.Sort()
	return errs
}

// written is every file name the site's pages and steps wrote last.
func (l *Live) written() map[string]bool {
	w := map[string]bool{}
	for _, names := range [][]string{l.engines, l.indexes} {
		for _, n := range names {
			w[n] = true
		}
	}
	for _, s := range l.sources {
		for _, n := range s.outs {
			w[n] = true
		}
	}
	return w
}

// recorder passes files on to out and notes their names, and the
// fingerprint of every text file written for the candidate, for the leak
// gate. Each page has its own, so it is used from one goroutine at a time.
type recorder struct {
	out   Output
	names []string
	scans []scanned
}

// scanned is a file written for the candidate and its fingerprint.
type scanned struct {
	name string
	f    gate.Fingerprint
}

func (r *recorder) WriteFile(name string, data []byte) error {
	r.names = append(r.names, name)
	// A binary file — the engine's wasm — holds no sentences.
	if strings.HasPrefix(name, "prep/") && utf8.Valid(data) {
		r.scans = append(r.scans, scanned{name, gate.Scan(name, data)})
	}
	return r.out.WriteFile(name, data)
}

// each runs f(0..n-1) on every core.
func each(n int, f func(int)) {
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range work {
				f(i)
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}
