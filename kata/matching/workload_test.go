package matching

import "testing"

// TestRunMixedKeepsTheBookSteady: however many operations bench(n) runs,
// the book never holds more than working orders and ends empty, and a warm
// book allocates nothing.
func TestRunMixedKeepsTheBookSteady(t *testing.T) {
	b := New()
	RunMixed(b, 1<<16, 1)
	for i, n := range []int{1, 2, 1000, 100_000, 300_000} {
		if allocs := testing.AllocsPerRun(1, func() { RunMixed(b, n, uint64(i+2)) }); allocs != 0 {
			t.Errorf("n=%d: %v allocations", n, allocs)
		}
		// The slab holds as many orders as ever rested at once.
		if b.Len() != 0 || len(b.orders) > working {
			t.Errorf("n=%d: %d orders left on the book, %d at most at once", n, b.Len(), len(b.orders))
		}
	}
}
