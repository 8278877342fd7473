package serve

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"

	"kitgen/generator/site"
)

// watcher reports changes below a site's source folder.
type watcher interface {
	Events() <-chan event
	Close() error
}

// event is a change: a slash path below the source, or all when the
// watcher lost track and everything must be read again.
type event struct {
	path string
	all  bool
}

// watched are the folders of a site kitgen reads, besides its config.
var watched = []string{"content", "layouts", "static", "themes"}

// relevant says whether rel, a slash path below the source, is something
// a build reads.
func relevant(rel string) bool {
	if rel == site.ConfigFile {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	for _, w := range watched {
		if top == w {
			return !ignored(path.Base(rel))
		}
	}
	return false
}

// ignored says whether a file name is an editor's temporary file, a
// backup or a lock: never content, and noise in the middle of a save.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."): // .swp, .swx, .#lock, .goutputstream-*, .DS_Store
		return true
	case strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".bck"):
		return true
	case name == "4913": // vim checks that it may write in the folder
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs autosave
		return true
	case strings.Contains(name, "___jb_") && strings.HasSuffix(name, "___"): // JetBrains safe write
		return true
	}
	return false
}

// notify watches with the system's notifications (inotify on Linux). It
// watches the source folder itself, for the config and for watched folders
// that appear, and each watched folder's tree: inotify is not recursive,
// so a new folder is added as it appears.
type notify struct {
	root string
	w    *fsnotify.Watcher
	out  chan event
	done chan struct{}
}

func newNotify(root string) (*notify, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notify{root: root, w: w, out: make(chan event, 256), done: make(chan struct{})}
	if err := w.Add(root); err != nil {
		w.Close()
		return nil, err
	}
	for _, d := range watched {
		if err := n.addTree(filepath.Join(root, d)); err != nil {
			w.Close()
			return nil, err
		}
	}
	go n.run()
	return n, nil
}

func (n *notify) Events() <-chan event { return n.out }
func (n *notify) Close() error {
	close(n.done)
	return n.w.Close()
}

// send passes e on, unless the watcher is closing and nobody will read it.
func (n *notify) send(e event) {
	select {
	case n.out <- e:
	case <-n.done:
	}
}

// addTree watches dir and every folder below it; a missing dir is fine.
func (n *notify) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return n.w.Add(p)
	})
	return err
}

func (n *notify) run() {
	defer close(n.out)
	for {
		select {
		case e, ok := <-n.w.Events:
			if !ok {
				return
			}
			n.handle(e)
		case _, ok := <-n.w.Errors:
			if !ok {
				return
			}
			// An overflow (fsnotify.ErrEventOverflow) lost events, and any
			// other error may have: among them the creation of folders,
			// which then need watching. Watch everything again and read
			// everything again rather than serve a site that is out of date.
			for _, d := range watched {
				_ = n.addTree(filepath.Join(n.root, d))
			}
			n.send(event{all: true})
		}
	}
}

func (n *notify) handle(e fsnotify.Event) {
	rel, err := filepath.Rel(n.root, e.Name)
	if err != nil || rel == "." {
		return
	}
	rel = filepath.ToSlash(rel)
	if e.Op == fsnotify.Chmod || !relevant(rel) {
		return
	}
	if e.Has(fsnotify.Remove) || e.Has(fsnotify.Rename) {
		// A folder that moved keeps its watches, its own and its
		// subfolders', under the old names: events in it would name files
		// that are not there. Drop them; the new name comes as a Create.
		for _, w := range n.w.WatchList() {
			if w == e.Name || strings.HasPrefix(w, e.Name+string(filepath.Separator)) {
				_ = n.w.Remove(w)
			}
		}
	}
	if e.Has(fsnotify.Create) {
		if fi, err := os.Lstat(e.Name); err == nil && fi.IsDir() {
			if err := n.addTree(e.Name); err != nil {
				n.send(event{all: true})
				return
			}
		}
	}
	n.send(event{path: rel})
}
