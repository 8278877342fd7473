package content

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// Field is one frontmatter field, in the order the author wrote it.
type Field struct {
	Key string
	// Value is the decoded value: string, number, bool, time, list or map.
	Value any
	// Text is the value as the author wrote it, for display.
	Text string
	// Line is the field's line in the file.
	Line int
}

// fmError is a frontmatter syntax error at a line of the frontmatter block.
type fmError struct {
	line int
	err  error
}

func (e *fmError) Error() string { return e.err.Error() }

type fmResult struct {
	fields []Field
	err    error
}

// splitFrontmatter decodes src's frontmatter and returns its fields, the
// body and the body's first line. Lines are those of src.
func splitFrontmatter(src []byte) (fields []Field, body []byte, bodyLine int, err error) {
	var res fmResult
	in := &lineReader{src: src}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
			in.done = true
			v.(*fmResult).fields, v.(*fmResult).err = yamlFields(b)
			return nil
		}),
		frontmatter.NewFormat("+++", "+++", func(b []byte, v any) error {
			in.done = true
			v.(*fmResult).fields, v.(*fmResult).err = tomlFields(b)
			return nil
		}),
	}
	buf := buffers.Get().(*bufio.Reader)
	buf.Reset(in)
	body, err = frontmatter.MustParse(buf, &res, formats...)
	buf.Reset(nil)
	buffers.Put(buf)
	if errors.Is(err, frontmatter.ErrNotFound) {
		if open := firstLine(src); open == "---" || open == "+++" {
			return nil, nil, 0, &fmError{line: 1, err: fmt.Errorf("frontmatter opened with %s never closes; end it with a %s line", open, open)}
		}
		return nil, nil, 0, &fmError{line: 1, err: errors.New("no frontmatter; start the file with a --- (YAML) or +++ (TOML) block holding at least id and type")}
	}
	if err != nil {
		return nil, nil, 0, err
	}
	// Lines in the block count from its opening line, which may follow
	// blank lines.
	start := bytes.Count(src[:bytes.Index(src, []byte(firstLine(src)))], []byte{'\n'}) + 1
	for i := range res.fields {
		res.fields[i].Line += start
	}
	if res.err != nil {
		var fe *fmError
		if errors.As(res.err, &fe) {
			fe.line += start
		}
		return nil, nil, 0, res.err
	}
	// The body is the end of src, which the page keeps rather than the
	// library's copy: that grew by doubling, and a thousand kits' bodies
	// in it weighed half as much again as the bodies. The copy holds
	// what the library read past the block of what in handed it.
	body = src[in.off-len(body):]
	bodyLine = bytes.Count(src[:len(src)-len(body)], []byte{'\n'}) + 1
	return res.fields, body, bodyLine, nil
}

// buffers are what the frontmatter library reads through: it buffers its
// reader, with 4 KB of its own for every file unless the reader is a
// buffer that large already.
var buffers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// lineReader hands the frontmatter library src a line a read, and
// nothing more once the library has found the block: the library reads
// on to the end, copying the body, which splitFrontmatter takes from
// src. A line a read keeps the library's buffer from reading ahead into
// the body; what it does read ahead is in the copy, so the body is right
// however much that is.
type lineReader struct {
	src []byte
	// off is how much of src has been handed out; done is set when the
	// block has been found.
	off  int
	done bool
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.done || r.off == len(r.src) {
		return 0, io.EOF
	}
	line := r.src[r.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.off += n
	return n, nil
}

func firstLine(src []byte) string {
	for line := range bytes.Lines(src) {
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t)
		}
	}
	return ""
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

func yamlFields(b []byte) ([]Field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
			// yaml.v3 counts lines from 0 in parser errors, from 1 in
			// scanner errors; "did not find expected" is the parser's.
			if strings.HasPrefix(msg, "did not find expected") {
				line++
			}
		}
		return nil, &fmError{line: line, err: fmt.Errorf("frontmatter is not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, &fmError{line: m.Line, err: errors.New("frontmatter must be a mapping of fields (key: value)")}
	}
	fields := make([]Field, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		f := Field{Key: k.Value, Line: k.Line}
		// Decode first: it refuses a billion laughs (aliases of aliases),
		// which yamlText would expand until memory ran out.
		if err := v.Decode(&f.Value); err != nil {
			return nil, &fmError{line: v.Line, err: fmt.Errorf("field %s: %w", k.Value, err)}
		}
		f.Text = yamlText(v)
		fields = append(fields, f)
	}
	return fields, nil
}

func yamlText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.AliasNode:
		return yamlText(n.Alias)
	}
	parts := make([]string, 0, len(n.Content))
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, n.Content[i].Value+": "+yamlText(n.Content[i+1]))
		}
		return strings.Join(parts, "; ")
	}
	for _, c := range n.Content {
		parts = append(parts, yamlText(c))
	}
	return strings.Join(parts, ", ")
}

func tomlFields(b []byte) ([]Field, error) {
	var m map[string]any
	md, err := toml.Decode(string(b), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &fmError{line: pe.Position.Line, err: fmt.Errorf("frontmatter is not valid TOML: %s", pe.Message)}
		}
		return nil, &fmError{err: fmt.Errorf("frontmatter is not valid TOML: %w", err)}
	}
	lines := bytes.Split(b, []byte{'\n'})
	var fields []Field
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		f := Field{Key: k[0], Value: m[k[0]], Text: tomlText(m[k[0]])}
		for i, l := range lines {
			if key, _, ok := bytes.Cut(l, []byte{'='}); ok && string(bytes.Trim(bytes.TrimSpace(key), `"'`)) == k[0] {
				f.Line = i + 1
				break
			}
		}
		fields = append(fields, f)
	}
	return fields, nil
}

func tomlText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = tomlText(e)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}
