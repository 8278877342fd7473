package srcfs

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sync"
)

// Batch reads many files of one FS, keeping each folder it has read from
// open until Close. FS opens the source folder and walks a file's path
// twice for every read, a dozen system calls; a Batch reads a file in
// its folder with two. What its folder does not give as a plain regular
// file (a link, a pipe, a missing file, a file changed while it was
// opened) it hands to FS.ReadFile, so it reads and refuses exactly what
// FS does.
//
// Its methods may be called from any number of goroutines at once; Close
// only after the last read has returned.
type Batch struct {
	fs      FS
	mu      sync.Mutex
	folders map[string]*os.Root // nil: the folder did not open
}

// Batch starts a batch of reads; Close ends it.
func (s FS) Batch() *Batch {
	return &Batch{fs: s, folders: map[string]*os.Root{}}
}

// ReadFile reads the regular file name as FS.ReadFile does.
func (b *Batch) ReadFile(name string) ([]byte, error) {
	if fs.ValidPath(name) && name != "." {
		dir, base := path.Split(name)
		if r := b.folder(path.Clean(dir)); r != nil {
			if data, done, err := b.readIn(r, base, name); done {
				return data, err
			}
		}
	}
	return b.fs.ReadFile(name)
}

// readIn reads base, a file of folder r, when it is a regular file and
// still the one first looked at once open. Any doubt is done == false,
// for FS to settle.
func (b *Batch) readIn(r *os.Root, base, name string) (data []byte, done bool, err error) {
	fi, err := r.Lstat(base)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, false, nil
	}
	f, err := r.OpenFile(base, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, false, nil
	}
	defer f.Close()
	got, err := f.Stat()
	if err != nil || !os.SameFile(fi, got) {
		return nil, false, nil
	}
	data, err = b.fs.read(f, got, name)
	return data, true, err
}

// folder is the open folder dir, a clean slash path below the source
// folder, opened as a root of its own on first use: nothing read through
// it can leave it, let alone the source folder.
func (b *Batch) folder(dir string) *os.Root {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r, ok := b.folders[dir]; ok {
		return r
	}
	top, ok := b.folders["."]
	if !ok {
		top, _ = os.OpenRoot(b.fs.Dir)
		b.folders["."] = top
	}
	r := top
	if dir != "." && top != nil {
		r, _ = top.OpenRoot(dir)
	}
	b.folders[dir] = r
	return r
}

// Close closes the folders the batch opened.
func (b *Batch) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	var errs []error
	for dir, r := range b.folders {
		if r != nil {
			errs = append(errs, r.Close())
		}
		delete(b.folders, dir)
	}
	return errors.Join(errs...)
}
