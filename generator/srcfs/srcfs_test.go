package srcfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
)

// site makes a source folder holding one of each thing a source can be,
// and a file outside it.
func site(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	outside := filepath.Join(filepath.Dir(dir), "secret.md")
	must(t, os.MkdirAll(filepath.Join(dir, "content", "sub"), 0o755))
	must(t, os.WriteFile(outside, []byte("root:x:0:0"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("# a"), 0o644))
	for link, to := range map[string]string{
		"content/rel.md":      "a.md",
		"content/sub/up.md":   "../a.md",
		"content/abs.md":      filepath.Join(dir, "content", "a.md"),
		"content/out.md":      "../../secret.md",
		"content/absout.md":   outside,
		"content/zero.md":     "/dev/zero",
		"content/broken.md":   "nowhere.md",
		"content/pipelink.md": "pipe.md",
		"content/dirlink":     "sub",
		"content/outdir":      "../..",
	} {
		must(t, os.Symlink(to, filepath.Join(dir, filepath.FromSlash(link))))
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	big, err := os.Create(filepath.Join(dir, "content", "big.md"))
	must(t, err)
	must(t, big.Truncate(1<<20+1))
	must(t, big.Close())
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadFileReadsOnlyRegularFilesInside(t *testing.T) {
	s := FS{Dir: site(t), Max: 1 << 20}
	batch := s.Batch()
	defer batch.Close()
	for _, c := range []struct {
		name string
		want error // nil: reads "# a"
	}{
		{"content/a.md", nil},
		{"content/rel.md", nil},
		{"content/sub/up.md", nil},
		{"content/abs.md", nil},
		{"content/dirlink/../a.md", fs.ErrInvalid},
		{"content/dirlink/up.md", nil},
		{"content/outdir/secret.md", ErrOutside},
		{"content/out.md", ErrOutside},
		{"content/absout.md", ErrOutside},
		{"content/zero.md", ErrOutside},
		{"content/broken.md", fs.ErrNotExist},
		{"content/pipe.md", ErrNotFile},
		{"content/pipelink.md", ErrNotFile},
		{"content/dirlink", ErrNotFile},
		{"content/big.md", ErrTooLarge},
		{"/etc/passwd", fs.ErrInvalid},
		{"../secret.md", fs.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			// A batch reads and refuses what FS does.
			for _, read := range []func(string) ([]byte, error){s.ReadFile, batch.ReadFile, batch.ReadFile} {
				b, err := read(c.name)
				switch {
				case c.want == nil && err != nil:
					t.Fatal(err)
				case c.want == nil && string(b) != "# a":
					t.Fatalf("read %q", b)
				case c.want != nil && !errors.Is(err, c.want):
					t.Fatalf("err = %v, want %v", err, c.want)
				}
			}
			// Stat refuses what ReadFile refuses, but for size, and
			// folders, which Open walks.
			fi, err := s.Stat(c.name)
			switch {
			case c.want == ErrTooLarge || fi != nil && fi.IsDir():
			case c.want == nil && err != nil, c.want != nil && !errors.Is(err, c.want):
				t.Errorf("Stat: err = %v, want %v", err, c.want)
			}
		})
	}
}

// TestBatchReadsFromManyGoroutines reads the files of two folders, and a
// refused one, from many goroutines through one batch: run with -race.
func TestBatchReadsFromManyGoroutines(t *testing.T) {
	s := FS{Dir: site(t), Max: 1 << 20}
	b := s.Batch()
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			name := [...]string{"content/a.md", "content/sub/up.md", "content/out.md"}[i%3]
			got, err := b.ReadFile(name)
			if want, _ := s.ReadFile(name); string(got) != string(want) || (err == nil) != (i%3 != 2) {
				t.Errorf("%s: %q, %v", name, got, err)
			}
		})
	}
	wg.Wait()
	must(t, b.Close())
}

func TestReadFileSaysWhereALinkLeads(t *testing.T) {
	dir := site(t)
	_, err := FS{Dir: dir}.ReadFile("content/absout.md")
	want := "links outside the source folder (to " + filepath.Join(filepath.Dir(dir), "secret.md") + ")"
	if err == nil || Why(err).Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	_, err = FS{Dir: dir, Max: 1 << 20}.ReadFile("content/big.md")
	if err == nil || Why(err).Error() != "larger than 1 MB" {
		t.Errorf("err = %v", err)
	}
	if _, err := (FS{Dir: dir}).ReadFile("content/big.md"); err != nil {
		t.Errorf("without Max, the cap is MaxSize: %v", err)
	}
	if got := Kind(fs.ModeNamedPipe); got != "a named pipe" {
		t.Errorf("Kind = %q", got)
	}
}

// TestFS checks FS as an fs.FS, the way the theme walks and reads it:
// what it lists it can open, and it opens nothing it refuses.
func TestFS(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "static", "css"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "static", "css", "a.css"), []byte("a{}"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "kitgen.toml"), []byte("title = 'x'"), 0o644))
	if err := fstest.TestFS(FS{Dir: dir}, "static/css/a.css", "kitgen.toml"); err != nil {
		t.Fatal(err)
	}
}
