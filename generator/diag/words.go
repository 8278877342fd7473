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
// within two edits, or "" when none is that close.
func Nearest(s string, words []string) string {
	best, bestD := "", 3
	for _, w := range words {
		if d := distance(s, w); d < bestD {
			best, bestD = w, d
		}
	}
	return best
}

// distance is the Levenshtein distance.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
