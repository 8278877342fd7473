package matching

import (
	"errors"
	"math"
)

// Side is the side of the book an order is on.
type Side uint8

const (
	Buy Side = iota + 1
	Sell
)

// Type is how an order treats what it cannot fill at once.
type Type uint8

const (
	// Limit rests what it cannot fill at its price or better.
	Limit Type = iota + 1
	// Market ignores price and never rests.
	Market
	// IOC (immediate or cancel) has a limit price and never rests.
	IOC
)

// Order is a request to trade. Price is in ticks, Qty in lots.
type Order struct {
	ID    int64
	Side  Side
	Type  Type
	Price int64
	Qty   int64
}

// Trade is one fill: the incoming order (taker) against a resting one
// (maker), at the maker's price.
type Trade struct {
	Taker, Maker int64
	Price, Qty   int64
}

// Level is one price level of the book, aggregated.
type Level struct {
	Price, Qty int64
	Orders     int
}

// Errors for bad orders and cancels; the book is unchanged after each.
var (
	ErrQty       = errors.New("quantity must be positive")
	ErrPrice     = errors.New("limit and ioc orders need a positive price")
	ErrSide      = errors.New("side must be buy or sell")
	ErrType      = errors.New("type must be limit, market or ioc")
	ErrDuplicate = errors.New("an order with this id is already resting")
	ErrUnknown   = errors.New("no resting order has this id")
	ErrTotal     = errors.New("resting this order would take its price level past the most a level may hold")
)

const none = -1

// resting is an order on the book, in a slab; next links the FIFO queue
// of its level and prev runs back, from the first order to the last. The
// first order also holds its level's total, and its leaf entry the number
// of orders: a level has no record of its own, so that making or dropping
// a level of one order, nearly every level of a wide book, reads no more
// than the order and its leaf, and an order is 32 bytes, never across two
// cache lines.
type resting struct {
	id, qty    int64
	total      int64 // the level's, on its first order
	prev, next int32
}

// Book is a limit order book with price-time priority. The zero value is
// not ready; use New. A Book is not safe for concurrent use: one goroutine
// at a time may call its methods.
type Book struct {
	orders     []resting
	freeOrders []int32
	nodes      []node
	freeNodes  []int32
	bids, asks side
	ids        index
	maxLevel   int64
}

// New returns an empty book.
func New() *Book {
	b := &Book{maxLevel: math.MaxInt64}
	b.Reset()
	return b
}

// Reset empties the book, keeping its memory and its SetMaxLevelQty.
func (b *Book) Reset() {
	b.orders, b.freeOrders = b.orders[:0], b.freeOrders[:0]
	b.nodes, b.freeNodes = b.nodes[:0], b.freeNodes[:0]
	b.bids = side{root: b.newNode()}
	b.asks = side{root: b.newNode()}
	b.ids.reset()
}

// SetMaxLevelQty sets the most a price level may hold: a limit order of
// more, or one that would take the total resting at its price past it, is
// refused with ErrTotal. It is math.MaxInt64 unless set, so that a level's
// total never wraps; the WebAssembly bridge sets 2^53−1, the largest
// integer a JavaScript number holds exactly.
func (b *Book) SetMaxLevelQty(max int64) { b.maxLevel = max }

func (o Order) check() error {
	switch {
	case o.Side != Buy && o.Side != Sell:
		return ErrSide
	case o.Type != Limit && o.Type != Market && o.Type != IOC:
		return ErrType
	case o.Qty <= 0:
		return ErrQty
	case o.Type != Market && o.Price <= 0:
		return ErrPrice
	}
	return nil
}

// Submit matches o against the book and rests what is left of a limit
// order. It appends the trades to trades and returns them with the
// quantity left resting. A bad order returns an error and changes nothing.
func (b *Book) Submit(o Order, trades []Trade) ([]Trade, int64, error) {
	if err := o.check(); err != nil {
		return trades, 0, err
	}
	opposite := &b.asks
	if o.Side == Sell {
		opposite = &b.bids
	}
	var p path
	if o.Type == Limit && !b.crosses(opposite, &p, o) {
		// It rests whole, and rest checks it.
		if err := b.rest(o.ID, o.Side, o.Price, o.Qty); err != nil {
			return trades, 0, err
		}
		return trades, o.Qty, nil
	}
	if _, _, dup := b.ids.get(o.ID, b.orders); dup {
		return trades, 0, ErrDuplicate
	}
	if o.Type == Limit && o.Qty > b.maxLevel {
		return trades, 0, ErrTotal
	}
	qty := o.Qty
	for qty > 0 {
		// The best level is the last entry of the last leaf: no search.
		leaf := b.descendLast(opposite, &p)
		nd := &b.nodes[leaf]
		if nd.n == 0 {
			break
		}
		at := nd.n - 1
		px := price(nd.e[at].key)
		if o.Type != Market && (o.Side == Buy && px > o.Price || o.Side == Sell && px < o.Price) {
			break
		}
		e := &nd.e[at]
		hi := e.ref
		total, tail, count := b.orders[hi].total, b.orders[hi].prev, e.count
		for qty > 0 && hi != none {
			m := &b.orders[hi]
			fill := min(qty, m.qty)
			trades = append(trades, Trade{Taker: o.ID, Maker: m.id, Price: px, Qty: fill})
			qty -= fill
			m.qty -= fill
			total -= fill
			if m.qty == 0 {
				count--
				b.ids.del(m.id, hi)
				b.freeOrders = append(b.freeOrders, hi)
				hi = m.next
			}
		}
		if hi == none {
			b.removeAt(opposite, &p, leaf, at)
			continue
		}
		h := &b.orders[hi]
		h.prev, h.total = tail, total
		e.ref, e.count = hi, count
	}
	if qty == 0 || o.Type != Limit {
		return trades, 0, nil
	}
	if err := b.rest(o.ID, o.Side, o.Price, qty); err != nil {
		return trades, 0, err
	}
	return trades, qty, nil
}

