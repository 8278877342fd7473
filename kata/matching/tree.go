package matching

// Each side of the book keeps its price levels in a B+ tree whose nodes
// live in one slab, Book.nodes; doc.go says why a B+ tree.

// fan is the most entries a node holds. A node other than the root keeps at
// least fan/4, so that a side of n levels is at most 1+log16(n) nodes deep
// and each split or merge is paid for by fan/4 inserts or removals.
const fan = 64

// maxDepth bounds a tree's depth: 2^31 levels, more than an int32 can
// number, need 7 nodes above their leaf.
const maxDepth = 8

// node is a node of a side's tree. In a leaf, keys ascend and refs are
// the first orders of their levels; in an inner node, refs are children
// and e[i].key is a lower bound of child i's keys (e[0].key is never read:
// child 0 takes every key below e[1].key).
type node struct {
	n int32
	e [fan]entry
}

// entry keeps a ref beside its key, rather than in an array of refs, so
// that the cache lines a search reads to find a key hold its ref too: a
// node not in cache costs one wait, not two, and a descent through a wide
// book's tree has four. In a leaf, count is the level's number of orders.
type entry struct {
	key   int64
	ref   int32
	count int32
}

// side is one side of the book: a tree of its levels keyed so that the
// best price has the largest key.
type side struct {
	root  int32
	depth int32 // nodes above the leaves; 0 when the root is a leaf
}

// key is the tree key of a level: the price for bids, −price for asks, so
// that the best is the largest on both sides. Prices are positive, so a
// key's sign tells its side.
func key(s Side, price int64) int64 {
	if s == Sell {
		return -price
	}
	return price
}

// price is the price of the level with key k.
func price(k int64) int64 { return max(k, -k) }

func (b *Book) newNode() int32 {
	if n := len(b.freeNodes); n > 0 {
		ni := b.freeNodes[n-1]
		b.freeNodes = b.freeNodes[:n-1]
		b.nodes[ni].n = 0
		return ni
	}
	b.nodes = append(b.nodes, node{})
	return int32(len(b.nodes) - 1)
}

// child returns which child of inner node nd covers k. Like search, it
// reads every fourth key first.
func child(nd *node, k int64) int32 {
	i := int32(1)
	for i+4 <= nd.n && nd.e[i+3].key <= k {
		i += 4
	}
	for i < nd.n && nd.e[i].key <= k {
		i++
	}
	return i - 1
}

// search returns the position of the first key ≥ k in leaf nd. It reads
// every fourth key first, one a cache line, then the four keys before the
// first of those past k, in lines already read: a node that is not in
// cache costs about one miss, where each step of a binary search waits
// for the one before.
func search(nd *node, k int64) int32 {
	i := int32(0)
	for i+4 <= nd.n && nd.e[i+3].key < k {
		i += 4
	}
	for i < nd.n && nd.e[i].key < k {
		i++
	}
	return i
}

// path is a descent from the root: the inner node at each depth and the
// child taken from it.
type path struct {
	node, at [maxDepth]int32
}

// descend returns the leaf of s where key k is or would go, recording the
// way down in p.
func (b *Book) descend(s *side, k int64, p *path) int32 {
	ni := s.root
	for d := range s.depth {
		nd := &b.nodes[ni]
		i := child(nd, k)
		p.node[d], p.at[d] = ni, i
		ni = nd.e[i].ref
	}
	return ni
}

// descendLast returns the last leaf of s, which holds the best level,
// recording the way down in p.
func (b *Book) descendLast(s *side, p *path) int32 {
	ni := s.root
	for d := range s.depth {
		nd := &b.nodes[ni]
		p.node[d], p.at[d] = ni, nd.n-1
		ni = nd.e[nd.n-1].ref
	}
	return ni
}

// insert puts leaf entry e, whose key s does not hold, at position at of
// leaf ni, where descend led by way of p.
func (b *Book) insert(s *side, p *path, ni, at int32, e entry) {
	for d := s.depth; ; {
		if b.nodes[ni].n < fan {
			put(&b.nodes[ni], at, e)
			return
		}
		// Split the full node in halves, put the entry in its half, and
		// the right half into the parent.
		ri := b.newNode()
		nd, r := &b.nodes[ni], &b.nodes[ri]
		const half = fan / 2
		copy(r.e[:], nd.e[half:])
		r.n, nd.n = fan-half, half
		if at <= half {
			put(nd, at, e)
		} else {
			put(r, at-half, e)
		}
		e = entry{key: r.e[0].key, ref: ri}
		if d == 0 {
			root := b.newNode()
			nr := &b.nodes[root]
			nr.n = 2
			nr.e[0].ref, nr.e[1] = ni, e
			s.root = root
			s.depth++
			return
		}
		d--
		ni, at = p.node[d], p.at[d]+1
	}
}

func put(nd *node, at int32, e entry) {
	copy(nd.e[at+1:nd.n+1], nd.e[at:nd.n])
	nd.e[at] = e
	nd.n++
}

func cut(nd *node, at int32) {
	copy(nd.e[at:nd.n-1], nd.e[at+1:nd.n])
	nd.n--
}

// removeAt takes the entry at position at out of leaf ni of s, where a
// descent led by way of p, and restores the nodes' fill on the way up.
func (b *Book) removeAt(s *side, p *path, ni, at int32) {
	cut(&b.nodes[ni], at)
	for d := s.depth; d > 0; d-- {
		if b.nodes[ni].n >= fan/4 {
			return
		}
		// Pair the node with a neighbour: share their entries evenly if
		// they would not fit in one node, else merge them.
		pi, i := p.node[d-1], p.at[d-1]
		parent := &b.nodes[pi]
		if i == parent.n-1 {
			i--
		}
		li, ri := parent.e[i].ref, parent.e[i+1].ref
		l, r := &b.nodes[li], &b.nodes[ri]
		if d < s.depth {
			// An inner node's first key is not kept; its bound is the parent's.
			r.e[0].key = parent.e[i+1].key
		}
		if total := l.n + r.n; total > fan {
			if move := total/2 - l.n; move > 0 { // from the front of r to l
				copy(l.e[l.n:], r.e[:move])
				copy(r.e[:], r.e[move:r.n])
				l.n, r.n = l.n+move, r.n-move
			} else { // from the end of l to r
				move = -move
				copy(r.e[move:], r.e[:r.n])
				copy(r.e[:], l.e[l.n-move:l.n])
				l.n, r.n = l.n-move, r.n+move
			}
			parent.e[i+1].key = r.e[0].key
			return
		}
		copy(l.e[l.n:], r.e[:r.n])
		l.n += r.n
		b.freeNodes = append(b.freeNodes, ri)
		cut(parent, i+1)
		ni = pi
	}
	if root := &b.nodes[s.root]; s.depth > 0 && root.n == 1 {
		b.freeNodes = append(b.freeNodes, s.root)
		s.root = root.e[0].ref
		s.depth--
	}
}

// appendLevels appends the levels under node ni, d nodes above the leaves,
// largest key first.
func (b *Book) appendLevels(ni, d int32, out []Level) []Level {
	nd := &b.nodes[ni]
	for i := nd.n - 1; i >= 0; i-- {
		if d > 0 {
			out = b.appendLevels(nd.e[i].ref, d-1, out)
			continue
		}
		e := &nd.e[i]
		out = append(out, Level{price(e.key), b.orders[e.ref].total, int(e.count)})
	}
	return out
}
