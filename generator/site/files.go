package site

import (
	"bytes"
	"maps"
	"slices"
	"sync"
)

// Files is an Output that keeps the site in memory. It notes which files
// changed since it was last asked, so that a server can tell a stylesheet
// change from a page change.
type Files struct {
	mu      sync.Mutex
	m       map[string][]byte
	changed map[string]bool
}

func (f *Files) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m, f.changed = map[string][]byte{}, map[string]bool{}
	}
	if old, ok := f.m[name]; !ok || !bytes.Equal(old, data) {
		f.changed[name] = true
	}
	f.m[name] = data
	return nil
}

// keep removes every file not in names.
func (f *Files) keep(names map[string]bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for n := range f.m {
		if !names[n] {
			delete(f.m, n)
			f.changed[n] = true
		}
	}
}

// Get returns the file name and whether it was written.
func (f *Files) Get(name string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.m[name]
	return b, ok
}

// Names lists the files, sorted.
func (f *Files) Names() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Sorted(maps.Keys(f.m))
}

// Snapshot returns the files as they are now; later writes do not change
// it.
func (f *Files) Snapshot() map[string][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.m)
}

// Changed returns the names written with new content or removed since the
// last call, sorted.
func (f *Files) Changed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := slices.Sorted(maps.Keys(f.changed))
	f.changed = map[string]bool{}
	return c
}
