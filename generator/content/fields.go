package content

import "strings"

// FieldSpec is a frontmatter field kitgen reads: its key, and the label
// people read beside its value.
type FieldSpec struct {
	Key, Label string
	// Cover says that the panel guide's cover states it among the kit's
	// facts.
	Cover bool
}

// Fields are the frontmatter fields kitgen reads; the cover's come first,
// in the order the cover lists them. Any other field is kept, and shown
// to the panel under its key.
var Fields = []FieldSpec{
	{"id", "Kit id", true},
	{"domain", "Role", true},
	{"level", "Level", true},
	{"version", "Version", true},
	{"last_updated", "Last updated", true},
	{"author", "Author", true},
	{"type", "Type", false},
	{"title", "Title", false},
	{"created_date", "Created", false},
	{"quality_score", "Quality score", false},
	{"tags", "Tags", false},
	{"visibility", "Visibility", false},
	{"duration", "Duration", false},
	{"katas", "Katas", false},
	{"scorecard", "Scorecard", false},
	{"engine", "Engine", false},
	{"pii_masked", "PII masked", false},
}

// FieldKeys are the keys of Fields.
func FieldKeys() []string {
	keys := make([]string, len(Fields))
	for i, f := range Fields {
		keys[i] = f.Key
	}
	return keys
}

// Label is what people read beside field key's value.
func Label(key string) string {
	for _, f := range Fields {
		if f.Key == key {
			return f.Label
		}
	}
	return Humanize(key)
}

// Value is field f's value as people read it: a domain such as
// hiring_backend reads as "Backend".
func Value(f Field) string {
	if f.Key == "domain" {
		return Humanize(f.Text)
	}
	return f.Text
}

// Humanize turns "hiring_entry_level_backend" into "Entry level backend".
func Humanize(s string) string {
	s = strings.TrimPrefix(s, "hiring_")
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// CandidateTitle is what a page is called for candidates: its frontmatter
// title, else the role its domain names, else its file name. Never the
// `#` title, which is the panel's.
func CandidateTitle(p *Page) string {
	if t := p.Text("title"); t != "" {
		return t
	}
	if d := p.Text("domain"); d != "" {
		return Humanize(d) + " interview"
	}
	return Humanize(p.Slug)
}
