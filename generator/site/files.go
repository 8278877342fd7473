package site

import (
	"sort"
	"sync"
)

// Files is an Output that keeps the site in memory.
type Files struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (f *Files) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]byte{}
	}
	f.m[name] = data
	return nil
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
	names := make([]string, 0, len(f.m))
	for n := range f.m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
