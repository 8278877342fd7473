package scenario

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestScenariosPass(t *testing.T) {
	list, err := Load(os.DirFS(".."), "testdata/scenarios")
	if err != nil {
		t.Fatal(err)
	}
	checkpoints := map[string]bool{}
	for _, s := range list {
		t.Run(s.Name, func(t *testing.T) {
			if err := Run(s); err != nil {
				t.Error(err)
			}
		})
		if s.Checkpoint != "" {
			checkpoints[s.Checkpoint] = true
		}
	}
	for _, c := range []string{"crossed-book", "partial-fills", "fifo", "cancels"} {
		if !checkpoints[c] {
			t.Errorf("no scenario for checkpoint %s", c)
		}
	}
}

func TestRunReportsTheFirstDifference(t *testing.T) {
	s := Scenario{Name: "x", Steps: []Step{
		{Op: "submit", Order: &Order{ID: 1, Side: "buy", Type: "limit", Price: 10, Qty: 1}, Expect: &Expect{Rested: 2}},
	}}
	if err := Run(s); err == nil || err.Error() != "step 1: rested 1, want 2" {
		t.Errorf("err = %v", err)
	}
}

// TestPeerScenariosPass runs every case of ../shared/peer-scenarios/ on the
// engine; under GOOS=js the engine is the WebAssembly build, in Node.
func TestPeerScenariosPass(t *testing.T) {
	list, err := LoadPeers("../../..")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no peer cases: ../shared/peer-scenarios/ is absent beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		t.Run(s.Name, func(t *testing.T) {
			if err := Run(s); err != nil {
				t.Error(err)
			}
		})
	}
}
