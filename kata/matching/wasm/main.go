//go:build js && wasm

// Command wasm is the matching engine's bridge to the browser: it sets
// globalThis.matching, whose functions take and return plain JS values and
// never throw. It imports neither fmt nor encoding/json, which would double
// the size of the download.
package main

import (
	"errors"
	"math"
	"syscall/js"

	"kitgen/kata/matching"
)

func main() {
	register(js.Global())
	select {}
}

// bridge holds the one book the page plays with.
type bridge struct {
	book   *matching.Book
	trades []matching.Trade
	bids   []matching.Level
	asks   []matching.Level
}

func register(global js.Value) {
	b := &bridge{book: matching.New()}
	// Every number the bridge returns is a JavaScript number; a level's
	// total past 2^53−1 would lose lots.
	b.book.SetMaxLevelQty(maxInt)
	api := js.Global().Get("Object").New()
	api.Set("reset", safe(func(args []js.Value) any { b.book.Reset(); return obj() }))
	api.Set("submit", safe(b.submit))
	api.Set("cancel", safe(b.cancel))
	api.Set("depth", safe(b.depth))
	api.Set("bench", safe(b.bench))
	global.Set("matching", api)
}

// safe turns a panic into {error}, so that no input can throw into the page.
func safe(f func(args []js.Value) any) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = fail(errors.New("internal error in the engine"))
			}
		}()
		return f(args)
	})
}

func obj() js.Value { return js.Global().Get("Object").New() }

// first is the first argument, undefined when there is none.
func first(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

func fail(err error) js.Value {
	o := obj()
	o.Set("error", err.Error())
	return o
}

// maxInt is the largest integer a JS number holds exactly.
const maxInt = 1<<53 - 1

// reflectAPI is the page's Reflect, whose get reads a property as o[name]
// does.
var reflectAPI = js.Global().Get("Reflect")

// field reads o[name]. Value.Get would let an exception from a getter or a
// Proxy trap unwind through the Go runtime and stop it for good; a method
// call catches it, and it becomes an error here.
func field(o js.Value, name string) (v js.Value, err error) {
	defer func() {
		if recover() != nil {
			// Not the exception's message: reading that may throw too.
			v, err = js.Undefined(), errors.New("reading "+name+" threw an exception")
		}
	}()
	return reflectAPI.Call("get", o, name), nil
}

// integer reads v, named name, as a whole number; optional values may be
// missing.
func integer(v js.Value, name string, optional bool) (int64, error) {
	if v.IsUndefined() || v.IsNull() {
		if optional {
			return 0, nil
		}
		return 0, errors.New(name + " is missing")
	}
	if v.Type() != js.TypeNumber {
		return 0, errors.New(name + " must be a number")
	}
	f := v.Float()
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, errors.New(name + " must be a finite number")
	case math.Abs(f) > maxInt:
		return 0, errors.New(name + " is too large")
	case f != math.Trunc(f):
		return 0, errors.New(name + " must be a whole number")
	}
	return int64(f), nil
}

// order reads an order as the page writes it.
func order(in js.Value) (matching.Order, error) {
	var o matching.Order
	var v [5]js.Value
	for i, name := range [...]string{"side", "type", "id", "price", "qty"} {
		var err error
		if v[i], err = field(in, name); err != nil {
			return o, err
		}
	}
	side, typ := "", ""
	if v[0].Type() == js.TypeString {
		side = v[0].String()
	}
	if v[1].Type() == js.TypeString {
		typ = v[1].String()
	}
	switch side {
	case "buy":
		o.Side = matching.Buy
	case "sell":
		o.Side = matching.Sell
	default:
		return o, errors.New(`side must be "buy" or "sell"`)
	}
	switch typ {
	case "limit":
		o.Type = matching.Limit
	case "market":
		o.Type = matching.Market
	case "ioc":
		o.Type = matching.IOC
	default:
		return o, errors.New(`type must be "limit", "market" or "ioc"`)
	}
	var err error
	if o.ID, err = integer(v[2], "id", false); err != nil {
		return o, err
	}
	if o.Price, err = integer(v[3], "price", o.Type == matching.Market); err != nil {
		return o, err
	}
	o.Qty, err = integer(v[4], "qty", false)
	return o, err
}

func (b *bridge) submit(args []js.Value) any {
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		return fail(errors.New("submit takes an order: {id, side, type, price, qty}"))
	}
	o, err := order(args[0])
	if err != nil {
		return fail(err)
	}
	var rested int64
	b.trades, rested, err = b.book.Submit(o, b.trades[:0])
	if err != nil {
		return fail(err)
	}
	trades := js.Global().Get("Array").New(len(b.trades))
	for i, t := range b.trades {
		to := obj()
		to.Set("taker", t.Taker)
		to.Set("maker", t.Maker)
		to.Set("price", t.Price)
		to.Set("qty", t.Qty)
		trades.SetIndex(i, to)
	}
	out := obj()
	out.Set("trades", trades)
	out.Set("rested", rested)
	return out
}

func (b *bridge) cancel(args []js.Value) any {
	if len(args) == 0 {
		return fail(errors.New("cancel takes an order id"))
	}
	id, err := integer(args[0], "id", false)
	if err != nil {
		return fail(err)
	}
	if err := b.book.Cancel(id); err != nil {
		return fail(err)
	}
	return obj()
}

// depth returns the whole book in one call: crossing into JS costs more per
// call than building a few objects.
func (b *bridge) depth(args []js.Value) any {
	b.bids, b.asks = b.book.AppendDepth(b.bids[:0], b.asks[:0])
	side := func(levels []matching.Level) js.Value {
		a := js.Global().Get("Array").New(len(levels))
		for i, l := range levels {
			o := obj()
			o.Set("price", l.Price)
			o.Set("qty", l.Qty)
			o.Set("orders", l.Orders)
			a.SetIndex(i, o)
		}
		return a
	}
	out := obj()
	out.Set("bids", side(b.bids))
	out.Set("asks", side(b.asks))
	return out
}

// bench runs n generated operations on a book of its own inside wasm.
func (b *bridge) bench(args []js.Value) any {
	n, err := integer(first(args), "n", false)
	if err != nil || n <= 0 || n > 100_000_000 {
		return fail(errors.New("bench takes a number of orders from 1 to 100000000"))
	}
	book := matching.New()
	matching.RunMixed(book, 1<<16, 1)
	// The page's clock, not package time, which would add 200 KB.
	clock := js.Global().Get("performance")
	start := clock.Call("now").Float()
	matching.RunMixed(book, int(n), 2)
	out := obj()
	out.Set("orders", n)
	out.Set("seconds", (clock.Call("now").Float()-start)/1000)
	return out
}
