package matching

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// model is the naive reference: every resting order in one slice in
// arrival order, found by linear scans. Slow and obviously right.
type model struct {
	orders []modelOrder
	// maxLevel is the most the orders of one side at one price may add up
	// to; 0 means math.MaxInt64.
	maxLevel int64
}

type modelOrder struct {
	id, price, qty int64
	side           Side
}

func (m *model) submit(o Order) ([]Trade, int64, error) {
	if err := o.check(); err != nil {
		return nil, 0, err
	}
	for _, r := range m.orders {
		if r.id == o.ID {
			return nil, 0, ErrDuplicate
		}
	}
	if o.Type == Limit {
		limit := m.maxLevel
		if limit == 0 {
			limit = math.MaxInt64
		}
		total := o.Qty
		for _, r := range m.orders {
			if r.side == o.Side && r.price == o.Price {
				if total > limit-r.qty {
					return nil, 0, ErrTotal
				}
				total += r.qty
			}
		}
		if total > limit {
			return nil, 0, ErrTotal
		}
	}
	var trades []Trade
	qty := o.Qty
	for qty > 0 {
		best := -1
		for i, r := range m.orders {
			if r.side == o.Side {
				continue
			}
			if o.Type != Market && (o.Side == Buy && r.price > o.Price || o.Side == Sell && r.price < o.Price) {
				continue
			}
			// Best price first; among equals the earliest, which comes first in the slice.
			if best < 0 || o.Side == Buy && r.price < m.orders[best].price || o.Side == Sell && r.price > m.orders[best].price {
				best = i
			}
		}
		if best < 0 {
			break
		}
		r := &m.orders[best]
		fill := min(qty, r.qty)
		trades = append(trades, Trade{o.ID, r.id, r.price, fill})
		qty -= fill
		r.qty -= fill
		if r.qty == 0 {
			m.orders = slices.Delete(m.orders, best, best+1)
		}
	}
	if qty > 0 && o.Type == Limit {
		m.orders = append(m.orders, modelOrder{o.ID, o.Price, qty, o.Side})
		return trades, qty, nil
	}
	return trades, 0, nil
}

func (m *model) cancel(id int64) error {
	for i, r := range m.orders {
		if r.id == id {
			m.orders = slices.Delete(m.orders, i, i+1)
			return nil
		}
	}
	return ErrUnknown
}

func (m *model) depth() (bids, asks []Level) {
	agg := func(side Side, better func(a, b int64) bool) []Level {
		var out []Level
		for _, r := range m.orders {
			if r.side != side {
				continue
			}
			i := slices.IndexFunc(out, func(l Level) bool { return l.Price == r.price })
			if i < 0 {
				out = append(out, Level{Price: r.price})
				i = len(out) - 1
			}
			out[i].Qty += r.qty
			out[i].Orders++
		}
		slices.SortFunc(out, func(a, b Level) int {
			if better(a.Price, b.Price) {
				return -1
			}
			return 1
		})
		return out
	}
	return agg(Buy, func(a, b int64) bool { return a > b }), agg(Sell, func(a, b int64) bool { return a < b })
}

// stream makes random operations: limit, market and IOC orders of both
// sides around a mid price, bad orders, and cancels of ids that may or may
// not rest.
type stream struct {
	rnd    *rand.Rand
	nextID int64
	band   int64
	// live holds ids submitted as limit orders and not yet cancelled, some
	// since filled; cancels mostly pick from it, more often as it grows, so
	// that the book stays a few hundred orders deep.
	live []int64
	// huge makes one order in ten a quantity near math.MaxInt64.
	huge bool
}

