// Package content loads a site's sources: it walks content/, decodes each
// page's frontmatter, reads the markdown's outline (sections, time boxes,
// placeholders, kata references) and reports what is wrong with file:line.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
)

// Kind is what a page is, from its frontmatter `type`.
type Kind int

const (
	Script Kind = iota
	Kata
)

// Page is one source file.
type Page struct {
	// Path is the file's path relative to the site, slash separated.
	Path string
	// Slug names the page's output folder: the file name without .md.
	Slug   string
	Kind   Kind
	Fields []Field
	Body   []byte
	// BodyLine is the file line the body starts on.
	BodyLine int

	ID         string
	Visibility audience.Visibility
}

// Field returns the frontmatter field key.
func (p *Page) Field(key string) (Field, bool) {
	for _, f := range p.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Text returns the text of frontmatter field key, or "".
func (p *Page) Text(key string) string {
	f, _ := p.Field(key)
	return f.Text
}

// Line turns a byte offset in Body into a file line.
func (p *Page) Line(off int) int { return p.BodyLine + diag.LineOf(p.Body, off) - 1 }

// Col turns a byte offset in Body into a 1-based column, in characters.
func (p *Page) Col(off int) int {
	off = min(max(off, 0), len(p.Body))
	start := bytes.LastIndexByte(p.Body[:off], '\n') + 1
	return utf8.RuneCount(p.Body[start:off]) + 1
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// reservedSlugs are output folders kitgen writes itself.
var reservedSlugs = map[string]bool{"katas": true, "assets": true, "_kitgen": true}

// ValidSlug reports whether slug, a file name without .md, can name a
// page's output folder.
func ValidSlug(slug string) bool {
	return safeName.MatchString(slug) && !strings.Contains(slug, "..") && !reservedSlugs[slug]
}

// ParsePage reads the bytes of the file at path, a slash path below the
// site, into a Page. Errors carry path and line.
func ParsePage(path string, src []byte) (*Page, error) {
	fail := func(line int, format string, args ...any) error {
		return diag.Errorf(path, line, format, args...)
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, fail(0, "empty file; an interview script starts with frontmatter holding id, type: interview_script and visibility")
	}
	if !utf8.Valid(src) {
		i := invalidUTF8(src)
		return nil, fail(diag.LineOf(src, i), "not UTF-8 (byte 0x%02x): a binary file, or text in another encoding; only markdown saved as UTF-8 belongs under content/", src[i])
	}
	// CommonMark reads NUL as U+FFFD, for safety; so does kitgen, in the
	// frontmatter too.
	if bytes.IndexByte(src, 0) >= 0 {
		src = bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.IndexByte(src, '\r') >= 0 {
		// CommonMark ends lines at CR too; goldmark does not, and a lone CR
		// left in would fold the lines after it into the line before.
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	fields, body, bodyLine, err := splitFrontmatter(src)
	if err != nil {
		var fe *fmError
		if errors.As(err, &fe) {
			return nil, fail(fe.line, "%w", fe.err)
		}
		return nil, fail(0, "reading frontmatter: %w", err)
	}
	if err := checkNesting(path, body, bodyLine); err != nil {
		return nil, err
	}
	if err := checkBrackets(path, body, bodyLine); err != nil {
		return nil, err
	}
	slug := strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
	p := &Page{Path: path, Slug: slug, Fields: fields, Body: body, BodyLine: bodyLine}
	var errs diag.List
	if !ValidSlug(slug) {
		errs.Add(fail(0, "file name %q cannot name a page folder; rename the file with letters, digits, '.', '_' and '-' (not katas or assets)", slug))
	}
	typ, hasType := p.Field("type")
	switch {
	case !hasType:
		errs.Add(fail(1, "frontmatter has no type; add type: interview_script (or type: kata)"))
	case typ.Text == "interview_script":
		p.Kind = Script
	case typ.Text == "kata":
		p.Kind = Kata
	default:
		errs.Add(fail(typ.Line, "unknown type %q; kitgen builds type: interview_script and type: kata", typ.Text))
	}
	id, hasID := p.Field("id")
	switch {
	case !hasID || id.Text == "":
		errs.Add(fail(1, "frontmatter has no id; add a unique id such as %s", slug))
	case !safeName.MatchString(id.Text) || strings.Contains(id.Text, ".."):
		errs.Add(fail(id.Line, "id %q is not a safe name; use letters, digits, '.', '_' and '-', at most 128", id.Text))
	default:
		p.ID = id.Text
	}
	p.Visibility = audience.PageVisibility(p.Text("visibility"))
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

// List returns the texts of a list field such as `katas: [I-3]`; a single
// value counts as a one-item list.
func (f Field) List() []string {
	switch v := f.Value.(type) {
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case nil:
		return nil
	}
	return []string{f.Text}
}

// Tags returns the page's tags field as a list.
func Tags(p *Page) []string {
	f, _ := p.Field("tags")
	return f.List()
}
