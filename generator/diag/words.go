package diag

import "fmt"

// Plural is n and noun, in the plural unless n is one: "1 error",
// "2 errors". kitgen's nouns (error, warning, note, kit, kata, page) all
// take an s.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Nearest is the word of words closest to s, for a "did you mean": one
// within two edits (a letter added, left out, changed, or two swapped) that
// keeps more of the word than it changes; "" when none is that close.
func Nearest(s string, words []string) string {
	best, bestD := "", 3
	for _, w := range words {
		if d := distance(s, w); d < bestD && d < len(w) {
			best, bestD = w, d
		}
	}
	return best
}

// distance is the optimal string alignment distance: Levenshtein's, with
// two neighbouring letters swapped counted as one edit, the commonest slip
// on a keyboard.
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