func (s *stream) next() (op byte, o Order, cancel int64) {
	s.nextID++
	r := s.rnd.IntN(100)
	switch {
	case len(s.live) > 0 && (r < 30 || len(s.live) > 300 && r < 60):
		if r%20 == 0 {
			return 'c', Order{}, s.rnd.Int64N(s.nextID + 2)
		}
		i := s.rnd.IntN(len(s.live))
		id := s.live[i]
		s.live[i] = s.live[len(s.live)-1]
		s.live = s.live[:len(s.live)-1]
		return 'c', Order{}, id
	case r >= 60 && r < 63: // a bad or duplicate order
		o = Order{ID: s.rnd.Int64N(s.nextID + 1), Side: Side(s.rnd.IntN(4)), Type: Type(s.rnd.IntN(5)), Price: s.rnd.Int64N(3) - 1, Qty: s.rnd.Int64N(3) - 1}
		return 's', o, 0
	}
	o = Order{ID: s.nextID, Side: Buy, Type: Limit, Qty: 1 + s.rnd.Int64N(20)}
	if s.huge && s.rnd.IntN(10) == 0 {
		o.Qty = math.MaxInt64 - s.rnd.Int64N(3)
	}
	if s.rnd.IntN(2) == 0 {
		o.Side = Sell
	}
	o.Price = 1000 + s.rnd.Int64N(2*s.band+1) - s.band
	switch t := s.rnd.IntN(20); {
	case t == 0:
		o.Type, o.Price = Market, 0
	case t == 1:
		o.Type = IOC
	default:
		s.live = append(s.live, o.ID)
	}
	return 's', o, 0
}

func compare(t testing.TB, b *Book, m *model, s *stream, ops int) {
	t.Helper()
	var trades []Trade
	for i := 0; i < ops; i++ {
		op, o, id := s.next()
		switch op {
		case 'c':
			got, want := b.Cancel(id), m.cancel(id)
			if got != want {
				t.Fatalf("op %d: cancel %d = %v, model %v", i, id, got, want)
			}
		case 's':
			var rested int64
			var err error
			trades, rested, err = b.Submit(o, trades[:0])
			wt, wr, werr := m.submit(o)
			if err != werr || rested != wr || !slices.Equal(trades, wt) {
				t.Fatalf("op %d: submit %+v\n got %v %d %v\nwant %v %d %v", i, o, trades, rested, err, wt, wr, werr)
			}
		}
		if i%997 == 0 || ops < 5000 {
			gb, ga := b.Depth()
			wb, wa := m.depth()
			if !slices.Equal(gb, wb) || !slices.Equal(ga, wa) {
				t.Fatalf("op %d: depth\n got %v | %v\nwant %v | %v", i, gb, ga, wb, wa)
			}
			checkInvariants(t, b)
		}
	}
}

// checkInvariants: the book is never crossed, each side's tree is sound,
// and each level's totals are those of its queue and within the limit.
func checkInvariants(t testing.TB, b *Book) {
	t.Helper()
	bids, asks := b.Depth()
	if len(bids) > 0 && len(asks) > 0 && bids[0].Price >= asks[0].Price {
		t.Fatalf("crossed book: bid %d >= ask %d", bids[0].Price, asks[0].Price)
	}
	n := 0
	for _, s := range []Side{Buy, Sell} {
		for _, e := range checkTree(t, b, s) {
			h := b.orders[e.ref]
			var qty int64
			var count int32
			last := h.prev
			for oi := e.ref; oi != none; oi = b.orders[oi].next {
				if b.orders[oi].prev != last {
					t.Fatalf("order %d of level %d: prev %d, want %d", b.orders[oi].id, e.key, b.orders[oi].prev, last)
				}
				qty += b.orders[oi].qty
				count++
				if o, k, ok := b.ids.get(b.orders[oi].id, b.orders); !ok || o != oi || k != e.key {
					t.Fatalf("order %d of level %d: index says order %d at key %d, %v", b.orders[oi].id, e.key, o, k, ok)
				}
				last = oi
			}
			if qty != h.total || count != e.count || last != h.prev || count == 0 || qty > b.maxLevel {
				t.Fatalf("level %d: queue holds %d in %d orders to %d, level says %d in %d to %d", e.key, qty, count, last, h.total, e.count, h.prev)
			}
			n += int(count)
		}
	}
	if n != b.Len() {
		t.Fatalf("%d orders on levels, %d ids", n, b.Len())
	}
}

// checkTree checks side s's tree and returns its levels in key order.
func checkTree(t testing.TB, b *Book, s Side) []entry {
	t.Helper()
	sd := b.side(s)
	var levels []entry
	checkNode(t, b, s, sd.root, sd.depth, true, &levels)
	return levels
}

