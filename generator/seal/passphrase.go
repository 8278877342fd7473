package seal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Env is the environment variable a build takes the passphrase from. It
// wins over kitgen.toml's passphrase_file, so that a deploy pipeline can
// give its own.
const Env = "KITGEN_PANEL_PASSPHRASE"

// maxFile bounds a passphrase file: it holds one line.
const maxFile = 4096

// Passphrase returns the passphrase a build of the site in src into dest
// seals with, and where it came from: the environment (getenv(Env)), or
// file, named in kitgen.toml relative to src. It returns "" when neither
// gives one. The file may not lie in content/, where everything is read
// as the site's text, nor in the destination, which is published; both
// are checked after following links.
func Passphrase(src, dest, file string, getenv func(string) string) (pass, from string, err error) {
	if p := getenv(Env); p != "" {
		return p, Env, nil
	}
	if file == "" {
		return "", "", nil
	}
	from = file
	p := file
	if !filepath.IsAbs(p) {
		p = filepath.Join(src, p)
	}
	p, err = filepath.Abs(p)
	if err != nil {
		return "", from, err
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", from, fmt.Errorf("kitgen.toml: passphrase_file %s: %w", file, err)
	}
	for _, d := range []struct{ dir, what string }{
		{filepath.Join(src, "content"), "content/, whose files are the site's text"},
		{dest, "the destination, which is published"},
	} {
		if inside(real, d.dir) {
			return "", from, fmt.Errorf("kitgen.toml: passphrase_file %s is inside %s; keep it outside the site's sources (a secret store, or a file git ignores)", file, d.what)
		}
	}
	f, err := os.Open(real)
	if err != nil {
		return "", from, fmt.Errorf("kitgen.toml: passphrase_file %s: %w", file, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return "", from, fmt.Errorf("kitgen.toml: passphrase_file %s: %w", file, err)
	}
	// One line; the line break an editor or echo leaves is not part of it.
	b = bytes.TrimRight(b, "\r\n")
	switch {
	case len(b) > maxFile:
		return "", from, fmt.Errorf("kitgen.toml: passphrase_file %s is over %d bytes; it should hold the passphrase alone, on one line", file, maxFile)
	case bytes.ContainsAny(b, "\r\n"):
		return "", from, fmt.Errorf("kitgen.toml: passphrase_file %s holds more than one line; it should hold the passphrase alone", file)
	case len(b) == 0:
		return "", from, fmt.Errorf("kitgen.toml: passphrase_file %s is empty", file)
	}
	return string(b), from, nil
}

// inside says whether p is dir or below it, dir's links followed. A dir
// that does not exist yet holds nothing.
func inside(p, dir string) bool {
	d, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(d); err == nil {
		d = r
	} else if !errors.Is(err, os.ErrNotExist) {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
