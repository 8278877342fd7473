package matching

import "math/rand/v2"

// index finds a resting order, and its level, by id: an open-addressing
// hash table with linear probing, at most half full. It does a map's job:
// with a map[int64]int32 the mixed streams took 40% more time natively,
// and more in WebAssembly, where Go's map hashes in software. Keeping the
// level beside the order lets a cancel read both at once rather than one
// after the other.
type index struct {
	slots []slot
	shift uint // 64 − log2(len(slots)): home keeps the product's top bits
	// mul is odd and drawn for each book, so that no set of ids probes
	// long but by chance.
	mul uint64
	n   int
}

type slot struct {
	id    int64
	order int32 // none when the slot is free
	level int32
}

// reset empties x, keeping its slots.
func (x *index) reset() {
	if x.slots == nil {
		x.slots = make([]slot, 8)
		x.shift = 64 - 3
	}
	for i := range x.slots {
		x.slots[i].order = none
	}
	x.n = 0
	x.mul = rand.Uint64() | 1
}

// The mask, a no-op as shift < 64, spares the check for shifts past 63
// that Go's rules need, a branch in WebAssembly.
func (x *index) home(id int64) uint64 { return uint64(id) * x.mul >> (x.shift & 63) }

// get returns the order with id and its level.
func (x *index) get(id int64) (order, level int32, ok bool) {
	mask := uint64(len(x.slots) - 1)
	for i := x.home(id); ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.order == none {
			return none, none, false
		}
		if s.id == id {
			return s.order, s.level, true
		}
	}
}

// put adds id, which x does not hold.
func (x *index) put(id int64, order, level int32) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	mask := uint64(len(x.slots) - 1)
	i := x.home(id)
	for x.slots[i].order != none {
		i = (i + 1) & mask
	}
	x.slots[i] = slot{id, order, level}
	x.n++
}

// del removes id, if x holds it, and moves back the entries after it that
// would no longer be found past the gap.
func (x *index) del(id int64) {
	mask := uint64(len(x.slots) - 1)
	i := x.home(id)
	for x.slots[i].order != none && x.slots[i].id != id {
		i = (i + 1) & mask
	}
	if x.slots[i].order == none {
		return
	}
	for j := (i + 1) & mask; x.slots[j].order != none; j = (j + 1) & mask {
		// The entry at j may fill the gap at i if its home is not in (i, j].
		if h := x.home(x.slots[j].id); (j-h)&mask >= (j-i)&mask {
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
		i := x.home(s.id)
		for x.slots[i].order != none {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}
