package site

import (
	"bytes"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"time"

	"kitgen/generator/check"
	"kitgen/generator/content"
	"kitgen/generator/diag"
	"kitgen/generator/gate"
	"kitgen/generator/render"
	"kitgen/generator/theme"
)

// Live is a site kept with what each of its pages was made of, so that a
// change renders exactly the pages that depend on it (deps.go): kitgen
// serve's model of the site, and a one-off build's single pass.
//
// Live is not safe for concurrent use: one goroutine calls Rebuild and
// Update, and the steps they run use other goroutines only inside them.
type Live struct {
	src   string
	trees Trees
	out   Output
	// pdf says that the build prints the guides to PDF after it.
	pdf bool
	// files is out when the site is kept in memory; only then does Live
	// remove what a page no longer writes.
	files *Files

	g       *generator
	sources map[string]*source
	// Findings that belong to no one page.
	setup, walk, engineErrs, indexErrs, assetErrs diag.List
	// What the engine and asset steps wrote.
	engines, assets []string
	// What the index pages list, to write them again only when that
	// changes: most saves do not change a kit's title or length, and the
	// index of a thousand kits costs more to render than the kit.
	lists [2]*render.Index
	// katas is the kata index the pages were resolved against.
	katas string
	// gate is the leak gate, which knows every source; scans are the files
	// written for the candidate since it last checked, and gateErrs what
	// it found. gateMu guards gate while render's workers add to it.
	gate     *gate.Gate
	gateMu   sync.Mutex
	scans    []scanned
	gateErrs diag.List
	// copied are the theme's static files as last written, and prints
	// the theme's text files with their words, so that a save of one
	// writes and fingerprints that one again, not all.
	copied map[string][]byte
	prints map[string]printed
	// allowed is the theme's and the config's text as the gate holds it,
	// by file, so that a save of one gives the gate that one again.
	allowed map[string]gate.Fingerprint
}

// printed is one of the theme's files as last read, and its words.
type printed struct {
	data  []byte
	print gate.Fingerprint
}

// print is theme file f's fingerprint, made again only when it changed.
func (l *Live) print(f string, b []byte) gate.Fingerprint {
	if old, ok := l.prints[f]; ok && bytes.Equal(old.data, b) {
		return old.print
	}
	p := printed{data: b, print: gate.Scan(f, b)}
	l.prints[f] = p
	return p.print
}

// source is one markdown file and what became of it.
type source struct {
	page  *content.Page // nil when the file did not load
	entry entry
	// errs are what reading, parsing and linting the source found; out
	// what it wrote for each tree, and what stopped that.
	errs diag.List
	out  [2]output
}

// settled notes in the index entry whether the source's pages rendered,
// after either tree's changed.
func (s *source) settled() {
	s.entry.ok = s.out[0].err == nil && s.out[1].err == nil
}

// job is a source to render again: whole when the source itself changed,
// so that it is parsed, linted and learned by the gate again; otherwise
// only its pages in the trees of which, whose templates changed.
type job struct {
	path  string
	which Trees
	whole bool
	// splice are the trees where only the page's {{cached}} parts are
	// made again.
	splice Trees
}

// NewLive returns a site in src, not yet built; the first Update builds
// it all.
func NewLive(src string, trees Trees) *Live {
	f := &Files{}
	return &Live{src: src, trees: trees, out: f, files: f}
}

// Files is the site as last built, good or not.
func (l *Live) Files() *Files { return l.files }

// Rebuild builds the whole site again, config and theme included: for
// when what changed is not known.
func (l *Live) Rebuild() (Stats, diag.List) {
	start := time.Now()
	var st Stats
	l.sources = map[string]*source{}
	l.walk, l.engineErrs, l.indexErrs, l.assetErrs, l.gateErrs = nil, nil, nil, nil, nil
	l.engines, l.assets, l.lists, l.scans = nil, nil, [2]*render.Index{}, nil
	l.copied, l.prints, l.allowed = map[string][]byte{}, map[string]printed{}, map[string]gate.Fingerprint{}
	l.g, l.setup = setup(l.src, l.trees)
	if l.g == nil {
		return st, l.setup
	}
	l.g.site.PDF = l.pdf
	l.gate = gate.New()
	// The theme's files are read and fingerprinted while the sources load
	// and render: the gate needs them only at the end, and in a process
	// just started they cost as much as walking content/.
	allowed := make(chan map[string]gate.Fingerprint, 1)
	go func() { allowed <- l.g.allowed(l.print) }()
	allow := func() { l.allow(<-allowed) }
	paths, walk := content.Sources(l.src)
	l.walk = walk
	if paths == nil && walk.HasErrors() {
		allow()
		return st, l.findings(nil)
	}
	l.read(paths)
	st.Load = time.Since(start)
	site := l.site()
	l.katas = katasKey(site.Katas)
	l.writeEngines(site)
	l.writeAssets()
	jobs := make([]job, len(paths))
	for i, p := range paths {
		jobs[i] = job{path: p, which: l.trees, whole: true}
	}
	l.render(jobs)
	allow()
	return l.finish(st, start, site, allTemplates)
}

