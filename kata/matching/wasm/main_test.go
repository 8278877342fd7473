//go:build js && wasm

package main

import (
	"errors"
	"io/fs"
	"syscall/js"
	"testing"

	"kitgen/kata/matching/scenario"
)

func api(t *testing.T) js.Value {
	t.Helper()
	g := js.Global().Get("Object").New()
	register(g)
	m := g.Get("matching")
	m.Call("reset")
	return m
}

func TestSubmitCrossesAndDepthIsOneSnapshot(t *testing.T) {
	m := api(t)
	order := func(id int, side, typ string, price, qty int) map[string]any {
		return map[string]any{"id": id, "side": side, "type": typ, "price": price, "qty": qty}
	}
	if r := m.Call("submit", order(1, "sell", "limit", 101, 5)); r.Get("rested").Int() != 5 || r.Get("trades").Length() != 0 {
		t.Fatalf("rest: %v", js.Global().Get("JSON").Call("stringify", r))
	}
	r := m.Call("submit", order(2, "buy", "limit", 102, 3))
	tr := r.Get("trades")
	if tr.Length() != 1 || tr.Index(0).Get("maker").Int() != 1 || tr.Index(0).Get("price").Int() != 101 || tr.Index(0).Get("qty").Int() != 3 {
		t.Fatalf("cross: %v", js.Global().Get("JSON").Call("stringify", r))
	}
	d := m.Call("depth")
	if d.Get("asks").Length() != 1 || d.Get("asks").Index(0).Get("qty").Int() != 2 || d.Get("bids").Length() != 0 {
		t.Fatalf("depth: %v", js.Global().Get("JSON").Call("stringify", d))
	}
	if r := m.Call("cancel", 1); !r.Get("error").IsUndefined() {
		t.Fatalf("cancel: %v", r.Get("error"))
	}
	if r := m.Call("cancel", 1); r.Get("error").IsUndefined() {
		t.Fatal("cancelled twice")
	}
	if b := m.Call("bench", 10000); b.Get("orders").Int() != 10000 || b.Get("seconds").Float() <= 0 {
		t.Fatalf("bench: %v", js.Global().Get("JSON").Call("stringify", b))
	}
}

func TestBadInputGivesErrorNotException(t *testing.T) {
	m := api(t)
	parse := func(s string) js.Value { return js.Global().Get("JSON").Call("parse", s) }
	nan := js.Global().Get("NaN")
	inf := js.Global().Get("Infinity")
	withNum := func(field string, v any) js.Value {
		o := parse(`{"id": 1, "side": "buy", "type": "limit", "price": 10, "qty": 1}`)
		o.Set(field, v)
		return o
	}
	for name, args := range map[string][]any{
		"nothing":        {},
		"a string":       {"order"},
		"null":           {js.Null()},
		"undefined":      {js.Undefined()},
		"missing id":     {parse(`{"side": "buy", "type": "limit", "price": 10, "qty": 1}`)},
		"string qty":     {withNum("qty", "5")},
		"fraction price": {withNum("price", 10.5)},
		"NaN qty":        {withNum("qty", nan)},
		"Infinity price": {withNum("price", inf)},
		"huge id":        {withNum("id", 1e300)},
		"negative qty":   {withNum("qty", -1)},
		"bad side":       {parse(`{"id": 1, "side": "hold", "type": "limit", "price": 10, "qty": 1}`)},
		"bad type":       {parse(`{"id": 1, "side": "buy", "type": "stop", "price": 10, "qty": 1}`)},
		"array":          {parse(`[1, 2]`)},
	} {
		r := m.Call("submit", args...)
		if r.Get("error").Type() != js.TypeString {
			t.Errorf("submit(%s) = %v, want {error}", name, js.Global().Get("JSON").Call("stringify", r))
		}
	}
	for name, arg := range map[string]any{"string": "1", "NaN": nan, "fraction": 1.5, "object": parse(`{}`)} {
		if r := m.Call("cancel", arg); r.Get("error").Type() != js.TypeString {
			t.Errorf("cancel(%s) gave no error", name)
		}
	}
	for _, arg := range []any{0, -5, "1000", nan} {
		if r := m.Call("bench", arg); r.Get("error").Type() != js.TypeString {
			t.Errorf("bench(%v) gave no error", arg)
		}
	}
	if d := m.Call("depth"); d.Get("bids").Length() != 0 {
		t.Error("a bad order changed the book")
	}
}

