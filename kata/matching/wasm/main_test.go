//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"
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
