package seal

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
)

// fast is an iteration count for tests: the construction is the same at
// any count, and 600,000 would cost a fifth of a second a key.
const fast = 1000

var testSalt = []byte("0123456789abcdef")

func testKey(t testing.TB, pass string) *Key {
	t.Helper()
	k, err := NewKey(pass, testSalt, fast)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestRoundTrip(t *testing.T) {
	k := testKey(t, "correct horse battery staple")
	for _, pt := range [][]byte{nil, {}, []byte("x"), []byte("<!doctype html><h1>Guide</h1>"), bytes.Repeat([]byte{0, 1, 2, 255}, 100_000)} {
		s := k.Seal("panel/a/index.html", pt)
		if len(s) != len(Magic)+nonceSize+len(pt)+16 {
			t.Errorf("sealed %d bytes into %d", len(pt), len(s))
		}
		got, err := k.Open("panel/a/index.html", s)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, pt) {
			t.Errorf("opened %d bytes, want %d", len(got), len(pt))
		}
	}
}

// TestDeterministic: the same name, plaintext and passphrase give the
// same bytes, from a key derived again; anything else changes the nonce.
func TestDeterministic(t *testing.T) {
	a, b := testKey(t, "pass phrase"), testKey(t, "pass phrase")
	pt := []byte("the guide")
	s := a.Seal("panel/a/index.html", pt)
	if !bytes.Equal(s, b.Seal("panel/a/index.html", pt)) {
		t.Fatal("two keys from the same passphrase and salt seal differently")
	}
	nonce := func(s []byte) string { return string(s[len(Magic) : len(Magic)+nonceSize]) }
	seen := map[string]string{nonce(s): "original"}
	for what, s := range map[string][]byte{
		"another name":       a.Seal("panel/b/index.html", pt),
		"another plaintext":  a.Seal("panel/a/index.html", []byte("the guidf")),
		"a longer name":      a.Seal("panel/a/index.htmlt", []byte("he guide")),
		"another passphrase": testKey(t, "pass phrasf").Seal("panel/a/index.html", pt),
	} {
		if prev, ok := seen[nonce(s)]; ok {
			t.Errorf("%s has the nonce of %s", what, prev)
		}
		seen[nonce(s)] = what
	}
}

// TestKnownAnswer holds the construction to bytes computed apart from
// this package, with Python's hashlib and cryptography
// (testdata/kat.py), and pins the format: a change to the derivation, the
// nonce or the layout would leave published pages unopenable by the
// other version's script.
func TestKnownAnswer(t *testing.T) {
	k := testKey(t, "kitgen")
	if got, want := hex.EncodeToString(k.Check()), "bcd69192896c298635e23a556d2aa2ae"; got != want {
		t.Errorf("check %s, want %s", got, want)
	}
	if got, want := hex.EncodeToString(k.Seal("panel/x/index.html", []byte("hello"))), "4b475331d544491ba56ac8dff2c587c7dccd06bf5295502d5b949fd6a6f36ad5716c75dcd0"; got != want {
		t.Errorf("sealed %s, want %s", got, want)
	}
}

func TestTamperFails(t *testing.T) {
	k := testKey(t, "pass phrase")
	a := k.Seal("panel/a/index.html", []byte("guide A"))
	b := k.Seal("panel/b/index.html", []byte("guide B"))
	for i := range a {
		c := bytes.Clone(a)
		c[i] ^= 0x01
		if _, err := k.Open("panel/a/index.html", c); err == nil {
			t.Errorf("byte %d flipped, and the file still opens", i)
		}
	}
	if _, err := k.Open("panel/a/index.html", a[:len(a)-1]); err == nil {
		t.Error("a file cut short opens")
	}
	// Swapped: each page's file moved to the other's address.
	if _, err := k.Open("panel/a/index.html", b); !errors.Is(err, ErrOpen) {
		t.Errorf("B's file opens as A: %v", err)
	}
	if _, err := k.Open("panel/b/index.html", a); !errors.Is(err, ErrOpen) {
		t.Errorf("A's file opens as B: %v", err)
	}
}

func TestWrongPassphraseFails(t *testing.T) {
	right, wrong := testKey(t, "pass phrase"), testKey(t, "pass phrase ")
	s := right.Seal("panel/a/index.html", []byte("guide"))
	if _, err := wrong.Open("panel/a/index.html", s); !errors.Is(err, ErrOpen) {
		t.Errorf("a wrong passphrase opens the file: %v", err)
	}
	if bytes.Equal(right.Check(), wrong.Check()) {
		t.Error("a wrong passphrase has the right check")
	}
	other, err := NewKey("pass phrase", []byte("another salt, 16"), fast)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Open("panel/a/index.html", s); err == nil {
		t.Error("the right passphrase with another salt opens the file")
	}
}

func TestNewKeyRefuses(t *testing.T) {
	if _, err := NewKey("", testSalt, fast); err == nil {
		t.Error("an empty passphrase makes a key")
	}
	if _, err := NewKey("x", testSalt[:8], fast); err == nil {
		t.Error("an 8-byte salt makes a key")
	}
}

// BenchmarkNewKey is the one derivation a sealed build makes.
func BenchmarkNewKey(b *testing.B) {
	for b.Loop() {
		if _, err := NewKey("correct horse battery staple", testSalt, Iterations); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSeal seals a page of the seed's size.
func BenchmarkSeal(b *testing.B) {
	k := testKey(b, "pass phrase")
	page := bytes.Repeat([]byte("<p>A question for the panel?</p>\n"), 1200)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		k.Seal("panel/a/index.html", page)
	}
}
