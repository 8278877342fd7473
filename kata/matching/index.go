package matching

import "math/rand/v2"

// index finds a resting order, and its level's tree key, by id: an
// open-addressing hash table with linear probing, at most half full. It
// does a map's job: with a map[int64]int32 the mixed streams took 40% more
// time natively, and more in WebAssembly, where Go's map hashes in
// software.
//
// A slot holds the level's key rather than the id, so that a cancel can
// descend to the level's leaf as soon as it has the slot, while the order
// is still on its way: two cache misses in a row rather than three. To
// keep the slot at 16 bytes — a sweep deletes every order it fills, and
// bigger slots made it 30–40% slower — the id is kept as the top 32 bits
// of its hash, a tag, and the order confirms the id: get reads it, and a
// cancel, which reads the order anyway, takes the first slot with the tag
// from tagged and confirms it once it has descended.
type index struct {
	slots []slot
	shift uint // 32 − log2(len(slots)): home keeps the tag's top bits
	// mul is odd and drawn for each book, so that no set of ids probes
	// long but by chance.
	mul uint64
	n   int
}

type slot struct {
	tag   uint32
	order int32 // none when the slot is free
	key   int64
}

// reset empties x, keeping its slots.
func (x *index) reset() {
	if x.slots == nil {
		x.slots = make([]slot, 8)
		x.shift = 32 - 3
	}
	for i := range x.slots {
		x.slots[i].order = none
	}
	x.n = 0
	x.mul = rand.Uint64() | 1
}

// tag is the top half of id's hash: as mul is odd, the whole hash would
// tell ids apart, and the top half, which picks the slot, nearly always
// does.
func (x *index) tag(id int64) uint32 { return uint32(uint64(id) * x.mul >> 32) }

// The mask, a no-op as shift < 32, spares the check for shifts past 31
// that Go's rules need, a branch in WebAssembly.
func (x *index) home(tag uint32) uint64 { return uint64(tag >> (x.shift & 31)) }

// get returns the order with id, confirmed in orders, and its level's key.
func (x *index) get(id int64, orders []resting) (order int32, key int64, ok bool) {
	mask := uint64(len(x.slots) - 1)
	tag := x.tag(id)
	for i := x.home(tag); ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.order == none {
			return none, 0, false
		}
		if s.tag == tag && orders[s.order].id == id {
			return s.order, s.key, true
		}
	}
}

// tagged returns the first order whose id has the tag of id, and its
// level's key: nearly always the order with id, if any, but the caller
// must confirm it, and ask get if not.
func (x *index) tagged(id int64) (order int32, key int64, ok bool) {
	mask := uint64(len(x.slots) - 1)
	tag := x.tag(id)
	for i := x.home(tag); ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.order == none {
			return none, 0, false
		}
		if s.tag == tag {
			return s.order, s.key, true
		}
	}
}

// put adds order, of id, resting at the level with key; x does not hold it.
func (x *index) put(id int64, order int32, key int64) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	mask := uint64(len(x.slots) - 1)
	tag := x.tag(id)
	i := x.home(tag)
	for x.slots[i].order != none {
		i = (i + 1) & mask
	}
	x.slots[i] = slot{tag, order, key}
	x.n++
}

// del removes order, of id, if x holds it, and moves back the entries after
// it that would no longer be found past the gap.
func (x *index) del(id int64, order int32) {
	mask := uint64(len(x.slots) - 1)
	i := x.home(x.tag(id))
	for x.slots[i].order != none && x.slots[i].order != order {
		i = (i + 1) & mask
	}
	if x.slots[i].order == none {
		return
	}
	for j := (i + 1) & mask; x.slots[j].order != none; j = (j + 1) & mask {
		// The entry at j may fill the gap at i if its home is not in (i, j].
		if h := x.home(x.slots[j].tag); (j-h)&mask >= (j-i)&mask {
			x.slots[i] = x.slots[j]
			i = j
		}
	}
	x.slots[i].order = none
	x.n--
}

func (x *index) grow() {
	old := x.slots
	x.slots = make([]slot, 2*len(old))
	x.shift--
	for i := range x.slots {
		x.slots[i].order = none
	}
	mask := uint64(len(x.slots) - 1)
	for _, s := range old {
		if s.order == none {
			continue
		}
		i := x.home(s.tag)
		for x.slots[i].order != none {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}
