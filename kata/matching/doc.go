// Package matching is the reference engine of the kata "Intermediate I-3
// Mini Matching Engine": one limit order book with price-time priority.
//
// # Rules
//
// Prices are integer ticks and quantities integer lots. An incoming order
// trades while it crosses the book — a buy at or above the best ask, a sell
// at or below the best bid — best price first and, within a price, in the
// order the resting orders arrived (FIFO). Every trade is at the resting
// order's price. A limit order rests what it could not fill; a market order
// ignores price and an IOC order keeps its limit, and neither ever rests.
// A bad order (quantity ≤ 0, price ≤ 0 on a limit or IOC order, unknown
// side or type, an id already resting), a limit order that would take the
// total at its price past the most a level may hold (Book.SetMaxLevelQty;
// math.MaxInt64 unless set, so totals never wrap) and a cancel of an id
// that is not resting return an error and leave the book exactly as it
// was.
//
// # Data structures, and why
//
// Resting orders live in one slab (a slice reused through a free list), each
// holding the indices of its neighbours in its level's FIFO queue, so that
// adding, filling and cancelling an order are O(1) and allocate nothing once
// the slab has grown. A level has no record of its own: its first order
// holds its total and, as its prev, its last order, and its leaf entry the
// number of its orders, so that an order is 32 bytes and making or dropping
// a level of one order reads only the order and its leaf. An index from
// order id to slab index and the level's tree key — an open-addressing hash
// table, at most half full, of 16-byte slots that keep a 32-bit tag of the
// id's hash, which the order confirms — finds an order to cancel; it does a
// map's job for less, natively and more so in WebAssembly, where a map
// hashes in software.
//
// Each side keeps its price levels in a B+ tree (tree.go): nodes of up to
// 64 entries, each a key with its ref beside it, in a slab, keyed so that
// the best price is the largest key. Matching takes levels off the end of
// the last leaf, reached without a search; any other level is found, added
// or removed in O(log n) — a million levels are four nodes deep — with one
// copy inside a node of at most 64 entries, and a node that falls under a
// quarter full shares with or merges into a neighbour. Depth walks the
// leaves in order. No path costs O(levels) or O(orders).
//
// The alternatives, measured on the shapes of bench_test.go (prototypes
// side by side on the same machine):
//
//   - A slice of levels sorted best-last, this engine's structure before:
//     the best is the last element and a few hundred levels cost little,
//     but adding or removing a level away from the best copies the tail.
//     With a million levels that is 90–200 µs a step, and a steady book of
//     a million orders over ±10M ticks runs at 24–47 k orders/s (below,
//     and as issue 14 measured it).
//   - A hierarchical bitmap over ticks (64-bit words kept in a hash table by
//     prefix) with a hash table from price to level: O(1) expected lookups
//     and a few word operations to find the next best. It matched the tree
//     on the mixed streams and was faster on the steady million-order book
//     (1.57 against 1.23 M orders/s), but a sweep pays hash probes for every
//     level it empties: 2× slower than the tree at adjacent ticks and 7×
//     with levels 1,000 ticks apart, slower than the sorted slice.
//   - An array indexed by tick (price − lowest price) makes every lookup
//     O(1), but finding the next best level after the best one empties is a
//     scan over empty ticks, and memory follows the price range rather than
//     the number of levels: the fastest book for a narrow band, it
//     collapses when prices spread.
//   - A binary heap of levels gives the best price in O(1) and inserts in
//     O(log n), but cancelling the last order of a level deep in the heap
//     needs an index into the heap or lazy deletion, and depth needs a sort.
//   - A red-black tree or skip list (geseq/orderbook uses a red-black tree)
//     is O(log n) too, with a node per level: a million levels are 20 nodes
//     deep, one cache miss after another below the top few, where the B+
//     tree is four nodes deep.
//
// Fans of 16, 32, 64 and 128 measured alike, within noise, on every shape;
// 64 keeps a million levels four deep. Searching a node a cache line at a
// time rather than by halves made the million-level shapes about 10%
// faster.
//
// Figures, one core of a 2-core AMD EPYC VM shared with other jobs, the
// range of five runs (go test ./kata/matching -run X -bench . -count 5),
// against the sorted slice measured alongside when it was replaced:
//
//	                                            B+ tree              sorted slice
//	mixed stream, prices within ±10 ticks       20–21 M orders/s     14–15 M
//	mixed stream, prices within ±100,000 ticks  29–30 M orders/s     20–21 M
//	RunMixed, bench(n)'s workload, n = 10^5     21–22 M orders/s     16 M
//	RunMixed, n = 10^6                          22–23 M orders/s     16 M
//	a million one-order levels, a level added
//	  or removed far from the best              370–460 ns a step    88–90 µs
//	steady book of a million orders, ±10M ticks 1.96–2.25 M orders/s 24 k
//	deep FIFO, a million orders at one price    3.5–3.7 M orders/s   2.8 M
//	market order sweeping 100,000 levels        34–37 ns a level     67–71 ns
//
// The steady book is nearly all memory latency: a random load that depends
// on the one before costs 140–170 ns on this machine once the data
// outgrows 32 MB, and the book holds about 90 MB (index 32 MB, orders 32,
// tree nodes about 22). What it waits for shaped the layout above. The
// engine before it kept each level in a record of its own and the id in
// the index slot, and ran the steady book at 1.5–2.0 M orders/s alongside
// the figures above (in one busier spell of six runs each, 1.7–1.9 M
// against this engine's 1.8–2.2), a cancel timed one by one taking 710–820
// ns: it waited for the id's slot, then for the order and the level, then
// for the leaf the level's price led to. Now the slot holds the level's
// key, so the descent starts as soon as the slot arrives and the order
// comes while it runs (descending before confirming the id, as the
// descent's instructions would otherwise fill the CPU's window while it
// waited for the order); a level of one order is dropped without a record
// to read; a node's ref is beside its key, so a node costs one wait, not
// two; and a limit order that rests whole finds its leaf before its id's
// slot, so that both come at once. A cancel now takes 570–600 ns and an
// add 350–400 (330–460 before). The sweep got faster too (48–52 ns a
// level alongside): fewer records to read per level. The deep FIFO got
// slower (4.5–4.8 M alongside), most likely as its random cancels read
// 32-byte rather than 24-byte orders; and so did RunMixed (24–25 M
// alongside), whose book is small enough to stay in cache: every limit
// order and every cancel now descends the tree, where the engine before
// had the best level, and a cancelled order's level, at hand. Tried, measured against the engine alongside, and
// not kept:
//
//   - The level's tree key in the index slot beside the id: a cancel went
//     from 690–750 to 560–580 ns, but the 24-byte slot made every fill's
//     index lookup dearer and the sweep 30–40% slower (a 16-byte slot
//     merely padded to 24 did the same), and the sweep must not lose.
//   - The level inline in its leaf entry, keys in one array and levels in
//     another: the cancel still waited three times, the third for the
//     level's line once the search had found its position, and the larger
//     leaves made an add 100–250 ns slower.
//   - The leaf beside the key in the slot, checked before use, so that a
//     cancel skips the descent (right 71% of the time); touching every
//     line of the leaf early (again with the layout above: a search that
//     reads every line of its leaf); leaves of 32 or 16 entries, or 128:
//     no gain measurable, or a loss.
//   - Trying the last leaf first when an order rests, as the engine before
//     tried the best level: RunMixed 2% faster, the steady book slower.
//   - Huge pages: a dependent random load over 128 MB took 153 rather than
//     170 ns with them, too little to be worth asking the kernel for.
//
// Compiled to WebAssembly, bench(n) in headless Chromium runs at 9.0–9.2 M
// orders/s for n = 10^5 and 10^6 (9.4–10.2 M for the engine before,
// alongside), about 40% of native (goal: 50%); see the README for what was
// tried.
//
// None allocates per order. The mixed streams (BenchmarkMixedStream: 45%
// limit orders that rest or cross, 30% cancels, market and IOC orders, 3%
// bad orders, on a warm book) are not slower with wide prices: levels are
// sparse but few, and fewer orders cross.
package matching