// allTemplates forces every index page to render.
var allTemplates = func(string) bool { return true }

// Update renders what the files changed — slash paths below the site's
// source — touch, and returns the findings for the whole site. The paths
// need not be exact: content/ is listed again to find what was added or
// removed, and a folder's path stands for everything in it.
func (l *Live) Update(changed []string) (Stats, diag.List) {
	if l.g == nil {
		return l.Rebuild()
	}
	c := classify(changed, l.g.cfg.Theme)
	if c.other {
		return l.Rebuild()
	}
	if c.config {
		// Another theme is another site.
		if cfg, err := LoadConfig(l.src); err == nil && cfg.Theme != l.g.cfg.Theme {
			return l.Rebuild()
		}
	}
	start := time.Now()
	var st Stats
	kinds, spliced, ok := l.restyle(c)
	if !ok {
		// The next save starts from scratch: what this one skipped is
		// not known.
		l.g = nil
		return st, l.findings(nil)
	}
	dirty, katas := l.reread(c.content)
	st.Load = time.Since(start)
	site := l.site()
	if key := katasKey(site.Katas); key != l.katas {
		l.katas = key
		dirty = slices.Collect(maps.Keys(l.sources))
	}
	if katas {
		l.g.render.ForgetKatas()
		l.writeEngines(site)
	}
	if c.static {
		l.writeAssets()
	}
	var jobs []job
	var which, splice Trees
	for _, t := range trees {
		switch {
		case kinds[t.page]:
			which |= t.reader
		case spliced[t.page]:
			splice |= t.reader
		}
	}
	whole := make(map[string]bool, len(dirty))
	for _, p := range dirty {
		whole[p] = true
	}
	for p := range l.sources {
		switch {
		case whole[p]:
			jobs = append(jobs, job{path: p, which: l.trees, whole: true})
		case which != 0 || splice != 0:
			jobs = append(jobs, job{path: p, which: which, splice: splice})
		}
	}
	l.render(jobs)
	// An index page is rendered whole for any change to what it uses.
	return l.finish(st, start, site, func(t string) bool { return kinds[t] || spliced[t] })
}

// restyle takes in a change of config, layouts or static files, and
// returns the templates whose pages it touches, and those whose pages it
// touches only in their {{cached}} parts; false when the new config or
// theme does not load.
func (l *Live) restyle(c change) (kinds, spliced map[string]bool, ok bool) {
	kinds, spliced = map[string]bool{}, map[string]bool{}
	if !c.config && len(c.layouts) == 0 && !c.static {
		return kinds, spliced, true
	}
	l.setup = nil
	uses := func() {
		for _, t := range render.Templates {
			layouts, fragments, _ := l.g.render.Uses(t)
			kinds[t] = kinds[t] || touches(c.layouts, layouts)
			spliced[t] = spliced[t] || touches(c.layouts, fragments)
		}
	}
	if c.config {
		cfg, err := LoadConfig(l.src)
		var fields []string
		if err == nil {
			fields, err = l.g.configure(cfg)
		}
		if err != nil {
			l.setup.Add(err)
			return nil, nil, false
		}
		for _, t := range render.Templates {
			_, _, site := l.g.render.Uses(t)
			kinds[t] = kinds[t] || slices.ContainsFunc(fields, func(f string) bool { return slices.Contains(site, f) })
		}
	}
	th, err := theme.Open(l.src, l.g.cfg.Theme)
	if err != nil {
		l.setup.Add(err)
		return nil, nil, false
	}
	l.g.th = th
	if len(c.layouts) > 0 {
		// A template may stop or start using a layout: both the old and
		// the new templates say what the change touches.
		uses()
		if err := l.g.render.Reload(th); err != nil {
			l.setup.Add(err)
			return nil, nil, false
		}
		uses()
	}
	l.allow(l.g.allowed(l.print))
	return kinds, spliced, true
}

