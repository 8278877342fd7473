package seal

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kitgen/generator/diag"
)

// SaltFile holds a site's salt, beside kitgen.toml: with the sources, so
// that every build of them seals alike, and outside content/ and the
// destination. It is not secret; every sealed page carries the salt.
const SaltFile = "kitgen.salt"

const saltSize = 16

const saltHead = `# The salt kitgen seals the panel's pages with (README, "Publishing").
# It is not secret. Keep it with the site's sources, so that every build
# seals the same pages to the same bytes; without it the next sealed build
# makes another, and every sealed page changes.
`

// ReadSalt returns the salt of the site in dir; nil when it has none.
func ReadSalt(dir string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(dir, SaltFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseSalt(b)
}

// NewSalt makes a salt.
func NewSalt() []byte {
	salt := make([]byte, saltSize)
	_, _ = rand.Read(salt)
	return salt
}

// WriteSalt keeps a new salt in the site in dir. A build writes it only
// once it has succeeded, so that a build that fails, or a -s that names
// the wrong folder, leaves nothing behind; it never writes over one.
func WriteSalt(dir string, salt []byte) error {
	f, err := os.OpenFile(filepath.Join(dir, SaltFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%s%s\n", saltHead, base64.StdEncoding.EncodeToString(salt))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// parseSalt reads a salt file: comments, and one line of base64.
func parseSalt(b []byte) ([]byte, error) {
	var salt []byte
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if salt != nil {
			return nil, diag.Errorf(SaltFile, line, "a second salt; the file holds one line of base64").
				WithHint("delete the file to make a new salt, and rebuild")
		}
		s, err := base64.StdEncoding.DecodeString(text)
		if err != nil || len(s) < saltSize {
			return nil, diag.Errorf(SaltFile, line, "not a salt: want %d or more bytes in base64", saltSize).
				WithHint("delete the file to make a new salt, and rebuild")
		}
		salt = s
	}
	if salt == nil {
		return nil, diag.Errorf(SaltFile, 0, "no salt in the file").WithHint("delete the file to make a new salt, and rebuild")
	}
	return salt, nil
}