// TestHostileOrdersGiveErrors: an order that is a Proxy whose traps throw,
// or that has a throwing getter, gets {error}; nothing throws into the page.
func TestHostileOrdersGiveErrors(t *testing.T) {
	m := api(t)
	global := js.Global()
	thrower := global.Get("Function").New("throw new Error('boom')")
	handler := global.Get("Object").New()
	handler.Set("get", thrower)
	proxy := global.Get("Proxy").New(global.Get("Object").New(), handler)
	getter := global.Get("JSON").Call("parse", `{"id": 1, "side": "buy", "type": "limit", "price": 10}`)
	desc := global.Get("Object").New()
	desc.Set("get", thrower)
	global.Get("Object").Call("defineProperty", getter, "qty", desc)
	revocable := global.Get("Proxy").Call("revocable", global.Get("Object").New(), global.Get("Object").New())
	revocable.Call("revoke")
	for name, o := range map[string]js.Value{"throwing proxy": proxy, "throwing getter": getter, "revoked proxy": revocable.Get("proxy")} {
		r := m.Call("submit", o)
		if r.Get("error").Type() != js.TypeString {
			t.Errorf("submit(%s) = %v, want {error}", name, global.Get("JSON").Call("stringify", r))
		}
		if r := m.Call("cancel", o); r.Get("error").Type() != js.TypeString {
			t.Errorf("cancel(%s) gave no error", name)
		}
	}
	if d := m.Call("depth"); d.Get("bids").Length() != 0 || d.Get("asks").Length() != 0 {
		t.Error("a hostile order changed the book")
	}
}

// TestLevelTotalsStayExact: 1,025 orders of 2^53−1 lots at one price; the
// bridge refuses those that would take the level past 2^53−1, and depth()
// never shows a number a JavaScript number cannot hold exactly.
func TestLevelTotalsStayExact(t *testing.T) {
	m := api(t)
	for id := 1; id <= 1025; id++ {
		r := m.Call("submit", map[string]any{"id": id, "side": "sell", "type": "limit", "price": 10, "qty": maxInt})
		if refused := r.Get("error").Type() == js.TypeString; refused != (id > 1) {
			t.Fatalf("order %d: %v", id, js.Global().Get("JSON").Call("stringify", r))
		}
	}
	m.Call("submit", map[string]any{"id": 2000, "side": "sell", "type": "limit", "price": 11, "qty": 5})
	d := m.Call("depth")
	asks := d.Get("asks")
	if asks.Length() != 2 {
		t.Fatalf("depth: %v", js.Global().Get("JSON").Call("stringify", d))
	}
	for i := range asks.Length() {
		q := asks.Index(i).Get("qty")
		if !js.Global().Get("Number").Call("isSafeInteger", q).Bool() || q.Float() <= 0 {
			t.Errorf("level %d: qty %v", i, q)
		}
	}
	if q := asks.Index(0).Get("qty").Float(); q != maxInt {
		t.Errorf("level 10 holds %v, want %v", q, float64(maxInt))
	}
	// A buy of all of it trades exactly.
	r := m.Call("submit", map[string]any{"id": 3000, "side": "buy", "type": "market", "qty": maxInt})
	if tr := r.Get("trades"); tr.Length() != 1 || tr.Index(0).Get("qty").Float() != maxInt {
		t.Errorf("buy: %v", js.Global().Get("JSON").Call("stringify", r))
	}
}

// TestPeerScenariosThroughTheBridge runs every case of
// ../shared/peer-scenarios/ through globalThis.matching, as the page calls
// it.
func TestPeerScenariosThroughTheBridge(t *testing.T) {
	list, err := scenario.LoadPeers("../../..")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no peer cases: ../shared/peer-scenarios/ is absent beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	m := api(t)
	for _, s := range list {
		t.Run(s.Name, func(t *testing.T) {
			m.Call("reset")
			if err := scenario.RunOn(s, page{m}); err != nil {
				t.Error(err)
			}
		})
	}
}

// page is the engine as the page sees it, as a scenario.Engine.
type page struct{ m js.Value }

func (p page) Submit(o scenario.Order) ([]scenario.Trade, int64, error) {
	r := p.m.Call("submit", map[string]any{"id": o.ID, "side": o.Side, "type": o.Type, "price": o.Price, "qty": o.Qty})
	if msg := r.Get("error"); !msg.IsUndefined() {
		return nil, 0, errors.New(msg.String())
	}
	var trades []scenario.Trade
	for i := range r.Get("trades").Length() {
		tr := r.Get("trades").Index(i)
		trades = append(trades, scenario.Trade{Taker: exact(tr, "taker"), Maker: exact(tr, "maker"), Price: exact(tr, "price"), Qty: exact(tr, "qty")})
	}
	return trades, exact(r, "rested"), nil
}

func (p page) Cancel(id int64) error {
	if msg := p.m.Call("cancel", id).Get("error"); !msg.IsUndefined() {
		return errors.New(msg.String())
	}
	return nil
}

func (p page) Depth() (bids, asks []scenario.Level) {
	d := p.m.Call("depth")
	side := func(a js.Value) []scenario.Level {
		var out []scenario.Level
		for i := range a.Length() {
			l := a.Index(i)
			out = append(out, scenario.Level{Price: exact(l, "price"), Qty: exact(l, "qty"), Orders: int(exact(l, "orders"))})
		}
		return out
	}
	return side(d.Get("bids")), side(d.Get("asks"))
}

// exact reads a whole number the bridge returned, or -1 when it is not one
// a JavaScript number holds exactly.
func exact(o js.Value, name string) int64 {
	v := o.Get(name)
	if !js.Global().Get("Number").Call("isSafeInteger", v).Bool() {
		return -1
	}
	return int64(v.Float())
}
