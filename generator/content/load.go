package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"kitgen/generator/diag"
	"kitgen/generator/srcfs"
)

// Site is every page under a site's content/ folder.
type Site struct {
	Scripts []*Page
	Katas   []*Page
}

// Load reads and decodes every .md file under dir/content, in parallel.
// It reports every bad file, not just the first.
func Load(dir string) (*Site, diag.List) {
	paths, errs := Sources(dir)
	if errs.HasErrors() && paths == nil {
		return nil, errs
	}
	pages, perr := ReadPages(dir, paths)
	for _, err := range perr {
		errs.Add(err)
	}
	s := NewSite(pages)
	errs.Add(s.Duplicates())
	errs.Sort()
	return s, errs
}

// ReadPages reads the pages at paths, slash paths below dir, on every
// core. Page i is nil where error i says why.
func ReadPages(dir string, paths []string) ([]*Page, []error) {
	pages := make([]*Page, len(paths))
	errs := make([]error, len(paths))
	files := srcfs.FS{Dir: dir, Max: MaxScript}.Batch()
	defer files.Close()
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range work {
				pages[i], errs[i] = readPage(files.ReadFile, paths[i])
			}
		})
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	return pages, errs
}

// NewSite sorts pages, in the order given, into scripts and katas; nil
// pages are skipped.
func NewSite(pages []*Page) *Site {
	s := &Site{}
	for _, p := range pages {
		switch {
		case p == nil:
		case p.Kind == Kata:
			s.Katas = append(s.Katas, p)
		default:
			s.Scripts = append(s.Scripts, p)
		}
	}
	return s
}

// Duplicates reports pages of one kind that share an id or an output
// folder.
func (s *Site) Duplicates() error {
	var errs diag.List
	errs.Add(unique(s.Scripts, "kit"))
	errs.Add(unique(s.Katas, "kata"))
	return errs.Err()
}

// MaxScript is the most bytes of one script kitgen reads. Real scripts
// are 3-12 KB. Dense markdown costs the parser and the renderers about
// 230 times its size in memory: 1 MB builds in under 2 s and 260 MB,
// 16 MB took 17 s and 3.4 GB.
const MaxScript = 1 << 20

// ReadPage reads and decodes the page at rel, a slash path below dir.
// It reads a regular file inside dir only, and at most MaxScript bytes
// of it.
func ReadPage(dir, rel string) (*Page, error) {
	return readPage(srcfs.FS{Dir: dir, Max: MaxScript}.ReadFile, rel)
}

// readPage is ReadPage through read, which reads as srcfs does.
func readPage(read func(string) ([]byte, error), rel string) (*Page, error) {
	src, err := read(rel)
	switch {
	case errors.Is(err, srcfs.ErrTooLarge):
		return nil, diag.Errorf(rel, 0, "%w, the most kitgen reads of one script", srcfs.Why(err)).WithHint("split it into several scripts, or move what is not the script out of content/")
	case err != nil:
		return nil, diag.Errorf(rel, 0, "%w", srcfs.Why(err))
	}
	return ParsePage(rel, src)
}

// Sources lists the markdown files under dir/content, sorted, as slash
// paths below dir. Folder links are not followed: they can loop, and
// content outside the site would be built without its author knowing.
// For the same reason a file link that leads out of dir is skipped with a
// warning, and so is a .md that is no file's bytes (a named pipe, which
// would block the build, a device, a socket). With no content/ folder
// the list is nil.
func Sources(dir string) ([]string, diag.List) {
	var errs diag.List
	root := filepath.Join(dir, "content")
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		errs.Add(fmt.Errorf("no content/ folder in %s; kitgen builds the .md files under SOURCE/content (set SOURCE with -s)", dir))
		return nil, errs
	}
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			errs.Add(diag.Errorf(rel, 0, "%w", err))
			return nil
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				errs.Add(diag.Errorf(rel, 0, "broken or looping link: %w", err).WithHint("remove the link or point it at a file"))
				return nil
			case fi.IsDir():
				errs.Add(diag.Errorf(rel, 0, "links to a folder; kitgen does not follow folder links (they can loop), move the folder under content/ instead"))
				return nil
			}
		}
		if d.IsDir() || path.Ext(name) != ".md" {
			return nil
		}
		if !d.Type().IsRegular() {
			// Stat, not open: opening a named pipe blocks.
			if _, err := (srcfs.FS{Dir: dir}).Stat(rel); err != nil {
				errs.Add(skipped(rel, err))
				return nil
			}
		}
		paths = append(paths, rel)
		return nil
	})
	errs.Add(err)
	sort.Strings(paths)
	return paths, errs
}

// skipped is the warning for a source kitgen will not read.
func skipped(rel string, err error) *diag.Diagnostic {
	d := &diag.Diagnostic{File: rel, Severity: diag.Warning, Msg: srcfs.Why(err).Error() + "; skipped", Err: err}
	switch {
	case errors.Is(err, srcfs.ErrOutside):
		d.Hint = "kitgen reads only files inside the site's folder: copy the file in instead of linking to it"
	case errors.Is(err, srcfs.ErrNotFile):
		d.Hint = "only regular files are read: replace it with the file it stands for"
	}
	return d
}

// unique reports pages of one kind that share an id or an output folder.
func unique(pages []*Page, what string) error {
	var errs diag.List
	ids := map[string]*Page{}
	slugs := map[string]*Page{}
	for _, p := range pages {
		if q, dup := ids[p.ID]; dup && p.ID != "" {
			f, _ := p.Field("id")
			errs.Add(diag.Errorf(p.Path, f.Line, "duplicate %s id %q, also in %s; ids must be unique", what, p.ID, q.Path))
		}
		ids[p.ID] = p
		if q, dup := slugs[p.Slug]; dup {
			errs.Add(diag.Errorf(p.Path, 0, "%s %s has the same file name as %s, so both would be written to %s/; rename one", what, p.Path, q.Path, p.Slug))
		}
		slugs[p.Slug] = p
	}
	return errs.Err()
}
