// Package seal encrypts the panel's files so that a site's public/ can be
// published whole: a page under panel/ becomes a small page that asks for
// the panel's passphrase and decrypts the guide in the browser
// (themes/default/static/js/seal/), and any other panel file becomes
// NAME.sealed, which an unlocked page decrypts to a download.
//
// # The construction
//
// A site has a passphrase (KITGEN_PANEL_PASSPHRASE, or a file kitgen.toml
// names) and a salt, 16 random bytes made on its first sealed build and
// kept in kitgen.salt beside kitgen.toml. From them:
//
//	master = PBKDF2-HMAC-SHA256(passphrase, salt, 600,000 iterations, 32 bytes)
//	aesKey = HKDF-SHA256(master, salt "", info "kitgen seal v1 aes-256-gcm", 32 bytes)
//	nonceKey = HKDF-SHA256(master, salt "", info "kitgen seal v1 nonce", 32 bytes)
//	check = HKDF-SHA256(master, salt "", info "kitgen seal v1 check", 16 bytes)
//
// and each file, named by its slash path below the site (panel/x/index.html):
//
//	nonce = HMAC-SHA256(nonceKey, uint64(len(name)) || name || plaintext)[:12]
//	sealed = "KGS1" || nonce || AES-256-GCM(aesKey, nonce, plaintext, associated data name)
//
// PBKDF2 at 600,000 iterations is OWASP's 2023 figure for
// PBKDF2-HMAC-SHA256, and WebCrypto has PBKDF2, HKDF and AES-GCM in every
// browser, so the page needs no library. A build derives once, whatever
// the number of files. The key is 32 bytes, one block of PBKDF2: asking
// PBKDF2 for more would double the defender's work and not the attacker's,
// who needs only the first block to test a guess; HKDF splits it instead.
// The check lets a page tell a wrong passphrase from a moved or altered
// file. It is no weaker an oracle than the files: any sealed file already
// tells a guess right from wrong at the same cost, PBKDF2 and all.
//
// # Why the nonce is safe
//
// The output must be deterministic, so that the same sources and
// passphrase give the same bytes (golden tests, unchanged files left alone
// by the build, a diff that shows only what changed), and a random nonce
// is not. The nonce is derived instead, as in SIV (RFC 5297): a PRF of
// everything that is encrypted, under a key used for nothing else.
//
// AES-GCM fails when one key encrypts two different messages under one
// nonce: the XOR of the plaintexts and the authentication key leak. Here
// the nonce is HMAC-SHA256 of the name and the plaintext — a PRF, keyed
// with nonceKey, which HKDF separates from aesKey — so
//   - the same name and plaintext give the same nonce and the same
//     ciphertext: nothing is encrypted twice under one nonce but the very
//     same message with the very same associated data, which leaks only
//     that the file is the same, and that is what determinism means to
//     show;
//   - a different name or plaintext gives an independent 96-bit nonce, so
//     two distinct files share one with probability 2⁻⁹⁶, and n files all
//     differ but with probability about n²/2⁹⁷: below 2⁻⁵⁷ for a million
//     files, across every build made with the same key.
//
// The length prefix keeps one (name, plaintext) from reading as another.
// What determinism does reveal, to someone who keeps two published
// versions of a site, is which sealed files changed between them, and
// their lengths; never what they say.
//
// The name is the associated data too, so a sealed file opens only under
// its own name: a page moved to another address, or two pages' ciphertexts
// swapped, fail to open, as does any changed byte. The page computes the
// name from its own address, not from anything in the file.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// Iterations is the PBKDF2 count a build seals with: OWASP's 2023 figure
// for PBKDF2-HMAC-SHA256.
const Iterations = 600_000

// Magic starts every sealed file: the format and its version.
const Magic = "KGS1"

const (
	nonceSize = 12
	checkSize = 16
	infoAES   = "kitgen seal v1 aes-256-gcm"
	infoNonce = "kitgen seal v1 nonce"
	infoCheck = "kitgen seal v1 check"
)

// ErrOpen is what Open returns for a file that does not open: the wrong
// key, another name, or a changed byte. GCM cannot tell them apart, and
// neither does this error.
var ErrOpen = errors.New("the sealed file does not open with this key under this name")

// Key seals and opens a site's files. It is safe for use from several
// goroutines at once.
type Key struct {
	// Salt and Iterations are what the key was derived with; the sealed
	// pages carry them for the browser.
	Salt       []byte
	Iterations int
	aead       cipher.AEAD
	nonceKey   []byte
	check      []byte
}

// NewKey derives a site's key from its passphrase and salt. This is the
// slow step, by design: about 0.1 to 0.2 s at Iterations.
func NewKey(passphrase string, salt []byte, iterations int) (*Key, error) {
	if passphrase == "" {
		return nil, errors.New("the passphrase is empty")
	}
	if len(salt) < 16 {
		return nil, fmt.Errorf("the salt is %d bytes; it needs 16 or more", len(salt))
	}
	master, err := pbkdf2.Key(sha256.New, passphrase, salt, iterations, 32)
	if err != nil {
		return nil, err
	}
	return fromMaster(master, salt, iterations)
}

func fromMaster(master, salt []byte, iterations int) (*Key, error) {
	k := &Key{Salt: salt, Iterations: iterations}
	aesKey, err := hkdf.Key(sha256.New, master, nil, infoAES, 32)
	if err != nil {
		return nil, err
	}
	if k.nonceKey, err = hkdf.Key(sha256.New, master, nil, infoNonce, 32); err != nil {
		return nil, err
	}
	if k.check, err = hkdf.Key(sha256.New, master, nil, infoCheck, checkSize); err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(aesKey)
	if err != nil {
		return nil, err
	}
	if k.aead, err = cipher.NewGCM(block); err != nil {
		return nil, err
	}
	return k, nil
}

// Check is a value derived from the key that the pages carry, so that
// they can tell a wrong passphrase from a file that does not open.
func (k *Key) Check() []byte { return k.check }

// nonce derives the nonce of name's plaintext; see the package
// documentation for why that is safe.
func (k *Key) nonce(name string, plaintext []byte) []byte {
	m := hmac.New(sha256.New, k.nonceKey)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(name)))
	m.Write(n[:])
	m.Write([]byte(name))
	m.Write(plaintext)
	return m.Sum(nil)[:nonceSize]
}

// Seal encrypts the file name holds. The same name and plaintext always
// give the same bytes.
func (k *Key) Seal(name string, plaintext []byte) []byte {
	nonce := k.nonce(name, plaintext)
	out := make([]byte, 0, len(Magic)+nonceSize+len(plaintext)+k.aead.Overhead())
	out = append(out, Magic...)
	out = append(out, nonce...)
	return k.aead.Seal(out, nonce, plaintext, []byte(name))
}

// Open decrypts a sealed file as the file name: it fails, with ErrOpen,
// for another key, another name or any changed byte.
func (k *Key) Open(name string, sealed []byte) ([]byte, error) {
	if len(sealed) < len(Magic)+nonceSize+k.aead.Overhead() || string(sealed[:len(Magic)]) != Magic {
		return nil, fmt.Errorf("%s: not a file kitgen sealed", name)
	}
	nonce := sealed[len(Magic) : len(Magic)+nonceSize]
	b, err := k.aead.Open(nil, nonce, sealed[len(Magic)+nonceSize:], []byte(name))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, ErrOpen)
	}
	return b, nil
}
