package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSkeletonKataIsTheProjects: a new site starts with the kata kitgen
// runs in the browser, as this project's own content/ has it; a change to
// one must reach the other.
func TestSkeletonKataIsTheProjects(t *testing.T) {
	ours, err := os.ReadFile(filepath.Join("..", "..", "content", "katas", "matching.md"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := skeleton.ReadFile("skeleton/content/katas/matching.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ours, new) {
		t.Error("generator/scaffold/skeleton/content/katas/matching.md differs from content/katas/matching.md: copy it over")
	}
}
