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
	// Each level's ref is a number of its own, as no orders rest here.
	ref := map[Side]map[int64]int32{Buy: {}, Sell: {}} // key → ref
	made := int32(0)
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
			for i, e := range got {
				if e.key != want[i] || e.ref != ref[s][e.key] {
					t.Fatalf("step %d: %v level %d is %d with key %d, want %d with key %d", step, s, i, e.ref, e.key, ref[s][want[i]], want[i])
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
		if at < nd.n && nd.e[at].key == k {
			if nd.e[at].ref != ref[s][k] {
				t.Fatalf("level at %d is %d, want %d", price, nd.e[at].ref, ref[s][k])
			}
			return
		}
		made++
		b.insert(sd, &p, leaf, at, entry{key: k, ref: made})
		ref[s][k] = made
	}
	drop := func(s Side, k int64) {
		sd := b.side(s)
		var p path
		leaf := b.descend(sd, k, &p)
		b.removeAt(sd, &p, leaf, search(&b.nodes[leaf], k))
		delete(ref[s], k)
	}
	dropAny := func(s Side) {
		for k := range ref[s] { // a random one: map order is random
			drop(s, k)
			return
		}
	}
	// best returns the best price of s, found as matching finds it, or 0.
	best := func(s Side) int64 {
		var p path
		nd := &b.nodes[b.descendLast(b.side(s), &p)]
		if nd.n == 0 {
			return 0
		}
		return price(nd.e[nd.n-1].key)
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
			case r < 8 && best(s) != 0:
				if s == Buy {
					add(s, best(s)+1)
				} else if best(s) > 1 {
					add(s, best(s)-1)
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
			if px := best(s); px != 0 && rnd.IntN(2) == 0 {
				drop(s, key(s, px))
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
