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
		}
		i := x.find(id)
		if w, held := want[id]; (i >= 0) != held || held && x.slots[i] != (slot{id, int64(w) - 2, w, w + 1}) {
			t.Fatalf("step %d: find(%d) = %d, want %d %v", step, id, i, w, held)
		}
		if i >= 0 {
			x.del(id)
			delete(want, id)
		} else if len(want) < 500 {
			v := int32(rnd.IntN(1000))
			x.put(id, int64(v)-2, v, v+1)
			want[id] = v
		}
		if x.n != len(want) {
			t.Fatalf("step %d: %d entries, want %d", step, x.n, len(want))
		}
	}
}