// crosses reports whether limit order o would trade with the best level
// of opposite, using p to descend.
func (b *Book) crosses(opposite *side, p *path, o Order) bool {
	nd := &b.nodes[b.descendLast(opposite, p)]
	if nd.n == 0 {
		return false
	}
	px := price(nd.e[nd.n-1].key)
	return o.Side == Buy && px <= o.Price || o.Side == Sell && px >= o.Price
}

// Cancel removes the resting order id.
func (b *Book) Cancel(id int64) error {
	// The slot's key leads to the level's leaf: descending before the
	// order confirms the id lets the CPU fetch the leaf and the order at
	// once, where the descent's instructions would fill its window while
	// it waited for the order. The level's first order is read only if it
	// is another.
	oi, k, ok := b.ids.tagged(id)
	if !ok {
		return ErrUnknown
	}
	var p path
	sd, leaf, at := b.find(k, &p)
	o := &b.orders[oi]
	if o.id != id {
		if oi, k, ok = b.ids.get(id, b.orders); !ok {
			return ErrUnknown
		}
		sd, leaf, at = b.find(k, &p)
		o = &b.orders[oi]
	}
	e := &b.nodes[leaf].e[at]
	b.ids.del(id, oi)
	b.freeOrders = append(b.freeOrders, oi)
	switch {
	case o.prev == oi: // the only order
		b.removeAt(sd, &p, leaf, at)
	case e.ref == oi:
		// The next order becomes the first, and holds the level.
		n := &b.orders[o.next]
		n.prev, n.total = o.prev, o.total-o.qty
		e.ref = o.next
		e.count--
	default:
		h := &b.orders[e.ref]
		h.total -= o.qty
		e.count--
		b.orders[o.prev].next = o.next
		if o.next == none {
			h.prev = o.prev
		} else {
			b.orders[o.next].prev = o.prev
		}
	}
	return nil
}

// find returns the side, leaf and position of the level with key k, which
// the book holds, recording the way down in p.
func (b *Book) find(k int64, p *path) (sd *side, leaf, at int32) {
	sd = &b.bids
	if k < 0 {
		sd = &b.asks
	}
	leaf = b.descend(sd, k, p)
	return sd, leaf, search(&b.nodes[leaf], k)
}

// AppendDepth appends the aggregated levels, best first on each side.
func (b *Book) AppendDepth(bids, asks []Level) ([]Level, []Level) {
	return b.appendLevels(b.bids.root, b.bids.depth, bids), b.appendLevels(b.asks.root, b.asks.depth, asks)
}

// Depth returns the aggregated levels, best first on each side.
func (b *Book) Depth() (bids, asks []Level) { return b.AppendDepth(nil, nil) }

// Resting reports how much of order id rests on the book.
func (b *Book) Resting(id int64) (int64, bool) {
	oi, _, ok := b.ids.get(id, b.orders)
	if !ok {
		return 0, false
	}
	return b.orders[oi].qty, true
}

// Len is the number of resting orders.
func (b *Book) Len() int { return b.ids.n }

// rest puts qty lots of order id at the back of its level's queue, the
// level made if missing. It returns ErrDuplicate if id rests already and
// ErrTotal if qty is more than a level may hold or would take the level
// past it; Submit checked neither for an order that rests whole.
func (b *Book) rest(id int64, s Side, price, qty int64) error {
	sd := b.side(s)
	k := key(s, price)
	var p path
	leaf := b.descend(sd, k, &p)
	nd := &b.nodes[leaf]
	at := search(nd, k)
	// Looking for the id only now lets the CPU fetch the leaf and the id's
	// slot at once: before the descent, the wait for the slot held up the
	// descent's instructions, and the leaf with them.
	if _, _, dup := b.ids.get(id, b.orders); dup {
		return ErrDuplicate
	}
	if qty > b.maxLevel {
		return ErrTotal
	}
	var oi int32
	if at == nd.n || nd.e[at].key != k {
		// Submit refused orders of more than b.maxLevel, so a new level
		// is never refused, nor left empty in the tree.
		oi = b.newOrder()
		b.orders[oi] = resting{id: id, qty: qty, total: qty, prev: oi, next: none}
		b.insert(sd, &p, leaf, at, entry{k, oi, 1})
	} else {
		e := &nd.e[at]
		// A level of the order's own side at its price means the order
		// crossed nothing (the book is never crossed), so refusing it
		// changes nothing.
		if b.orders[e.ref].total > b.maxLevel-qty {
			return ErrTotal
		}
		oi = b.newOrder()
		h := &b.orders[e.ref]
		b.orders[oi] = resting{id: id, qty: qty, prev: h.prev, next: none}
		b.orders[h.prev].next = oi
		h.prev = oi
		h.total += qty
		e.count++
	}
	b.ids.put(id, oi, k)
	return nil
}

func (b *Book) newOrder() int32 {
	if n := len(b.freeOrders); n > 0 {
		oi := b.freeOrders[n-1]
		b.freeOrders = b.freeOrders[:n-1]
		return oi
	}
	b.orders = append(b.orders, resting{})
	return int32(len(b.orders) - 1)
}

func (b *Book) side(s Side) *side {
	if s == Buy {
		return &b.bids
	}
	return &b.asks
}
