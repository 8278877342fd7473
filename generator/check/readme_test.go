package check

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write README.md's table of rules from Rules")

// TestReadmeListsTheRules: the README's table of rules is the registry,
// written out, as chroma's README lists its lexers: a rule added or
// reworded shows in the docs, and docs edited by hand fail here.
func TestReadmeListsTheRules(t *testing.T) {
	const start, end = "<!-- The table is the registry check.Rules", "<!-- end of the rules -->"
	path := filepath.Join("..", "..", "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, start), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no table of rules between %q and %q", start, end)
	}
	i += strings.Index(readme[i:], "\n") + 1
	var table strings.Builder
	table.WriteString("| rule | finds | example |\n| --- | --- | --- |\n")
	for _, r := range Rules {
		table.WriteString("| `" + r.Name + "` | " + r.Finds + " | `" + r.Example + "` |\n")
	}
	if readme[i:j] == table.String() {
		return
	}
	if !*update {
		t.Fatalf("README.md's table of rules is not check.Rules; run go test ./generator/check -run Readme -update\n%s", table.String())
	}
	if err := os.WriteFile(path, []byte(readme[:i]+table.String()+readme[j:]), 0o644); err != nil {
		t.Fatal(err)
	}
}
