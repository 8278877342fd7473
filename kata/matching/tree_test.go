package matching

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTreesGrowAndShrink drives both sides' trees to tens of thousands of
// levels and back to empty, three times — new levels at random prices and
// in runs past the best, levels dropped at random and from the best, as a
// sweep drops them — checking them against a sorted reference.
func TestTreesGrowAndShrink(t *testing.T) {
	b := New()
	rnd := rand.New(rand.NewPCG(1, 2))
	ref := map[Side]map[int64]int32{Buy: {}, Sell: {}} // key → level
	deepest := int32(0)
	check := func(step int) {
		t.Helper()
		for _, s := range []Side{Buy, Sell} {
			got := checkTree(t, b, s)
			want := make([]int64, 0, len(ref[s]))
			for k := range ref[s] {
				want = append(want, k)
			}
			slices.Sort(want)
			if len(got) != len(want) {
				t.Fatalf("step %d: %v side holds %d levels, want %d", step, s, len(got), len(want))
			}
			for i, li := range got {
				if k := key(s, b.levels[li].price); k != want[i] || ref[s][k] != li {
					t.Fatalf("step %d: %v level %d is level %d with key %d, want level %d with key %d", step, s, i, li, k, ref[s][want[i]], want[i])
				}
			}
			deepest = max(deepest, b.side(s).depth)
		}
	}
	add := func(s Side, price int64) {
		k := key(s, price)
		li, err := b.level(s, price, 1)
		if err != nil {
			t.Fatal(err)
		}
		if old, ok := ref[s][k]; ok && old != li {
			t.Fatalf("level at %d moved from %d to %d", price, old, li)
		}
		ref[s][k] = li
	}
	dropAny := func(s Side) {
		for k, li := range ref[s] { // a random one: map order is random
			b.dropLevel(li)
			delete(ref[s], k)
			return
		}
	}
	randomSide := func() Side {
		if rnd.IntN(2) == 0 {
			return Sell
		}
		return Buy
	}
	step := 0
	for round := range 3 {
		for len(ref[Buy])+len(ref[Sell]) < 20_000<<round {
			step++
			s := randomSide()
			switch r := rnd.IntN(10); {
			case r < 6:
				add(s, 1+rnd.Int64N(1<<40))
			case r < 8 && b.side(s).best != none:
				best := b.levels[b.side(s).best].price
				if s == Buy {
					add(s, best+1)
				} else if best > 1 {
					add(s, best-1)
				}
			default:
				dropAny(s)
			}
			if step%16411 == 0 {
				check(step)
			}
		}
		check(step)
		for len(ref[Buy])+len(ref[Sell]) > 0 {
			step++
			s := randomSide()
			if li := b.side(s).best; li != none && rnd.IntN(2) == 0 {
				delete(ref[s], key(s, b.levels[li].price))
				b.dropLevel(li)
			} else {
				dropAny(s)
			}
			if step%16411 == 0 {
				check(step)
			}
		}
		check(step)
		if b.bids.depth != 0 || b.asks.depth != 0 || len(b.nodes)-len(b.freeNodes) != 2 {
			t.Fatalf("empty book: depths %d and %d, %d nodes in use", b.bids.depth, b.asks.depth, len(b.nodes)-len(b.freeNodes))
		}
	}
	if deepest < 2 {
		t.Errorf("the trees grew only %d deep; the test means to reach inner nodes that merge", deepest)
	}
}
