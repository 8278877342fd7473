package matching

// working is how many limit orders RunMixed keeps on the book at most; a
// power of two, so that its queue wraps with a mask rather than a
// division.
const working = 1024

// RunMixed runs n generated operations on b and returns how many trades
// they made. Each operation is one Submit or Cancel: limit orders within
// ±10 ticks of a mid price that rest and cross, one in ten a market or IOC
// order. The ids of those that rested go in a queue; when it holds working
// of them, and in the last operations until it is empty, the operation
// cancels the oldest, which may have filled since. So the book holds at
// most working of these orders, about a third of that in the steady state,
// whatever n, and none once RunMixed returns. About 64% of the operations
// submit and 36% cancel, with half a trade an operation. It allocates
// nothing once the book is warm, so the same loop measures the engine
// natively and in WebAssembly. Calls with different seeds use different
// ids.
func RunMixed(b *Book, n int, seed uint64) int {
	x := seed | 1
	rnd := func() uint64 { // xorshift64
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x
	}
	var trades [64]Trade
	var queue [working]int64
	oldest, queued := 0, 0
	made := 0
	id := int64(seed&0xffffff) << 40
	for i := range n {
		if queued == working || queued >= n-1-i {
			_ = b.Cancel(queue[oldest]) // a no-op when the queue is empty
			if queued > 0 {
				oldest = (oldest + 1) & (working - 1)
				queued--
			}
			continue
		}
		r := rnd()
		id++
		o := Order{ID: id, Side: Buy, Type: Limit, Price: 1000 + int64(r>>16%21) - 10, Qty: 1 + int64(r>>24%20)}
		if r>>32&1 == 0 {
			o.Side = Sell
		}
		switch r >> 40 % 20 {
		case 0:
			o.Type = Market
		case 1:
			o.Type = IOC
		}
		t, rested, _ := b.Submit(o, trades[:0])
		made += len(t)
		if rested > 0 {
			queue[(oldest+queued)&(working-1)] = id
			queued++
		}
	}
	return made
}
