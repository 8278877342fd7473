package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Options configure a build to disk.
type Options struct {
	Source, Dest string
	Trees        Trees
	// Finish, when set, runs on the complete site in its staging folder,
	// before the swap. The files it returns, slash paths below the site,
	// are written as the site's own: listed in the marker, so that the
	// next build replaces or removes them. kitgen build --pdf prints the
	// panel guides there.
	Finish func(stage string) (map[string][]byte, error)
	// Wrap, when set, wraps what the site is written to, as it is
	// rendered: kitgen build seals the panel's pages there. The files
	// Finish returns do not pass through it.
	Wrap func(Output) Output
	// PDF says that Finish prints each guide to guide.pdf beside it: the
	// guides then link their PDF.
	PDF bool
}

// Build generates the site into a staging folder beside Dest and swaps it
// in, so Dest always holds a complete site: the last good one when the
// build fails. The staging folder, .DEST.kitgen-stage, is the site before
// last: kitgen rewrites only the files that changed in it, because
// creating and deleting thousands of folders and files costs more than
// rendering them.
func Build(o Options) (Stats, error) {
	start := time.Now()
	src, dest, err := destination(o.Source, o.Dest)
	if err != nil {
		return Stats{}, err
	}
	old, err := owned(dest)
	if err != nil {
		return Stats{}, err
	}
	stage, empty, err := openStage(dest)
	if err != nil {
		return Stats{}, err
	}
	// What the stage holds now is only needed at the end, to find stale
	// files; listing it while the site renders keeps a walk of thousands of
	// folders off the build's serial path. Only kitgen writes there.
	staged := listLater(stage)
	out := newDirOutput(stage, empty)
	// Not a file of the site: the stage's own mark, gone before the swap.
	if err := os.WriteFile(filepath.Join(stage, stageMarker), []byte("kitgen builds here, then swaps this folder with the site.\n"), 0o644); err != nil {
		return Stats{}, err
	}
	var gen Output = out
	if o.Wrap != nil {
		gen = o.Wrap(out)
	}
	l := &Live{src: src, trees: o.Trees, out: gen, pdf: o.PDF}
	st, errs := l.Rebuild()
	// The destination is the user's too: it is listed for their files as
	// late as can be, while the last writes finish, so that a file they add
	// during a build is not left behind in the stage, where the next build
	// would take it for kitgen's.
	present := listLater(dest)
	if err := out.wait(); err != nil {
		errs.Add(err)
	}
	if errs.HasErrors() {
		return st, errs
	}
	var finish time.Duration
	if o.Finish != nil {
		t := time.Now()
		files, err := o.Finish(stage)
		finish = time.Since(t)
		if err != nil {
			return st, err
		}
		if err := out.writeNow(files); err != nil {
			return st, err
		}
	}
	if err := out.finish(staged.wait()); err != nil {
		return st, err
	}
	if err := os.Remove(filepath.Join(stage, stageMarker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return st, err
	}
	if err := keepForeign(dest, stage, old, present.wait()); err != nil {
		return st, err
	}
	if err := swap(stage, dest); err != nil {
		return st, err
	}
	st.Swap = time.Since(start) - st.Load - st.Render - finish
	return st, errs.Err()
}

// openStage returns the staging folder for dest, made if missing, and
// whether it is empty. Only kitgen writes there; a folder of that name
// that kitgen did not make is refused.
func openStage(dest string) (stage string, empty bool, err error) {
	stage = filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".kitgen-stage")
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return "", false, err
	}
	entries, err := os.ReadDir(stage)
	if err != nil {
		return "", false, err
	}
	_, marked := os.Stat(filepath.Join(stage, stageMarker))
	if _, err := os.Stat(filepath.Join(stage, Marker)); len(entries) > 0 && err != nil && marked != nil {
		return "", false, fmt.Errorf("%s is kitgen's staging folder, but kitgen did not write what is in it; move it away", stage)
	}
	return stage, len(entries) == 0, nil
}

// stageMarker marks a staging folder as kitgen's from the first file on, so
// that a build that fails halfway leaves a folder the next build takes up.
const stageMarker = ".kitgen-stage"

// listing is what a folder held: slash paths below it, parents before
// their children.
type listing struct {
	entries []listed
	err     error
}

type listed struct {
	rel string
	dir bool
}

// future is a listing being made in the background.
type future chan listing

func listLater(root string) future {
	f := make(future, 1)
	go func() { f <- list(root) }()
	return f
}

// list lists root as filepath.WalkDir walks it, each of its folders in a
// walk of its own, side by side: a site's thousands of folders cost a
// system call or three each, and the destination's listing is on the
// build's last, serial stretch.
func list(root string) listing {
	top, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return listing{}
	}
	if err != nil {
		return listing{err: err}
	}
	below := make([]listing, len(top))
	each(len(top), func(i int) {
		if top[i].IsDir() {
			below[i] = walk(root, top[i].Name())
		}
	})
	var l listing
	for i, e := range top {
		if below[i].err != nil {
			return listing{err: below[i].err}
		}
		l.entries = append(l.entries, listed{e.Name(), e.IsDir()})
		l.entries = append(l.entries, below[i].entries...)
	}
	return l
}

