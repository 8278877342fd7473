package seal

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kitgen/generator/audience"
	"kitgen/generator/corpus"
	"kitgen/generator/internal/testsite"
	"kitgen/generator/site"
)

// BenchmarkBuild1000 is the whole build of a 1,000-kit site to disk, as
// kitgen build makes it, unsealed and sealed: what sealing costs. Sealed
// derives the key in each build, as every kitgen build does, started
// before the build; sealed-key-ready leaves that one derivation out.
// Each rebuilds over the last, as a user does: what is measured is the
// work, not the disk's speed at writing 2,000 new files.
//
//	go test ./generator/seal -run X -bench Build1000 -count 6
func BenchmarkBuild1000(b *testing.B) {
	seed, err := os.ReadFile(testsite.Seed(b))
	if err != nil {
		b.Fatal(err)
	}
	kata, err := os.ReadFile(filepath.Join(testsite.Dir(), "content", "katas", "matching.md"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := corpus.Write(dir, 1000, seed, kata); err != nil {
		b.Fatal(err)
	}
	page := sealedPage(b)
	salt := NewSalt()
	ready, err := NewKey("tulip elan outcast mammal parlor sizzling rebound", salt, Iterations)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		key  func() func() (*Key, error)
	}{
		{"plain", nil},
		{"sealed", func() func() (*Key, error) {
			k := sync.OnceValues(func() (*Key, error) {
				return NewKey("tulip elan outcast mammal parlor sizzling rebound", salt, Iterations)
			})
			go k()
			return k
		}},
		{"sealed-key-ready", func() func() (*Key, error) { return func() (*Key, error) { return ready, nil } }},
	} {
		b.Run(c.name, func(b *testing.B) {
			o := site.Options{Source: dir, Dest: filepath.Join(b.TempDir(), "public"), Trees: audience.Both}
			build := func() {
				if c.key != nil {
					s := &Sealer{Key: c.key(), Page: page, Site: struct{ Title string }{"Kits"}}
					o.Wrap = func(out site.Output) site.Output { return s.Wrap(out) }
				}
				if _, err := site.Build(o); err != nil {
					b.Fatal(err)
				}
			}
			// The first build writes every file; the ones measured find
			// them there, as a rebuild does.
			build()
			for b.Loop() {
				build()
			}
		})
	}
}
