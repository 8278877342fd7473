package matching

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

type op struct {
	cancel bool
	o      Order
	id     int64
}

// ops pregenerates a mixed stream: limit orders that rest, crossing and
// market orders, IOCs, cancels and a few bad orders.
func ops(band int64, n int) []op {
	s := &stream{rnd: rand.New(rand.NewPCG(uint64(band), 1)), band: band}
	out := make([]op, n)
	for i := range out {
		kind, o, id := s.next()
		out[i] = op{kind == 'c', o, id}
	}
	return out
}

// run replays the stream from the start of a pass; ids are shifted on
// every pass so that they stay unique.
func run(b *testing.B, band int64) {
	stream := ops(band, 1<<20)
	book := New()
	trades := make([]Trade, 0, 64)
	for _, o := range stream[:1<<16] { // warm the book and its slabs
		if o.cancel {
			_ = book.Cancel(o.id)
		} else {
			trades, _, _ = book.Submit(o.o, trades[:0])
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	i, shift := 1<<16, int64(0)
	for range b.N {
		if i == len(stream) {
			i, shift = 0, shift+1<<32
		}
		o := stream[i]
		i++
		if o.cancel {
			_ = book.Cancel(o.id + shift)
			continue
		}
		o.o.ID += shift
		trades, _, _ = book.Submit(o.o, trades[:0])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

func BenchmarkMixedStream(b *testing.B) {
	for _, band := range []int64{10, 100_000} {
		b.Run(fmt.Sprintf("band±%d", band), func(b *testing.B) { run(b, band) })
	}
}

// BenchmarkRunMixed is the workload matching.bench(n) runs in the browser,
// natively, for the wasm/native ratio.
func BenchmarkRunMixed(b *testing.B) {
	book := New()
	RunMixed(book, 1<<16, 1)
	b.ReportAllocs()
	b.ResetTimer()
	RunMixed(book, b.N, 2)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}