// checkNode checks the subtree at node ni, d nodes above the leaves: keys
// ascend within the bounds the parent sets and have the sign of side s,
// every leaf is at the same depth, and nodes other than the root are at
// least a quarter full. It appends the subtree's levels in key order and
// returns its smallest and largest key.
func checkNode(t testing.TB, b *Book, s Side, ni, d int32, root bool, levels *[]entry) (lo, hi int64) {
	t.Helper()
	nd := &b.nodes[ni]
	if !root && nd.n < fan/4 || nd.n > fan || d > 0 && nd.n < 2 {
		t.Fatalf("%v: node %d, %d above the leaves, holds %d entries", s, ni, d, nd.n)
	}
	for i := range nd.n {
		if d == 0 {
			k := nd.e[i].key
			if k == 0 || (k > 0) != (s == Buy) || i > 0 && nd.e[i-1].key >= k {
				t.Fatalf("%v: leaf %d holds keys %v", s, ni, nd.e[:nd.n])
			}
			*levels = append(*levels, nd.e[i])
			continue
		}
		clo, chi := checkNode(t, b, s, nd.e[i].ref, d-1, false, levels)
		if i > 0 && clo < nd.e[i].key || i+1 < nd.n && chi >= nd.e[i+1].key {
			t.Fatalf("%v: child %d of node %d holds keys %d..%d, outside %v", s, i, ni, clo, chi, nd.e[:nd.n])
		}
		if i == 0 {
			lo = clo
		}
		hi = chi
	}
	if d == 0 && nd.n > 0 {
		lo, hi = nd.e[0].key, nd.e[nd.n-1].key
	}
	return lo, hi
}

// TestEngineAgreesWithModel runs a million random operations through the
// engine and the model: every trade, every error and the depth must agree;
// on narrow and wide bands, with a level limit that refuses orders, and
// with quantities near math.MaxInt64.
func TestEngineAgreesWithModel(t *testing.T) {
	ops := 1_000_000
	if testing.Short() {
		ops = 50_000
	}
	for _, tt := range []struct {
		band, maxLevel int64
		huge           bool
	}{{5, 0, false}, {500, 0, false}, {5, 60, false}, {3, 0, true}} {
		t.Run(fmt.Sprintf("band±%d,max%d,huge=%v", tt.band, tt.maxLevel, tt.huge), func(t *testing.T) {
			s := &stream{rnd: rand.New(rand.NewPCG(uint64(tt.band), 7)), band: tt.band, huge: tt.huge}
			b := New()
			if tt.maxLevel > 0 {
				b.SetMaxLevelQty(tt.maxLevel)
			}
			compare(t, b, &model{maxLevel: tt.maxLevel}, s, ops/4)
		})
	}
}

// FuzzEngineAgreesWithModel drives both from fuzz-chosen seeds and sizes,
// with a level limit of maxLevel lots (0: none) and, when huge is set,
// quantities near math.MaxInt64, checking the invariants and that quantity
// is conserved.
func FuzzEngineAgreesWithModel(f *testing.F) {
	f.Add(uint64(1), uint8(5), uint16(300), uint8(0), false)
	f.Add(uint64(2), uint8(0), uint16(50), uint8(0), false)
	f.Add(uint64(3), uint8(200), uint16(1000), uint8(0), false)
	f.Add(uint64(4), uint8(3), uint16(500), uint8(40), false)
	f.Add(uint64(5), uint8(2), uint16(500), uint8(0), true)
	f.Fuzz(func(t *testing.T, seed uint64, band uint8, n uint16, maxLevel uint8, huge bool) {
		s := &stream{rnd: rand.New(rand.NewPCG(seed, seed>>1)), band: int64(band), huge: huge}
		b, m := New(), &model{maxLevel: int64(maxLevel)}
		if maxLevel > 0 {
			b.SetMaxLevelQty(int64(maxLevel))
		}
		compare(t, b, m, s, int(n))
		checkConservation(t, seed, band, n, maxLevel, huge)
	})
}

