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

// resting is an order on the book, in a slab; prev and next link the FIFO
// queue of its level.
type resting struct {
	id, qty    int64
	prev, next int32
}

// level is a price level: a FIFO queue of resting orders.
type level struct {
	price, qty int64
	count      int32
	head, tail int32
	side       Side
}

// Book is a limit order book with price-time priority. The zero value is
// not ready; use New. A Book is not safe for concurrent use: one goroutine
// at a time may call its methods.
type Book struct {
	orders     []resting
	freeOrders []int32
	levels     []level
	freeLevels []int32
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
	b.levels, b.freeLevels = b.levels[:0], b.freeLevels[:0]
	b.nodes, b.freeNodes = b.nodes[:0], b.freeNodes[:0]
	b.bids = side{root: b.newNode(), best: none}
	b.asks = side{root: b.newNode(), best: none}
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
	if _, _, dup := b.ids.get(o.ID); dup {
		return trades, 0, ErrDuplicate
	}
	if o.Type == Limit && o.Qty > b.maxLevel {
		return trades, 0, ErrTotal
	}
	opposite := &b.asks
	if o.Side == Sell {
		opposite = &b.bids
	}
	qty := o.Qty
	for qty > 0 && opposite.best != none {
		li := opposite.best
		lv := &b.levels[li]
		if o.Type != Market && (o.Side == Buy && lv.price > o.Price || o.Side == Sell && lv.price < o.Price) {
			break
		}
		for qty > 0 && lv.head != none {
			oi := lv.head
			m := &b.orders[oi]
			fill := min(qty, m.qty)
			trades = append(trades, Trade{Taker: o.ID, Maker: m.id, Price: lv.price, Qty: fill})
			qty -= fill
			m.qty -= fill
			lv.qty -= fill
			if m.qty == 0 {
				b.unlink(oi, li)
			}
		}
		if lv.head == none {
			b.dropLevel(li)
		}
	}
	if qty == 0 || o.Type != Limit {
		return trades, 0, nil
	}
	if err := b.rest(o.ID, o.Side, o.Price, qty); err != nil {
		return trades, 0, err
	}
	return trades, qty, nil
}

// Cancel removes the resting order id.
func (b *Book) Cancel(id int64) error {
	oi, li, ok := b.ids.get(id)
	if !ok {
		return ErrUnknown
	}
	lv := &b.levels[li]
	lv.qty -= b.orders[oi].qty
	b.unlink(oi, li)
	if lv.head == none {
		b.dropLevel(li)
	}
	return nil
}

// AppendDepth appends the aggregated levels, best first on each side.
func (b *Book) AppendDepth(bids, asks []Level) ([]Level, []Level) {
	return b.appendLevels(b.bids.root, b.bids.depth, bids), b.appendLevels(b.asks.root, b.asks.depth, asks)
}

// Depth returns the aggregated levels, best first on each side.
func (b *Book) Depth() (bids, asks []Level) { return b.AppendDepth(nil, nil) }

// Resting reports how much of order id rests on the book.
func (b *Book) Resting(id int64) (int64, bool) {
	oi, _, ok := b.ids.get(id)
	if !ok {
		return 0, false
	}
	return b.orders[oi].qty, true
}

// Len is the number of resting orders.
func (b *Book) Len() int { return b.ids.n }

// rest puts qty lots of order id at the back of its level's queue, the
// level made if missing, or returns ErrTotal if they would take the level
// past b.maxLevel.
func (b *Book) rest(id int64, s Side, price, qty int64) error {
	sd := b.side(s)
	// Most orders rest at the best price: try it first.
	li := sd.best
	if li == none || b.levels[li].price != price {
		k := key(s, price)
		var p path
		leaf := b.descend(sd, k, &p)
		nd := &b.nodes[leaf]
		at := search(nd, k)
		if at == nd.n || nd.keys[at] != k {
			li = b.addLevel(sd, s, price, &p, leaf, at)
		} else {
			li = nd.refs[at]
		}
	}
	lv := &b.levels[li]
	// A level of the order's own side at its price means the order crossed
	// nothing (the book is never crossed), so refusing it changes nothing.
	// A level just made is empty and Submit refused orders of more than
	// b.maxLevel, so it is never refused and never left empty in the tree.
	if lv.qty > b.maxLevel-qty {
		return ErrTotal
	}
	oi := b.newOrder()
	b.orders[oi] = resting{id: id, qty: qty, prev: lv.tail, next: none}
	if lv.tail == none {
		lv.head = oi
	} else {
		b.orders[lv.tail].next = oi
	}
	lv.tail = oi
	lv.qty += qty
	lv.count++
	b.ids.put(id, oi, li)
	return nil
}

// unlink takes order oi out of the queue of its level li and out of the
// id index; the level's quantity is the caller's to adjust.
func (b *Book) unlink(oi, li int32) {
	o := &b.orders[oi]
	lv := &b.levels[li]
	if o.prev == none {
		lv.head = o.next
	} else {
		b.orders[o.prev].next = o.next
	}
	if o.next == none {
		lv.tail = o.prev
	} else {
		b.orders[o.next].prev = o.prev
	}
	lv.count--
	b.ids.del(o.id)
	b.freeOrders = append(b.freeOrders, oi)
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

// addLevel makes the level of side s at price, which sd lacks, at
// position at of leaf, where a descent led by way of p.
func (b *Book) addLevel(sd *side, s Side, price int64, p *path, leaf, at int32) int32 {
	li := b.newLevel(s, price)
	k := key(s, price)
	b.insert(sd, p, leaf, at, k, li)
	if sd.best == none || k > key(s, b.levels[sd.best].price) {
		sd.best = li
	}
	return li
}

func (b *Book) newLevel(s Side, price int64) int32 {
	var li int32
	if n := len(b.freeLevels); n > 0 {
		li = b.freeLevels[n-1]
		b.freeLevels = b.freeLevels[:n-1]
	} else {
		b.levels = append(b.levels, level{})
		li = int32(len(b.levels) - 1)
	}
	b.levels[li] = level{price: price, head: none, tail: none, side: s}
	return li
}

// dropLevel takes empty level li out of its side.
func (b *Book) dropLevel(li int32) {
	lv := &b.levels[li]
	sd := b.side(lv.side)
	var p path
	if li == sd.best {
		// The best level is the last entry of the last leaf: no search.
		leaf := b.descendLast(sd, &p)
		b.removeAt(sd, &p, leaf, b.nodes[leaf].n-1)
		sd.best = b.last(sd)
	} else {
		k := key(lv.side, lv.price)
		leaf := b.descend(sd, k, &p)
		b.removeAt(sd, &p, leaf, search(&b.nodes[leaf], k))
	}
	b.freeLevels = append(b.freeLevels, li)
}
