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
		o, l, ok := x.get(id)
		if w, held := want[id]; ok != held || ok && (o != w || l != w+1) {
			t.Fatalf("step %d: get(%d) = %d %d %v, want %d %v", step, id, o, l, ok, w, held)
		}
		if ok {
			x.del(id)
			delete(want, id)
		} else if len(want) < 500 {
			v := int32(rnd.IntN(1000))
			x.put(id, v, v+1)
			want[id] = v
		}
		if absent := keys[rnd.IntN(len(keys))]; !has(want, absent) {
			x.del(absent) // not held: changes nothing
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
