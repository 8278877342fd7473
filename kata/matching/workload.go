package matching

// RunMixed runs n generated operations on b — limit orders around a mid
// price that rest and cross, market and IOC orders, and cancels of recent
// orders — and returns how many trades they made. It allocates nothing once
// the book is warm, so the same loop measures the engine natively and in
// WebAssembly.
func RunMixed(b *Book, n int, seed uint64) int {
	x := seed | 1
	rnd := func() uint64 { // xorshift64
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x
	}
	var trades [64]Trade
	made := 0
	id := int64(1 << 40)
	for range n {
		r := rnd()
		id++
		if r%100 < 25 {
			_ = b.Cancel(id - 1 - int64(r>>8%256))
			continue
		}
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
		t, _, _ := b.Submit(o, trades[:0])
		made += len(t)
	}
	return made
}