// checkConservation replays a stream and checks, per order, that what was
// filled, what rests, what was cancelled and what was dropped add up to
// what was submitted.
func checkConservation(t *testing.T, seed uint64, band uint8, n uint16, maxLevel uint8, huge bool) {
	s := &stream{rnd: rand.New(rand.NewPCG(seed, seed>>1)), band: int64(band), huge: huge}
	b := New()
	if maxLevel > 0 {
		b.SetMaxLevelQty(int64(maxLevel))
	}
	submitted := map[int64]int64{}
	done := map[int64]int64{} // filled, cancelled or dropped
	var trades []Trade
	for range n {
		op, o, id := s.next()
		if op == 'c' {
			if q, ok := b.Resting(id); ok {
				done[id] += q
			}
			_ = b.Cancel(id)
			continue
		}
		var rested int64
		var err error
		trades, rested, err = b.Submit(o, trades[:0])
		if err != nil {
			continue
		}
		submitted[o.ID] += o.Qty
		var filled int64
		for _, tr := range trades {
			filled += tr.Qty
			done[tr.Maker] += tr.Qty
		}
		done[o.ID] += o.Qty - rested // filled or dropped
		_ = filled
	}
	for id, q := range submitted {
		r, _ := b.Resting(id)
		if done[id]+r != q {
			t.Fatalf("order %d: submitted %d, done %d, resting %d", id, q, done[id], r)
		}
	}
}

func TestBadOrdersLeaveTheBookAsItWas(t *testing.T) {
	b := New()
	if _, _, err := b.Submit(Order{ID: 1, Side: Buy, Type: Limit, Price: 10, Qty: 5}, nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		o    Order
		want error
	}{
		{Order{ID: 2, Side: Sell, Type: Limit, Price: 10, Qty: 0}, ErrQty},
		{Order{ID: 2, Side: Sell, Type: Market, Qty: -1}, ErrQty},
		{Order{ID: 2, Side: Sell, Type: Limit, Price: 0, Qty: 1}, ErrPrice},
		{Order{ID: 2, Side: Sell, Type: IOC, Price: -5, Qty: 1}, ErrPrice},
		{Order{ID: 2, Side: 9, Type: Limit, Price: 10, Qty: 1}, ErrSide},
		{Order{ID: 2, Side: Sell, Type: 0, Price: 10, Qty: 1}, ErrType},
		{Order{ID: 1, Side: Sell, Type: Limit, Price: 10, Qty: 1}, ErrDuplicate},
		{Order{ID: 2, Side: Buy, Type: Limit, Price: 10, Qty: math.MaxInt64 - 4}, ErrTotal},
	} {
		trades, rested, err := b.Submit(tt.o, nil)
		if err != tt.want || len(trades) != 0 || rested != 0 {
			t.Errorf("%+v: %v %d %v, want %v", tt.o, trades, rested, err, tt.want)
		}
	}
	if err := b.Cancel(7); err != ErrUnknown {
		t.Errorf("cancel unknown: %v", err)
	}
	bids, asks := b.Depth()
	if !slices.Equal(bids, []Level{{10, 5, 1}}) || len(asks) != 0 {
		t.Errorf("book changed: %v %v", bids, asks)
	}
}

// TestLevelTotalsNeverWrap: a level of math.MaxInt64 lots takes no more,
// and SetMaxLevelQty lowers the limit, as the bridge does to 2^53−1.
func TestLevelTotalsNeverWrap(t *testing.T) {
	for _, tt := range []struct {
		max   int64
		first int64
	}{{0, math.MaxInt64}, {1<<53 - 1, 1<<53 - 1}, {10, 4}} {
		b := New()
		if tt.max > 0 {
			b.SetMaxLevelQty(tt.max)
		}
		limit := cmp.Or(tt.max, math.MaxInt64)
		if _, _, err := b.Submit(Order{ID: 1, Side: Sell, Type: Limit, Price: 7, Qty: tt.first}, nil); err != nil {
			t.Fatal(err)
		}
		for id, qty := range []int64{limit - tt.first + 1, 2, limit} {
			if _, _, err := b.Submit(Order{ID: int64(id + 2), Side: Sell, Type: Limit, Price: 7, Qty: qty}, nil); err != nil && err != ErrTotal {
				t.Fatal(err)
			} else if err == nil && tt.first+qty > limit {
				t.Errorf("max %d: %d more lots on a level of %d taken", limit, qty, tt.first)
			}
		}
		// An order of more than the limit is refused even where it would
		// open a level, and before it trades.
		if _, _, err := b.Submit(Order{ID: 9, Side: Buy, Type: Limit, Price: 7, Qty: limit + 1}, nil); limit < math.MaxInt64 && err != ErrTotal {
			t.Errorf("max %d: an order of %d: %v", limit, limit+1, err)
		}
		_, asks := b.Depth()
		for _, l := range asks {
			if l.Qty <= 0 || l.Qty > limit {
				t.Errorf("max %d: level %+v", limit, l)
			}
		}
		checkInvariants(t, b)
	}
}
