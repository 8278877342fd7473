package seal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestPassphrase(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	dest := filepath.Join(src, "public")
	write(t, filepath.Join(src, "content", "scripts", "a.md"), "# A\n")
	write(t, filepath.Join(root, "secrets", "panel"), "seven words of a strong passphrase here\n")
	write(t, filepath.Join(src, "secret.txt"), "crlf line\r\n")
	write(t, filepath.Join(src, "content", "secret.txt"), "in content\n")
	write(t, filepath.Join(dest, "secret.txt"), "in the destination\n")
	write(t, filepath.Join(src, "empty"), "\n")
	write(t, filepath.Join(src, "two-lines"), "one\ntwo\n")
	write(t, filepath.Join(src, "huge"), strings.Repeat("x", maxFile+1))
	if err := os.Symlink(filepath.Join(src, "content", "secret.txt"), filepath.Join(src, "link-into-content")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(root, "content-link")); err != nil {
		t.Fatal(err)
	}
	noEnv := func(string) string { return "" }

	for _, c := range []struct {
		name, file string
		env        func(string) string
		want, from string
		err        string
	}{
		{name: "nothing given", env: noEnv},
		{name: "the environment", env: func(k string) string { return map[string]string{Env: " spaced "}[k] }, want: " spaced ", from: Env},
		{name: "the environment wins", file: "../secrets/panel", env: func(k string) string { return map[string]string{Env: "env"}[k] }, want: "env", from: Env},
		{name: "a file beside the site", file: "../secrets/panel", env: noEnv, want: "seven words of a strong passphrase here", from: "../secrets/panel"},
		{name: "an absolute path", file: filepath.Join(root, "secrets", "panel"), env: noEnv, want: "seven words of a strong passphrase here", from: filepath.Join(root, "secrets", "panel")},
		{name: "a CRLF line ending", file: "secret.txt", env: noEnv, want: "crlf line", from: "secret.txt"},
		{name: "in content", file: "content/secret.txt", env: noEnv, err: "inside content/"},
		{name: "through a link into content", file: "link-into-content", env: noEnv, err: "inside content/"},
		{name: "through a linked folder", file: "../content-link/secret.txt", env: noEnv, err: "inside content/"},
		{name: "in the destination", file: "public/secret.txt", env: noEnv, err: "inside the destination"},
		{name: "missing", file: "nope", env: noEnv, err: "no such file"},
		{name: "empty", file: "empty", env: noEnv, err: "is empty"},
		{name: "two lines", file: "two-lines", env: noEnv, err: "more than one line"},
		{name: "huge", file: "huge", env: noEnv, err: "over 4096 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, from, err := Passphrase(src, dest, c.file, c.env)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one saying %q", err, c.err)
				}
				if got != "" {
					t.Errorf("an error, and the passphrase %q", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want || from != c.from {
				t.Errorf("got %q from %q, want %q from %q", got, from, c.want, c.from)
			}
		})
	}
	// A relative -s and -d are read from where kitgen runs.
	t.Chdir(src)
	if _, _, err := Passphrase(".", "public", "content/secret.txt", noEnv); err == nil {
		t.Error("a relative source lets a file in content/ through")
	}
	if _, _, err := Passphrase(".", "public", "public/secret.txt", noEnv); err == nil {
		t.Error("a relative destination lets a file in it through")
	}
}

func TestSalt(t *testing.T) {
	dir := t.TempDir()
	if s, err := ReadSalt(dir); s != nil || err != nil {
		t.Fatalf("a site without a salt: %x, %v", s, err)
	}
	salt := NewSalt()
	if len(salt) != saltSize {
		t.Fatalf("a %d-byte salt", len(salt))
	}
	if err := WriteSalt(dir, salt); err != nil {
		t.Fatal(err)
	}
	if err := WriteSalt(dir, NewSalt()); err == nil {
		t.Error("WriteSalt writes over a salt")
	}
	got, err := ReadSalt(dir)
	if err != nil || string(got) != string(salt) {
		t.Fatalf("read %x, %v; wrote %x", got, err, salt)
	}
	for _, c := range []struct{ file, err string }{
		{"# only a comment\n", "kitgen.salt: error: no salt"},
		{"not base64!\n", "kitgen.salt:1: error: not a salt"},
		{"# c\n\nAAAA\n", "kitgen.salt:3: error: not a salt: want 16"},
		{"AAAAAAAAAAAAAAAAAAAAAA==\nAAAAAAAAAAAAAAAAAAAAAA==\n", "kitgen.salt:2: error: a second salt"},
	} {
		write(t, filepath.Join(dir, SaltFile), c.file)
		if _, err := ReadSalt(dir); err == nil || !strings.HasPrefix(err.Error(), c.err) {
			t.Errorf("%q: error %v, want %q", c.file, err, c.err)
		}
	}
}

func TestWords(t *testing.T) {
	if len(words) != 7776 {
		t.Fatalf("%d words; EFF's long list has 7,776", len(words))
	}
	seen := map[string]bool{}
	for _, w := range words {
		if w == "" || seen[w] || strings.ContainsAny(w, " \t") {
			t.Fatalf("word %q is empty, repeated or spaced", w)
		}
		seen[w] = true
	}
	if b := Bits(MinWords); b < 80 {
		t.Errorf("%d words are %.1f bits", MinWords, b)
	}
	p, err := Words(MinWords)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(p, " ")
	if len(got) != MinWords {
		t.Fatalf("%q is not %d words", p, MinWords)
	}
	for _, w := range got {
		if !seen[w] {
			t.Errorf("%q is not on the list", w)
		}
	}
	if q, _ := Words(MinWords); q == p {
		t.Errorf("two passphrases alike: %q", p)
	}
	for _, n := range []int{-1, 0, MinWords - 1, MaxWords + 1} {
		if _, err := Words(n); err == nil {
			t.Errorf("%d words allowed", n)
		}
	}
}
