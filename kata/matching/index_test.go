package matching

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestIndexAgreesWithAMap puts, finds and deletes ids of many shapes —
// small, negative, extreme, multiples of large powers of two — in a small
// key space, so that probes collide and entries move back on delete, and
// compares every answer with a map.
func TestIndexAgreesWithAMap(t *testing.T) {
	var x index
	x.reset()
	want := map[int64]int32{}
	// Each id put gets an order of its own, which get reads to confirm a
	// tag; orders are reused once deleted, as the book reuses them.
	var orders []resting
	var free []int32
	rnd := rand.New(rand.NewPCG(3, 4))
	keys := []int64{0, 1, -1, math.MaxInt64, math.MinInt64}
	for i := range int64(200) {
		keys = append(keys, i, -i, i<<32, i<<48, i<<60, math.MaxInt64-i)
	}
	for step := range 300_000 {
		id := keys[rnd.IntN(len(keys))]
		if step == 150_000 {
			x.reset()
			clear(want)
			orders, free = orders[:0], free[:0]
		}
		o, k, ok := x.get(id, orders)
		if w, held := want[id]; ok != held || ok && (o != w || k != id^1) {
			t.Fatalf("step %d: get(%d) = %d %d %v, want %d %v", step, id, o, k, ok, w, held)
		}
		if ok {
			x.del(id, o)
			delete(want, id)
			free = append(free, o)
		} else if len(want) < 500 {
			var o int32
			if n := len(free); n > 0 {
				o, free = free[n-1], free[:n-1]
			} else {
				orders = append(orders, resting{})
				o = int32(len(orders) - 1)
			}
			orders[o].id = id
			x.put(id, o, id^1)
			want[id] = o
		}
		if absent := keys[rnd.IntN(len(keys))]; !has(want, absent) {
			x.del(absent, int32(len(orders))) // not held: changes nothing
		}
		if x.n != len(want) {
			t.Fatalf("step %d: %d entries, want %d", step, x.n, len(want))
		}
	}
}

func has(m map[int64]int32, k int64) bool {
	_, ok := m[k]
	return ok
}
