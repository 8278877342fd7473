package content

import "testing"

// FuzzShapes checks hasIDShape and hasClockShape, which skip from one
// dash or colon to the next, against a look at every byte.
func FuzzShapes(f *testing.F) {
	for _, s := range []string{"", "-", ":", "I-3", "-3", "I-", "a I-3 b", "x-1", "0:05", ":05", "0:5", "1:30 - 1:45", "a:b 1:2 3:45"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, clock := false, false
		for i := 1; i < len(s); i++ {
			id = id || i+1 < len(s) && s[i] == '-' && s[i-1] >= 'A' && s[i-1] <= 'Z' && isDigit(s[i+1])
			clock = clock || i+2 < len(s) && s[i] == ':' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2])
		}
		if hasIDShape(s) != id || hasClockShape(s) != clock {
			t.Fatalf("%q: id shape %v, clock shape %v; want %v, %v", s, hasIDShape(s), hasClockShape(s), id, clock)
		}
	})
}
