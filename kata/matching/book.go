package matching

import "errors"

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
)

const none = -1

// resting is an order on the book, in a slab; prev and next link the FIFO
// queue of its level.
type resting struct {
	id, qty    int64
	level      int32
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
// not ready; use New.
type Book struct {
	orders     []resting
	freeOrders []int32
	levels     []level
	freeLevels []int32
	// bids and asks hold level indices sorted so that the best price is
	// last: bids ascending, asks descending. The best level is popped and
	// pushed at the end, where the book is busiest.
	bids, asks []int32
	ids        map[int64]int32
}

// New returns an empty book.
func New() *Book {
	b := &Book{}
	b.Reset()
	return b
}

// Reset empties the book, keeping its memory.
func (b *Book) Reset() {
	b.orders, b.freeOrders = b.orders[:0], b.freeOrders[:0]
	b.levels, b.freeLevels = b.levels[:0], b.freeLevels[:0]
	b.bids, b.asks = b.bids[:0], b.asks[:0]
	if b.ids == nil {
		b.ids = make(map[int64]int32)
	}
	clear(b.ids)
}

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
	if _, dup := b.ids[o.ID]; dup {
		return trades, 0, ErrDuplicate
	}
	opposite := &b.asks
	if o.Side == Sell {
		opposite = &b.bids
	}
	qty := o.Qty
	for qty > 0 && len(*opposite) > 0 {
		li := (*opposite)[len(*opposite)-1]
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
				b.unlink(oi)
			}
		}
		if lv.head == none {
			*opposite = (*opposite)[:len(*opposite)-1]
			b.freeLevels = append(b.freeLevels, li)
		}
	}
	if qty == 0 || o.Type != Limit {
		return trades, 0, nil
	}
	b.rest(o.ID, o.Side, o.Price, qty)
	return trades, qty, nil
}

// Cancel removes the resting order id.
func (b *Book) Cancel(id int64) error {
	oi, ok := b.ids[id]
	if !ok {
		return ErrUnknown
	}
	li := b.orders[oi].level
	b.levels[li].qty -= b.orders[oi].qty
	b.unlink(oi)
	if b.levels[li].head == none {
		b.dropLevel(li)
	}
	return nil
}

// AppendDepth appends the aggregated levels, best first on each side.
func (b *Book) AppendDepth(bids, asks []Level) ([]Level, []Level) {
	for i := len(b.bids) - 1; i >= 0; i-- {
		lv := &b.levels[b.bids[i]]
		bids = append(bids, Level{lv.price, lv.qty, int(lv.count)})
	}
	for i := len(b.asks) - 1; i >= 0; i-- {
		lv := &b.levels[b.asks[i]]
		asks = append(asks, Level{lv.price, lv.qty, int(lv.count)})
	}
	return bids, asks
}

// Depth returns the aggregated levels, best first on each side.
func (b *Book) Depth() (bids, asks []Level) { return b.AppendDepth(nil, nil) }

// Resting reports how much of order id rests on the book.
func (b *Book) Resting(id int64) (int64, bool) {
	oi, ok := b.ids[id]
	if !ok {
		return 0, false
	}
	return b.orders[oi].qty, true
}

// Len is the number of resting orders.
func (b *Book) Len() int { return len(b.ids) }

func (b *Book) rest(id int64, side Side, price, qty int64) {
	li := b.level(side, price)
	oi := b.newOrder()
	lv := &b.levels[li]
	b.orders[oi] = resting{id: id, qty: qty, level: li, prev: lv.tail, next: none}
	if lv.tail == none {
		lv.head = oi
	} else {
		b.orders[lv.tail].next = oi
	}
	lv.tail = oi
	lv.qty += qty
	lv.count++
	b.ids[id] = oi
}

// unlink takes order oi out of its level's queue and the id index; the
// level's quantity is the caller's to adjust.
func (b *Book) unlink(oi int32) {
	o := &b.orders[oi]
	lv := &b.levels[o.level]
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
	delete(b.ids, o.id)
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

// side returns the sorted level list of side s.
func (b *Book) side(s Side) *[]int32 {
	if s == Buy {
		return &b.bids
	}
	return &b.asks
}

// find returns the position of price in side s's list, or where it would
// go, and whether it is there.
func (b *Book) find(s Side, price int64) (int, bool) {
	list := *b.side(s)
	lo, hi := 0, len(list)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		p := b.levels[list[mid]].price
		if p == price {
			return mid, true
		}
		// Bids ascend, asks descend: the best price is last on both.
		if (s == Buy) == (p < price) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, false
}

// level returns the level of side s at price, made if missing.
func (b *Book) level(s Side, price int64) int32 {
	list := b.side(s)
	// Most orders rest at or next to the best price: try the end first.
	if n := len(*list); n > 0 && b.levels[(*list)[n-1]].price == price {
		return (*list)[n-1]
	}
	at, ok := b.find(s, price)
	if ok {
		return (*list)[at]
	}
	var li int32
	if n := len(b.freeLevels); n > 0 {
		li = b.freeLevels[n-1]
		b.freeLevels = b.freeLevels[:n-1]
	} else {
		b.levels = append(b.levels, level{})
		li = int32(len(b.levels) - 1)
	}
	b.levels[li] = level{price: price, head: none, tail: none, side: s}
	*list = append(*list, 0)
	copy((*list)[at+1:], (*list)[at:])
	(*list)[at] = li
	return li
}

func (b *Book) dropLevel(li int32) {
	lv := &b.levels[li]
	list := b.side(lv.side)
	at, ok := b.find(lv.side, lv.price)
	if !ok {
		panic("matching: a level is missing from its side")
	}
	*list = append((*list)[:at], (*list)[at+1:]...)
	b.freeLevels = append(b.freeLevels, li)
}
