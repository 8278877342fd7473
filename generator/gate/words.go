package gate

import (
	"unicode"
	"unicode/utf8"
)

// Words is how many words in a row make a run: long enough that a run of
// the panel's words found in a candidate's file is their text, not a
// common phrase; short enough to catch a sentence.
const Words = 4

// A word is a maximal run of letters and digits, in lower case: the
// gate compares text however it was escaped, marked up or made an id of,
// so "Tell me <em>more</em>" and "tell-me-more" hold the same words.

// runs hashes each run of Words words in the text it is fed, calling
// emit with the run's hash and the offset of its first word. Feed it text
// with add and break it with reset; one instance per goroutine.
type runs struct {
	emit func(h uint64, off int)
	// ring holds the last words' hashes and offsets.
	ring [Words]uint64
	at   [Words]int
	n    int
	// word is the word being read, hashed as it goes.
	word  uint64
	start int
	in    bool
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	mix       = 0x9E3779B97F4A7C15
)

// reset ends the text: no run spans it.
func (r *runs) reset() {
	r.end()
	r.n = 0
}

// end finishes the word being read, if any.
func (r *runs) end() {
	if !r.in {
		return
	}
	r.in = false
	r.ring[r.n%Words], r.at[r.n%Words] = r.word, r.start
	r.n++
	if r.n >= Words {
		var h uint64
		for i := r.n - Words; i < r.n; i++ {
			h = h*mix + r.ring[i%Words]
		}
		r.emit(h, r.at[(r.n-Words)%Words])
	}
}

// add reads b, whose first byte is at offset off.
func (r *runs) add(b []byte, off int) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				r.end()
				i++
				continue
			}
			r.letter(uint64(c), off+i)
			i++
			continue
		}
		ch, n := utf8.DecodeRune(b[i:])
		if unicode.IsLetter(ch) || unicode.IsDigit(ch) {
			ch = unicode.ToLower(ch)
			var buf [utf8.UTFMax]byte
			for _, x := range buf[:utf8.EncodeRune(buf[:], ch)] {
				r.letter(uint64(x), off+i)
			}
		} else {
			r.end()
		}
		i += n
	}
}

func (r *runs) letter(c uint64, off int) {
	if !r.in {
		r.in, r.word, r.start = true, fnvOffset, off
	}
	r.word = (r.word ^ c) * fnvPrime
}
