// Package srcfs reads a site's sources as hostile input: only regular
// files, only inside the source folder once links are resolved, never
// more than a cap of bytes of one, and never blocking.
//
// An author's folder can hold anything a checkout or a colleague put
// there: a link to /etc/passwd would be published, a link to /dev/zero
// read until memory runs out, and a named pipe blocks whoever opens it
// for reading until something writes to it. Every read of a source goes
// through an FS; what it refuses, it refuses with an error that
// errors.Is ErrOutside, ErrNotFile or ErrTooLarge.
package srcfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxSize is the most bytes an FS reads of one file unless told
// otherwise: static files are copied whole, through memory, and a video
// belongs on a media host. Scripts have a far lower cap of their own.
const MaxSize = 256 << 20

var (
	// ErrOutside is a link that leads out of the source folder.
	ErrOutside = errors.New("links outside the source folder")
	// ErrNotFile is a named pipe, a device, a socket: something that is
	// not a file's bytes.
	ErrNotFile = errors.New("not a regular file")
	// ErrTooLarge is a file over the cap.
	ErrTooLarge = errors.New("file too large")
)

// tooLarge is ErrTooLarge with the cap.
type tooLarge int64

func (t tooLarge) Error() string {
	if t >= 1<<20 {
		return fmt.Sprintf("larger than %d MB", t>>20)
	}
	return fmt.Sprintf("larger than %d KB", t>>10)
}

func (tooLarge) Is(target error) bool { return target == ErrTooLarge }

// FS is the source folder Dir. It holds nothing open, so it is safe for
// any number of goroutines at once.
type FS struct {
	Dir string
	// Max is the most bytes ReadFile reads of a file; 0 is MaxSize.
	Max int64
}

// Open opens the regular file or folder name, a slash path below Dir,
// following links that stay inside Dir.
func (s FS) Open(name string) (fs.File, error) {
	f, _, err := s.open("open", name, true)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Stat says what Open would open, without opening it.
func (s FS) Stat(name string) (fs.FileInfo, error) {
	r, name, fi, err := s.stat("stat", name, true)
	if r != nil {
		r.Close()
	}
	return fi, err
}

// ReadFile reads the regular file name, at most Max bytes of it.
func (s FS) ReadFile(name string) ([]byte, error) {
	f, fi, err := s.open("read", name, false)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return s.read(f, fi, name)
}

// read reads the open file f, which fi describes, up to the cap.
func (s FS) read(f *os.File, fi fs.FileInfo, name string) ([]byte, error) {
	limit := s.Max
	if limit <= 0 {
		limit = MaxSize
	}
	if fi.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge(limit)}
	}
	// Sized from the stat, as os.ReadFile does, but the file can grow
	// after it: the limit is what holds.
	b := make([]byte, 0, fi.Size()+1)
	r := io.LimitReader(f, limit+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
	}
	if int64(len(b)) > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge(limit)}
	}
	return b, nil
}

// stat resolves name inside the root and checks what it is. It returns
// the open root, for open to use, and name with its links resolved when
// os.Root cannot follow them itself.
func (s FS) stat(op, name string, dirs bool) (*os.Root, string, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, "", nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	r, err := os.OpenRoot(s.Dir)
	if err != nil {
		return nil, "", nil, err
	}
	fi, err := r.Stat(name)
	if err != nil {
		// os.Root refuses links that leave it, and absolute links even
		// when they stay inside: tell the two apart.
		real, rerr := s.inside(name)
		if rerr != nil {
			r.Close()
			return nil, "", nil, &fs.PathError{Op: op, Path: name, Err: rerr}
		}
		if real == name {
			r.Close()
			return nil, "", nil, err
		}
		name = real
		if fi, err = r.Stat(name); err != nil {
			r.Close()
			return nil, "", nil, err
		}
	}
	if !fi.Mode().IsRegular() && !(dirs && fi.IsDir()) {
		r.Close()
		return nil, "", nil, &fs.PathError{Op: op, Path: name, Err: fmt.Errorf("%w: %s", ErrNotFile, Kind(fi.Mode()))}
	}
	return r, name, fi, nil
}

// open opens name once stat has checked it, without blocking: if a pipe
// took the file's place in between, the check of the open file sees it.
func (s FS) open(op, name string, dirs bool) (*os.File, fs.FileInfo, error) {
	r, real, fi, err := s.stat(op, name, dirs)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	f, err := r.OpenFile(real, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	got, err := f.Stat()
	if err == nil && !os.SameFile(fi, got) {
		err = &fs.PathError{Op: op, Path: name, Err: errors.New("changed while kitgen opened it")}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, got, nil
}

// inside resolves the links in name and returns it as a slash path below
// Dir, or ErrOutside with where it leads.
func (s FS) inside(name string) (string, error) {
	real, err := filepath.EvalSymlinks(filepath.Join(s.Dir, filepath.FromSlash(name)))
	if err != nil {
		return "", err
	}
	base, err := filepath.EvalSymlinks(s.Dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(base, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("%w (to %s)", ErrOutside, real)
	}
	return filepath.ToSlash(rel), nil
}

// Kind names what a file that is not a regular file is.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a link"
	case m.IsRegular():
		return "a file"
	}
	return "not a file"
}

// Why is the reason in err without the operation and path that
// fs.PathError puts before it: for messages that name the file already.
func Why(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