// allow gives the gate the text of the theme and the config, as allowed
// returns it: only what changed since it last did, since most saves
// change one file, and the gate counts every word of every file it is
// given.
func (l *Live) allow(prints map[string]gate.Fingerprint) {
	for name, f := range prints {
		if old, ok := l.allowed[name]; !ok || !slices.Equal(old, f) {
			l.gate.Allow(name, f)
		}
	}
	for name := range l.allowed {
		if _, ok := prints[name]; !ok {
			l.gate.Remove(name)
		}
	}
	l.allowed = prints
}

// reread lists content/ again and reads what was added and what changed,
// and returns the sources to render whole: those, and the pages that
// refer to a kata among them; and whether a kata was among them. Sources
// that went are forgotten.
func (l *Live) reread(changed []string) (dirty []string, anyKata bool) {
	if len(changed) == 0 {
		return nil, false
	}
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
	katas := map[string]bool{}
	for p, s := range l.sources {
		if !listed[p] || touched[p] {
			if s.page != nil && s.page.Kind == content.Kata {
				katas[p] = true
			}
		}
		if !listed[p] {
			delete(l.sources, p)
			l.gate.Remove(p)
		}
	}
	l.read(read)
	for _, p := range read {
		if l.isKata(p) {
			katas[p] = true
		}
	}
	dirty = read
	isRead := make(map[string]bool, len(read))
	for _, p := range read {
		isRead[p] = true
	}
	for p, s := range l.sources {
		if !isRead[p] && slices.ContainsFunc(s.entry.refs, func(r content.Ref) bool { return katas[r.Kata.Path] }) {
			dirty = append(dirty, p)
		}
	}
	return dirty, len(katas) > 0
}

