package seal

import (
	"crypto/rand"
	_ "embed"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// wordList is EFF's Long Wordlist for passphrases (2016) by the Electronic
// Frontier Foundation, https://www.eff.org/dice, as published at
// https://www.eff.org/files/2016/07/18/eff_large_wordlist.txt and unchanged:
// 7,776 words, one a line after its five dice. It is licensed under
// Creative Commons Attribution 3.0 (https://www.eff.org/copyright). Its
// words were chosen to be common and easy to type and remember.
//
//go:embed eff_large_wordlist.txt
var wordList string

// words are the list's words, in its order.
var words = func() []string {
	lines := strings.Split(strings.TrimSpace(wordList), "\n")
	out := make([]string, len(lines))
	for i, l := range lines {
		_, w, _ := strings.Cut(l, "\t")
		out[i] = strings.TrimSpace(w)
	}
	return out
}()

// MinWords is the fewest words Words gives: 7 words of the list are 90
// bits, over the 80 the seal asks of a passphrase; 6 would be 78.
const MinWords = 7

// MaxWords bounds Words: past 20 words (258 bits) length buys nothing.
const MaxWords = 20

// Bits is the entropy of n words drawn at random from the list.
func Bits(n int) float64 { return float64(n) * math.Log2(float64(len(words))) }

// Words returns n words drawn at random from EFF's list, each from the
// system's cryptographic random source without bias, joined by spaces.
func Words(n int) (string, error) {
	if n < MinWords {
		return "", fmt.Errorf("%d words are %.0f bits; a passphrase needs %d words (%.0f bits) or more", n, Bits(max(n, 0)), MinWords, Bits(MinWords))
	}
	if n > MaxWords {
		return "", fmt.Errorf("%d words; %d (%.0f bits) are more than enough", n, MaxWords, Bits(MaxWords))
	}
	out := make([]string, n)
	limit := big.NewInt(int64(len(words)))
	for i := range out {
		j, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", err
		}
		out[i] = words[j.Int64()]
	}
	return strings.Join(out, " "), nil
}
