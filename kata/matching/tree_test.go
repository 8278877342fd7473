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
	if deepest := growAndShrink(t, 1, 20_000, 1<<40, 3); deepest < 2 {
		t.Errorf("the trees grew only %d deep; the test means to reach inner nodes that merge", deepest)
	}
}

// FuzzTrees runs growAndShrink with fuzz-chosen seeds, sizes and spreads
// of prices: a narrow spread makes runs of adjacent levels and reuses
// prices.
func FuzzTrees(f *testing.F) {
	f.Add(uint64(1), uint16(5000), uint8(40))
	f.Add(uint64(2), uint16(300), uint8(4))
	f.Fuzz(func(t *testing.T, seed uint64, levels uint16, spread uint8) {
		growAndShrink(t, seed, int(levels), 1+int64(1)<<(spread%63), 1)
	})
}

// growAndShrink grows both sides to about size levels in all, with prices
// below spread, and empties them, rounds times, each round twice the size
// of the last. It returns the greatest depth the trees reached.
func growAndShrink(t *testing.T, seed uint64, size int, spread int64, rounds int) int32 {
	b := New()
	rnd := rand.New(rand.NewPCG(seed, 2))
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
		sd := b.side(s)
		var p path
		leaf := b.descend(sd, k, &p)
		nd := &b.nodes[leaf]
		at := search(nd, k)
		li := int32(none)
		if at < nd.n && nd.keys[at] == k {
			li = nd.refs[at]
		} else {
			li = b.addLevel(sd, s, price, &p, leaf, at)
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
	for round := range rounds {
		for i := 0; len(ref[Buy])+len(ref[Sell]) < size<<round && i < 10*size<<round; i++ {
			step++
			s := randomSide()
			switch r := rnd.IntN(10); {
			case r < 6:
				add(s, 1+rnd.Int64N(spread))
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
	return deepest
}
