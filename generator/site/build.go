package site

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Marker is the file kitgen leaves in a destination it owns. It lists the
// files kitgen wrote there: those, and only those, a later build replaces.
const Marker = ".kitgen"

const markerHead = "# Written by kitgen. The files listed below are kitgen's; a build replaces them and keeps everything else.\n"

// Options configure a build to disk.
type Options struct {
	Source, Dest string
	Trees        Trees
}

// Build generates the site into a fresh folder beside Dest and swaps it in,
// so Dest always holds a complete site: the last good one when the build
// fails.
func Build(o Options) (Stats, error) {
	start := time.Now()
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return Stats{}, err
	}
	dest, err := filepath.Abs(o.Dest)
	if err != nil {
		return Stats{}, err
	}
	old, err := owned(src, dest)
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return Stats{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".kitgen-")
	if err != nil {
		return Stats{}, err
	}
	defer os.RemoveAll(tmp)
	out := &dirOutput{root: tmp}
	st, errs := Generate(src, o.Trees, out)
	if errs.HasErrors() {
		return st, errs
	}
	if err := out.finish(); err != nil {
		return st, err
	}
	if err := keepForeign(dest, tmp, old); err != nil {
		return st, err
	}
	if err := swap(tmp, dest); err != nil {
		return st, err
	}
	st.Swap = time.Since(start) - st.Load - st.Render
	return st, errs.Err()
}

// owned checks that kitgen may replace dest and returns the files it wrote
// there last time. An empty or missing dest is fine; anything else needs
// the marker.
func owned(src, dest string) (map[string]bool, error) {
	if dest == src || strings.HasPrefix(src+string(filepath.Separator), dest+string(filepath.Separator)) {
		return nil, fmt.Errorf("destination %s holds the source; choose another -d", dest)
	}
	if rel, err := filepath.Rel(filepath.Join(src, "content"), dest); err == nil && !strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("destination %s is inside content/; choose another -d", dest)
	}
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dest, Marker))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is not empty and kitgen did not write it (no %s file); kitgen will not replace it: choose another -d or empty it", dest, Marker)
	}
	if err != nil {
		return nil, err
	}
	files := map[string]bool{Marker: true}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			files[line] = true
		}
	}
	return files, nil
}

// keepForeign moves the files in dest that kitgen did not write into the
// new site, so that the swap does not delete them.
func keepForeign(dest, tmp string, ours map[string]bool) error {
	if ours == nil {
		return nil
	}
	return filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		if ours[filepath.ToSlash(rel)] {
			return nil
		}
		to := filepath.Join(tmp, rel)
		if _, err := os.Lstat(to); err == nil {
			return fmt.Errorf("%s was not written by kitgen but the new site has a file there; move it away", p)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.Rename(p, to)
	})
}

// dirOutput writes files below root and remembers them for the marker.
type dirOutput struct {
	root  string
	mu    sync.Mutex
	files []string
	dirs  map[string]bool
}

func (o *dirOutput) WriteFile(name string, data []byte) error {
	p := filepath.Join(o.root, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	o.mu.Lock()
	o.files = append(o.files, name)
	made := o.dirs[dir]
	if o.dirs == nil {
		o.dirs = map[string]bool{}
	}
	o.dirs[dir] = true
	o.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(p, data, 0o644)
}

func (o *dirOutput) finish() error {
	sort.Strings(o.files)
	var b bytes.Buffer
	b.WriteString(markerHead)
	for _, f := range o.files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(o.root, Marker), b.Bytes(), 0o644)
}
