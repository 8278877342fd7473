package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"kitgen/generator/srcfs"
)

// The rules of where kitgen builds and what it may replace there live in
// this file:
//
//   - A destination that is a link (to a web root, say) is resolved: the
//     site is built into the folder it leads to, and the link is left as
//     it is. Swapping the link itself for a folder would break it, and a
//     web root behind it would hold the site before last.
//   - A destination that holds the source, or that lies inside a folder
//     kitgen reads (content/, layouts/, static/, themes/) or holds one,
//     is refused: each build would read the last.
//   - kitgen replaces a non-empty destination only when its marker file
//     is there, and then only the files the marker lists: everything else
//     in it, empty folders included, is the user's and is carried into
//     each new site.
//   - The marker lists one file a line, by a hash of its name: a site
//     published whole carries its marker, which must not spell out the
//     names of the panel's pages, and no file name can make the marker
//     name another file. A marker of kitgen before it, which lists names
//     (as they are, or as JSON strings when they could be read as
//     something else), is read as well.

// Marker is the file kitgen leaves in a destination it owns. It lists the
// files kitgen wrote there: those, and only those, a later build replaces.
const Marker = ".kitgen"

// markerHead starts a marker that lists hashes of names; any other marker
// lists the names themselves.
const markerHead = "# Written by kitgen: the files whose names hash to the lines below are kitgen's; a build replaces them and keeps everything else. (hashed names)\n"

// files are the files kitgen wrote in a destination, as its marker says.
type files struct {
	hashes, names map[string]bool
}

// has reports whether kitgen wrote name.
func (f *files) has(name string) bool {
	return name == Marker || f.names[name] || f.hashes[nameHash(name)]
}

// nameHash is how the marker lists name: 128 bits of its SHA-256.
func nameHash(name string) string {
	h := sha256.Sum256([]byte(name))
	return hex.EncodeToString(h[:16])
}

// readFolders are the folders of a source that a build reads.
var readFolders = []string{"content", "layouts", "static", "themes"}

// destination resolves dest, the -d of a build of src, and checks it
// against the rules above. Both are returned absolute with their links
// resolved.
func destination(src, dest string) (string, string, error) {
	src, err := realPath(src)
	if err != nil {
		return "", "", err
	}
	given, err := filepath.Abs(dest)
	if err != nil {
		return "", "", err
	}
	if fi, err := os.Lstat(given); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		to, err := filepath.EvalSymlinks(given)
		if err != nil {
			target, _ := os.Readlink(given)
			return "", "", fmt.Errorf("destination %s is a link to %s, which does not lead to a folder (%w); create the folder or choose another -d", given, target, srcfs.Why(err))
		}
		if fi, err := os.Stat(to); err == nil && !fi.IsDir() {
			return "", "", fmt.Errorf("destination %s is a link to %s, which is not a folder; choose another -d", given, to)
		}
	}
	dest, err = realPath(given)
	if err != nil {
		return "", "", err
	}
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return "", "", fmt.Errorf("destination %s is not a folder; choose another -d", dest)
	}
	if dest == src || within(src, dest) {
		return "", "", fmt.Errorf("destination %s holds the source; choose another -d", dest)
	}
	for _, f := range readFolders {
		read, err := realPath(filepath.Join(src, f))
		if err != nil {
			return "", "", err
		}
		if dest == read || within(dest, read) || within(read, dest) {
			return "", "", fmt.Errorf("destination %s is inside %s/ or holds it, and kitgen reads %s/: each build would take in the last; choose a -d outside content/, layouts/, static/ and themes/", dest, f, f)
		}
	}
	return src, dest, nil
}

// within reports whether p lies below dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath is p absolute with its links resolved, as far as it exists:
// a destination may not have been made yet.
func realPath(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if _, lerr := os.Lstat(p); lerr == nil {
			// There, but a link that leads nowhere.
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// owned checks that kitgen may replace dest and returns the files it wrote
// there last time. An empty or missing dest is fine; anything else needs
// the marker.
func owned(dest string) (*files, error) {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// The marker is read as a source is: a marker that is a pipe, or a
	// link to /dev/zero, must not hang the build.
	b, err := srcfs.FS{Dir: dest}.ReadFile(Marker)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is not empty and kitgen did not write it (no %s file); kitgen will not replace it: choose another -d or empty it", dest, Marker)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dest, Marker), srcfs.Why(err))
	}
	files, err := parseMarker(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w; kitgen will not replace a site it cannot tell from yours: remove the line or the destination", filepath.Join(dest, Marker), err)
	}
	return files, nil
}

// parseMarker reads the files a marker lists, the marker among them.
func parseMarker(b []byte) (*files, error) {
	f := &files{hashes: map[string]bool{}, names: map[string]bool{}}
	hashed := bytes.HasPrefix(b, []byte(markerHead[:len(markerHead)-1]))
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, srcfs.MaxSize)
	for n := 1; sc.Scan(); n++ {
		// A checkout with Windows line endings adds \r; a name written
		// bare never ends in one.
		line := strings.TrimSuffix(sc.Text(), "\r")
		name := line
		switch {
		case line == "" || line[0] == '#':
			continue
		case hashed:
			if _, err := hex.DecodeString(line); err != nil || len(line) != 32 {
				return nil, fmt.Errorf("line %d is not the hash of a file name", n)
			}
			f.hashes[line] = true
			continue
		case line[0] == '"':
			if err := json.Unmarshal([]byte(line), &name); err != nil {
				return nil, fmt.Errorf("line %d is not a quoted file name: %w", n, err)
			}
		}
		if !fs.ValidPath(name) || name == "." {
			return nil, fmt.Errorf("line %d names %q, which is not a file inside the destination", n, name)
		}
		f.names[name] = true
	}
	return f, sc.Err()
}

// writeMarker writes the marker listing names into dir.
func writeMarker(dir string, names []string) error {
	var b bytes.Buffer
	b.WriteString(markerHead)
	for _, n := range names {
		b.WriteString(nameHash(n))
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(dir, Marker), b.Bytes(), 0o644)
}

// keepForeign moves what in dest kitgen did not write into the new site
// at tmp, so that the swap does not delete it: the user's files, and
// their folders, empty ones too.
func keepForeign(dest, tmp string, ours *files, present listing) error {
	if ours == nil {
		return nil
	}
	if present.err != nil {
		return present.err
	}
	// kitgen's folders are those that hold a file it wrote; the rest are
	// the user's.
	kitgens := map[string]bool{}
	for _, e := range present.entries {
		if !e.dir && ours.has(e.rel) {
			for d := path.Dir(e.rel); d != "." && !kitgens[d]; d = path.Dir(d) {
				kitgens[d] = true
			}
		}
	}
	// The listing has each folder's contents right after it: what
	// follows a folder moved whole, with its name for prefix, went with
	// it.
	moved := ""
	for _, e := range present.entries {
		if !e.dir && ours.has(e.rel) || e.dir && kitgens[e.rel] || moved != "" && strings.HasPrefix(e.rel, moved) {
			continue
		}
		p := filepath.Join(dest, filepath.FromSlash(e.rel))
		to := filepath.Join(tmp, filepath.FromSlash(e.rel))
		if _, err := os.Lstat(to); err == nil {
			if e.dir {
				// The new site has this folder too: its files are moved
				// one by one.
				continue
			}
			return fmt.Errorf("%s was not written by kitgen but the new site has a file there; move it away", p)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.Rename(p, to); err != nil {
			return err
		}
		if e.dir {
			moved = e.rel + "/"
		}
	}
	return nil
}
