// Package audience holds every rule that decides who reads what. Audience
// is deny by default: nothing reaches the candidate unless the author marked
// it for them, and every candidate page is cut from the source by Prune.
// The marks' grammar is in marks.go, what is wrong with a document's marks
// in check.go, and the cut itself in prune.go.
package audience

// Audience is a set of readers.
type Audience uint8

const (
	Panel Audience = 1 << iota
	Candidate
	Both = Panel | Candidate
)

// Parse reads an audience mark: `panel`, `candidate` or `both`.
func Parse(s string) (Audience, bool) {
	switch s {
	case "panel":
		return Panel, true
	case "candidate":
		return Candidate, true
	case "both":
		return Both, true
	}
	return 0, false
}

// Has reports whether reader r is among a.
func (a Audience) Has(r Audience) bool { return a&r == r && r != 0 }

func (a Audience) String() string {
	switch a {
	case Panel:
		return "panel"
	case Candidate:
		return "candidate"
	case Both:
		return "both"
	}
	return "nobody"
}

// candidateFields is the allow-list of frontmatter a candidate may see.
var candidateFields = map[string]bool{
	"title":        true,
	"domain":       true,
	"duration":     true,
	"last_updated": true,
}

// FieldFor reports whether frontmatter field key may be shown to r.
func FieldFor(key string, r Audience) bool {
	return r == Panel || r == Candidate && candidateFields[key]
}

// Visibility says whether a page has a candidate version and whether it is
// listed.
type Visibility int

const (
	// Private pages have no candidate version at all.
	Private Visibility = iota
	// Unlisted pages are built for candidates but neither linked nor indexed.
	Unlisted
	// Public pages are built and listed.
	Public
)

// PageVisibility reads frontmatter `visibility`; anything but `public` or
// `unlisted`, missing included, is Private.
func PageVisibility(v string) Visibility {
	switch v {
	case "public":
		return Public
	case "unlisted":
		return Unlisted
	}
	return Private
}

// Section returns who reads a `##` section's title and who reads its body,
// given its `{audience=…}` mark (empty when unmarked). An unmarked section's
// title is on the candidate's agenda while its body stays with the panel.
func Section(mark string) (title, body Audience, ok bool) {
	if mark == "" {
		return Both, Panel, true
	}
	a, ok := Parse(mark)
	return a, a, ok
}
