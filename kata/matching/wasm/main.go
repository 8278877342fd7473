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

func fail(err error) js.Value {
	o := obj()
	o.Set("error", err.Error())
	return o
}

// maxInt is the largest integer a JS number holds exactly.
const maxInt = 1<<53 - 1

// integer reads field name of o as a whole number; optional fields may be
// missing.
func integer(o js.Value, name string, optional bool) (int64, error) {
	v := o.Get(name)
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

func word(o js.Value, name string) string {
	if v := o.Get(name); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

func (b *bridge) submit(args []js.Value) any {
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		return fail(errors.New("submit takes an order: {id, side, type, price, qty}"))
	}
	in := args[0]
	var o matching.Order
	switch word(in, "side") {
	case "buy":
		o.Side = matching.Buy
	case "sell":
		o.Side = matching.Sell
	default:
		return fail(errors.New(`side must be "buy" or "sell"`))
	}
	switch word(in, "type") {
	case "limit":
		o.Type = matching.Limit
	case "market":
		o.Type = matching.Market
	case "ioc":
		o.Type = matching.IOC
	default:
		return fail(errors.New(`type must be "limit", "market" or "ioc"`))
	}
	var err error
	if o.ID, err = integer(in, "id", false); err != nil {
		return fail(err)
	}
	if o.Price, err = integer(in, "price", o.Type == matching.Market); err != nil {
		return fail(err)
	}
	if o.Qty, err = integer(in, "qty", false); err != nil {
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
	holder := obj()
	holder.Set("id", args[0])
	id, err := integer(holder, "id", false)
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
	holder := obj()
	if len(args) > 0 {
		holder.Set("n", args[0])
	}
	n, err := integer(holder, "n", false)
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