// walk lists what folder dir of root holds, as slash paths below root.
func walk(root, dir string) listing {
	var l listing
	from := filepath.Join(root, dir)
	l.err = filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != from {
			rel, _ := filepath.Rel(root, p)
			l.entries = append(l.entries, listed{filepath.ToSlash(rel), d.IsDir()})
		}
		return nil
	})
	return l
}

func (f future) wait() listing { return <-f }

// dirOutput writes files below root and remembers them for the marker.
// Writes go to a pool of goroutines: creating folders and files costs
// hundreds of microseconds each on some disks, and they overlap well.
type dirOutput struct {
	root string
	// empty says the folder held nothing when the build began: no file
	// there can be one this build would write again unchanged, and every
	// folder is new.
	empty bool
	mu    sync.Mutex
	files []string
	dirs  map[string]*sync.Once
	jobs  chan writeJob
	wg    sync.WaitGroup
	err   error
}

type writeJob struct {
	path string
	data []byte
}

const writers = 16

func newDirOutput(root string, empty bool) *dirOutput {
	o := &dirOutput{root: root, empty: empty, dirs: map[string]*sync.Once{}, jobs: make(chan writeJob, writers)}
	for range writers {
		o.wg.Go(func() {
			var buf []byte
			for j := range o.jobs {
				o.write(j, &buf)
			}
		})
	}
	return o
}

// unchanged says whether the file at path holds data. It compares a
// chunk at a time through buf, reused by the caller: reading every old
// page into fresh memory was a build's largest allocation, and reading
// the 2 MB engine whole kept a buffer of its size for the whole build.
func unchanged(path string, data []byte, buf *[]byte) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() != int64(len(data)) {
		return false
	}
	if *buf == nil {
		// Most pages fit in one read.
		*buf = make([]byte, 32<<10)
	}
	for len(data) > 0 {
		b := (*buf)[:min(len(*buf), len(data))]
		if _, err := io.ReadFull(f, b); err != nil || !bytes.Equal(b, data[:len(b)]) {
			return false
		}
		data = data[len(b):]
	}
	return true
}

func (o *dirOutput) write(j writeJob, buf *[]byte) {
	if !o.empty && unchanged(j.path, j.data, buf) {
		return
	}
	dir := filepath.Dir(j.path)
	o.mu.Lock()
	once := o.dirs[dir]
	if once == nil {
		once = &sync.Once{}
		o.dirs[dir] = once
	}
	o.mu.Unlock()
	var err error
	once.Do(func() { err = mkdir(dir) })
	if err == nil {
		err = os.WriteFile(j.path, j.data, 0o644)
	}
	if err != nil {
		o.mu.Lock()
		o.err = errors.Join(o.err, err)
		o.mu.Unlock()
	}
}

// mkdir makes folder dir and its parents as os.MkdirAll does, but tries
// the folder first: its parent is there for nearly every page, and
// MkdirAll's look at the folder and then at its parent cost two system
// calls a page in a build into an empty folder.
func mkdir(dir string) error {
	if os.Mkdir(dir, 0o755) == nil {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}

func (o *dirOutput) WriteFile(name string, data []byte) error {
	o.mu.Lock()
	o.files = append(o.files, name)
	o.mu.Unlock()
	o.jobs <- writeJob{filepath.Join(o.root, filepath.FromSlash(name)), data}
	return nil
}

// writeNow writes files after wait, in order of name.
func (o *dirOutput) writeNow(files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf []byte
	for _, n := range names {
		o.files = append(o.files, n)
		o.write(writeJob{filepath.Join(o.root, filepath.FromSlash(n)), files[n]}, &buf)
	}
	return o.err
}

// wait waits for the writes and returns their errors.
func (o *dirOutput) wait() error {
	close(o.jobs)
	o.wg.Wait()
	return o.err
}

// finish removes what the folder held before this build, as listed then,
// and this build did not write, and writes the marker.
func (o *dirOutput) finish(before listing) error {
	sort.Strings(o.files)
	written := make(map[string]bool, len(o.files))
	// inUse are the folders that hold a written file: trying to remove
	// each of them only to be told it is not empty cost thousands of
	// system calls.
	inUse := map[string]bool{}
	for _, f := range o.files {
		written[f] = true
		for d := path.Dir(f); d != "." && !inUse[d]; d = path.Dir(d) {
			inUse[d] = true
		}
	}
	if before.err != nil {
		return before.err
	}
	var stale []string
	for _, e := range before.entries {
		if !e.dir && e.rel != Marker && !written[e.rel] || e.dir && !inUse[e.rel] {
			stale = append(stale, filepath.Join(o.root, filepath.FromSlash(e.rel)))
		}
	}
	// Deepest first, so that folders are empty when their turn comes;
	// folders still in use fail to go, as they should.
	for i := len(stale) - 1; i >= 0; i-- {
		if err := os.Remove(stale[i]); err != nil && !errors.Is(err, fs.ErrExist) && !isNotEmpty(err) {
			return err
		}
	}
	return writeMarker(o.root, o.files)
}