func (l *Live) isKata(p string) bool {
	s := l.sources[p]
	return s != nil && s.page != nil && s.page.Kind == content.Kata
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

func (l *Live) writeAssets() {
	rec := &recorder{out: l.out}
	l.assetErrs = nil
	seen := map[string]bool{}
	names, err := l.g.assets(rec, func(f string, b []byte) bool {
		seen[f] = true
		if old, ok := l.copied[f]; ok && bytes.Equal(old, b) {
			return false
		}
		l.copied[f] = b
		return true
	})
	// A file that went and comes back must be written again.
	maps.DeleteFunc(l.copied, func(f string, _ []byte) bool { return !seen[f] })
	l.assetErrs.Add(err)
	l.assets = names
	l.scans = append(l.scans, rec.scans...)
}

// render runs the jobs in parallel: parse, lint and render each page.
func (l *Live) render(jobs []job) {
	jobs = slices.DeleteFunc(jobs, func(j job) bool { return l.sources[j.path].page == nil })
	scans := make([][]scanned, len(jobs))
	learned := make([]*gate.Source, len(jobs))
	each(len(jobs), func(i int) {
		j := jobs[i]
		s := l.sources[j.path]
		if j.splice != 0 && !j.whole {
			if j.which, scans[i] = l.splice(s, j.splice, j.which); j.which == 0 {
				return
			}
		}
		o, errs := l.g.parse(s.page)
		if j.whole {
			s.entry = entry{page: s.page, title: o.Title, total: o.Total(), refs: o.Refs}
			s.errs, s.out = errs, [2]output{}
			if !errs.HasErrors() {
				s.errs = append(s.errs, l.g.lint(o)...)
			}
		}
		if errs.HasErrors() {
			return
		}
		for t, tr := range trees {
			if !j.which.Has(tr.reader) || !l.trees.Has(tr.reader) || tr.onlyWithPrep && !hasPrep(s.page) {
				continue
			}
			rec := &recorder{out: l.out}
			total, frags, err := l.g.renderPage(o, tr, rec)
			if tr.onlyWithPrep && err == nil {
				s.entry.prepTotal = total
			}
			s.out[t] = output{rec.names, err, frags}
			scans[i] = append(scans[i], rec.scans...)
		}
		s.settled()
		if j.whole && l.trees.Has(trees[1].reader) {
			learned[i] = gate.Learn(o, hasPrep(s.page))
			if l.files == nil {
				// A one-off build never takes a source back: the gate
				// counts its runs now and keeps none of them.
				l.gateMu.Lock()
				l.gate.Add(learned[i])
				l.gateMu.Unlock()
				learned[i] = nil
			}
		}
		if l.files == nil && s.page.Kind == content.Script {
			// A one-off build is done with the script's text once its
			// pages are written: letting it go keeps the heap, and the
			// collector's work, to the pages in flight.
			s.page.Body = nil
		}
	})
	for i, j := range jobs {
		switch {
		case learned[i] != nil:
			l.gate.Set(learned[i])
		case j.whole:
			l.gate.Remove(j.path)
		}
		l.scans = append(l.scans, scans[i]...)
	}
}

// splice makes the {{cached}} parts of s's pages in the trees of which
// again, where the page has them and last rendered whole, and returns
// the trees where it does not, to render whole with those of full, and
// the files it wrote for the candidate.
func (l *Live) splice(s *source, which, full Trees) (Trees, []scanned) {
	var scans []scanned
	for t, tr := range trees {
		o := s.out[t]
		switch {
		case !which.Has(tr.reader) || !l.trees.Has(tr.reader) || tr.onlyWithPrep && !hasPrep(s.page):
		case o.err != nil || len(o.names) == 0 || l.files == nil:
			full |= tr.reader
		case len(o.frags) == 0:
			// Nothing of the page comes from what changed.
		default:
			rec := &recorder{out: l.out}
			frags, err := l.g.splice(s.page, tr, o, l.files, rec)
			s.out[t] = output{rec.names, err, frags}
			scans = append(scans, rec.scans...)
		}
	}
	s.settled()
	return full, scans
}

// finish writes the index pages again — all of them when what they list
// changed, else those whose template force names — runs the leak gate,
// drops what nothing writes any more, and gathers the findings.
func (l *Live) finish(st Stats, start time.Time, site *content.Site, force func(template string) bool) (Stats, diag.List) {
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
	extra = append(extra, warnings(check.Unreferenced(site.Katas, referenced))...)
	extra.Add(site.Duplicates())
	panel, prep := l.g.render.Indexes(listedOf(entries))
	if l.lists[0] == nil || !reflect.DeepEqual(l.lists, [2]*render.Index{panel, prep}) {
		force = allTemplates
	}
	rec := &recorder{out: l.out}
	if err := l.g.indexes(panel, prep, rec, force); err != nil || len(rec.names) > 0 {
		l.indexErrs = nil
		l.indexErrs.Add(err)
	}
	l.lists = [2]*render.Index{panel, prep}
	l.scans = append(l.scans, rec.scans...)
	st.Gate = l.check()
	if l.files != nil {
		l.files.keep(l.written())
	}
	st.Render = time.Since(start) - st.Load
	st.Pages = int(l.g.pages.Swap(0))
	st.Spliced = int(l.g.spliced.Swap(0))
	st.Kits, st.Katas = len(site.Scripts), len(site.Katas)
	errs := l.findings(extra)
	for _, d := range errs {
		if d.Severity < diag.Error {
			st.Warnings = append(st.Warnings, d)
		}
	}
	return st, errs
}

func (l *Live) findings(extra diag.List) diag.List {
	errs := slices.Concat(l.setup, l.walk, l.engineErrs, l.indexErrs, l.assetErrs, l.gateErrs, extra)
	for _, s := range l.sources {
		errs = append(errs, s.errs...)
		for _, o := range s.out {
			errs.Add(o.err)
		}
	}
	errs.Sort()
	return errs
}

// written is every file name the site's pages and steps wrote last.
func (l *Live) written() map[string]bool {
	w := map[string]bool{}
	for _, names := range [][]string{l.engines, l.assets} {
		for _, n := range names {
			w[n] = true
		}
	}
	w["index.html"] = true
	for _, t := range trees {
		if l.trees.Has(t.reader) {
			w[t.dir+"/index.html"] = true
		}
	}
	for _, s := range l.sources {
		for _, o := range s.out {
			for _, n := range o.names {
				w[n] = true
			}
		}
	}
	return w
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
