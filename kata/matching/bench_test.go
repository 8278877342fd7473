package matching

// Benchmarks, one per shape of book; doc.go and the README quote them:
//
//	go test ./kata/matching -run X -bench . -count 5

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

// BenchmarkRunMixed is what matching.bench(n) measures in the browser, for
// the wasm/native ratio at the same n: a new book warmed with 65,536
// operations, then n more, timed.
func BenchmarkRunMixed(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				book := New()
				RunMixed(book, 1<<16, 1)
				b.StartTimer()
				RunMixed(book, n, 2)
			}
			b.ReportMetric(float64(b.N)*float64(n)/b.Elapsed().Seconds(), "orders/s")
		})
	}
}

// xorshift is the benchmarks' random source: cheap enough not to show.
type xorshift uint64

func (x *xorshift) next() uint64 {
	*x ^= *x << 13
	*x ^= *x >> 7
	*x ^= *x << 17
	return uint64(*x)
}

// BenchmarkDeepLevels: a million bid levels of one order each; every step
// cancels the order of a random level, taking the level out, or puts a new
// order back at that price, making the level again — almost always far from
// the best, where a sorted array of levels pays for the levels after it.
func BenchmarkDeepLevels(b *testing.B) {
	const n = 1_000_000
	book := New()
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i + 1)
		if _, _, err := book.Submit(Order{ID: ids[i], Side: Buy, Type: Limit, Price: 2 * int64(i+1), Qty: 1}, nil); err != nil {
			b.Fatal(err)
		}
	}
	next := int64(n)
	r := xorshift(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N / 2 {
		i := r.next() % n
		if err := book.Cancel(ids[i]); err != nil {
			b.Fatal(err)
		}
		next++
		ids[i] = next
		if _, _, err := book.Submit(Order{ID: next, Side: Buy, Type: Limit, Price: 2 * int64(i+1), Qty: 1}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

// BenchmarkSteadyBook: a million resting orders at prices spread over
// ±10M ticks (bids below the mid, asks above), kept near that size by
// cancels of random resting orders and new orders at random prices, with
// one IOC in 25 taking from the best.
func BenchmarkSteadyBook(b *testing.B) {
	const n, band, mid = 1_000_000, 10_000_000, 20_000_000
	book := New()
	r := xorshift(3)
	live := make([]int64, 0, 2*n)
	id := int64(0)
	add := func() {
		id++
		o := Order{ID: id, Side: Buy, Type: Limit, Price: mid - 1 - int64(r.next()%band), Qty: 1 + int64(r.next()%20)}
		if r.next()&1 == 0 {
			o.Side, o.Price = Sell, 2*mid-o.Price
		}
		if _, _, err := book.Submit(o, nil); err != nil {
			b.Fatal(err)
		}
		live = append(live, id)
	}
	for range n {
		add()
	}
	trades := make([]Trade, 0, 64)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		x := r.next()
		switch {
		case x%100 < 48:
			// A random live id; it may have filled since.
			i := (x >> 8) % uint64(len(live))
			_ = book.Cancel(live[i])
			live[i] = live[len(live)-1]
			live = live[:len(live)-1]
		case x%100 < 96:
			add()
		default:
			id++
			o := Order{ID: id, Side: Buy, Type: IOC, Price: mid + band, Qty: 1 + int64(x>>8%20)}
			if x>>40&1 == 0 {
				o.Side, o.Price = Sell, 1
			}
			trades, _, _ = book.Submit(o, trades[:0])
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

// BenchmarkDeepFIFO: a million orders at one price; every other step
// cancels a random one of them and the next puts a new one at the back of
// the queue, and one step in 16 is a market order taking from the front.
func BenchmarkDeepFIFO(b *testing.B) {
	const n = 1_000_000
	book := New()
	live := make([]int64, n)
	for i := range live {
		live[i] = int64(i + 1)
		if _, _, err := book.Submit(Order{ID: live[i], Side: Buy, Type: Limit, Price: 100, Qty: 5}, nil); err != nil {
			b.Fatal(err)
		}
	}
	id := int64(n)
	r := xorshift(5)
	var slot uint64
	trades := make([]Trade, 0, 64)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		x := r.next()
		id++
		switch {
		case x%16 == 0:
			trades, _, _ = book.Submit(Order{ID: id, Side: Sell, Type: Market, Qty: 3}, trades[:0])
		case i&1 == 0:
			slot = (x >> 8) % n
			_ = book.Cancel(live[slot]) // it may have filled since
		default:
			live[slot] = id
			_, _, _ = book.Submit(Order{ID: id, Side: Buy, Type: Limit, Price: 100, Qty: 5}, nil)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

// BenchmarkSweep: one market order takes 100,000 levels of one order each,
// at consecutive ticks.
func BenchmarkSweep(b *testing.B) {
	const n = 100_000
	book := New()
	trades := make([]Trade, 0, n)
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		book.Reset()
		for i := range int64(n) {
			if _, _, err := book.Submit(Order{ID: i + 1, Side: Sell, Type: Limit, Price: 1 + i, Qty: 1}, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		trades, _, _ = book.Submit(Order{ID: n + 1, Side: Buy, Type: Market, Qty: n}, trades[:0])
		if len(trades) != n {
			b.Fatalf("%d trades", len(trades))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/level")
}
