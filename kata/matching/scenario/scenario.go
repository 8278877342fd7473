// Package scenario reads the kata's checkpoint scenarios — orders in, trades
// and book expected out — and runs them against the engine, natively or
// through its WebAssembly bridge. The same JSON files drive the Go tests,
// the browser runner and the panel guide.
package scenario

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"

	"kitgen/kata/matching"
)

// Scenario is one file of testdata/scenarios.
type Scenario struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Checkpoint  string `json:"checkpoint,omitempty"`
	Description string `json:"description,omitempty"`
	Steps       []Step `json:"steps"`
	Book        *Book  `json:"book,omitempty"`
}

// Step is a submit or a cancel and what it must give.
type Step struct {
	Op     string  `json:"op"`
	Order  *Order  `json:"order,omitempty"`
	ID     int64   `json:"id,omitempty"`
	Expect *Expect `json:"expect"`
}

// Order is an order as the bridge and the files write it.
type Order struct {
	ID    int64  `json:"id"`
	Side  string `json:"side"`
	Type  string `json:"type"`
	Price int64  `json:"price"`
	Qty   int64  `json:"qty"`
}

// Expect is a step's outcome: trades and the quantity left resting, or an
// error.
type Expect struct {
	Trades []Trade `json:"trades,omitempty"`
	Rested int64   `json:"rested,omitempty"`
	Error  bool    `json:"error,omitempty"`
}

// Trade is a fill.
type Trade struct {
	Taker int64 `json:"taker"`
	Maker int64 `json:"maker"`
	Price int64 `json:"price"`
	Qty   int64 `json:"qty"`
}

// Book is the depth expected at the end.
type Book struct {
	Bids []Level `json:"bids"`
	Asks []Level `json:"asks"`
}

// Level is one aggregated price level.
type Level struct {
	Price  int64 `json:"price"`
	Qty    int64 `json:"qty"`
	Orders int   `json:"orders"`
}

// LoadAll reads every *.json file under dir in fsys, folder by folder,
// sorted by path.
func LoadAll(fsys fs.FS, dir string) ([]Scenario, error) {
	var out []Scenario
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		list, err := Load(fsys, p)
		out = append(out, list...)
		return err
	})
	return out, err
}

// LoadPeers reads the test cases translated from other order books, which
// live in ../shared/peer-scenarios/ beside the repository, not in it; root
// is the way from the caller to the repository's root. The error is
// fs.ErrNotExist when they are absent, as on a user's clone.
func LoadPeers(root string) ([]Scenario, error) {
	dir := filepath.Join(root, "..", "shared", "peer-scenarios")
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	list, err := LoadAll(os.DirFS(dir), ".")
	if err == nil && len(list) == 0 {
		err = fmt.Errorf("%s holds no cases", dir)
	}
	return list, err
}

// Load reads every *.json file of dir in fsys, sorted by name.
func Load(fsys fs.FS, dir string) ([]Scenario, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Scenario
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var s Scenario
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if s.Name == "" || len(s.Steps) == 0 {
			return nil, fmt.Errorf("%s: a scenario needs a name and steps", f)
		}
		out = append(out, s)
	}
	return out, nil
}

// Convert turns an order as written into the engine's; unknown sides and
// types become zero values, which the engine rejects.
func (o Order) Convert() matching.Order {
	m := matching.Order{ID: o.ID, Price: o.Price, Qty: o.Qty}
	switch o.Side {
	case "buy":
		m.Side = matching.Buy
	case "sell":
		m.Side = matching.Sell
	}
	switch o.Type {
	case "limit":
		m.Type = matching.Limit
	case "market":
		m.Type = matching.Market
	case "ioc":
		m.Type = matching.IOC
	}
	return m
}

// Engine is what a scenario drives: the Go engine, or the same engine
// through its WebAssembly bridge.
type Engine interface {
	Submit(o Order) (trades []Trade, rested int64, err error)
	Cancel(id int64) error
	Depth() (bids, asks []Level)
}

// Run runs s on a fresh book and returns the first way the engine differs
// from it, or nil.
func Run(s Scenario) error { return RunOn(s, &native{book: matching.New()}) }

// RunOn runs s on e, which must be empty, and returns the first way e
// differs from it, or nil.
func RunOn(s Scenario, e Engine) error {
	for i, st := range s.Steps {
		var err error
		var trades []Trade
		var rested int64
		switch st.Op {
		case "submit":
			if st.Order == nil {
				return fmt.Errorf("step %d: submit without an order", i+1)
			}
			trades, rested, err = e.Submit(*st.Order)
		case "cancel":
			err = e.Cancel(st.ID)
		default:
			return fmt.Errorf("step %d: unknown op %q", i+1, st.Op)
		}
		want := st.Expect
		if want == nil {
			want = &Expect{}
		}
		if want.Error != (err != nil) {
			return fmt.Errorf("step %d: error = %v, want error %v", i+1, err, want.Error)
		}
		if !slices.Equal(trades, want.Trades) {
			return fmt.Errorf("step %d: %d trades %v, want %d %v", i+1, len(trades), trades, len(want.Trades), want.Trades)
		}
		if rested != want.Rested {
			return fmt.Errorf("step %d: rested %d, want %d", i+1, rested, want.Rested)
		}
	}
	if s.Book == nil {
		return nil
	}
	bids, asks := e.Depth()
	if err := sameLevels("bids", bids, s.Book.Bids); err != nil {
		return err
	}
	return sameLevels("asks", asks, s.Book.Asks)
}

func sameLevels(side string, got, want []Level) error {
	if slices.Equal(got, want) {
		return nil
	}
	if len(got) != len(want) {
		return fmt.Errorf("final %s: %d levels %v, want %d %v", side, len(got), got, len(want), want)
	}
	for i, l := range got {
		if l != want[i] {
			return fmt.Errorf("final %s level %d: %+v, want %+v", side, i+1, l, want[i])
		}
	}
	return nil
}

// native is the Go engine as an Engine.
type native struct {
	book   *matching.Book
	trades []matching.Trade
}

func (n *native) Submit(o Order) ([]Trade, int64, error) {
	var rested int64
	var err error
	n.trades, rested, err = n.book.Submit(o.Convert(), n.trades[:0])
	var out []Trade
	for _, t := range n.trades {
		out = append(out, Trade{Taker: t.Taker, Maker: t.Maker, Price: t.Price, Qty: t.Qty})
	}
	return out, rested, err
}

func (n *native) Cancel(id int64) error { return n.book.Cancel(id) }

func (n *native) Depth() (bids, asks []Level) {
	b, a := n.book.Depth()
	return levels(b), levels(a)
}

func levels(in []matching.Level) []Level {
	var out []Level
	for _, l := range in {
		out = append(out, Level{Price: l.Price, Qty: l.Qty, Orders: l.Orders})
	}
	return out
}
