// Package theme finds layouts and static files: a site's own layouts/ and
// static/ first, then themes/NAME in the site, then the embedded default
// theme, file by file.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"text/template/parse"

	"kitgen/generator/srcfs"
	"kitgen/themes"
)

// Theme is the stack of layers files are looked up in.
type Theme struct {
	layers []fs.FS
	names  []string
}

// Open stacks the layers for a site in dir using theme name.
func Open(dir, name string) (*Theme, error) {
	if name == "" {
		name = "default"
	}
	t := &Theme{}
	// The site's layers are read as any source is: only regular files
	// inside the site, of bounded size, never a pipe.
	t.add(srcfs.FS{Dir: dir}, dir)
	td := filepath.Join(dir, "themes", name)
	if fi, err := (srcfs.FS{Dir: dir}).Stat(path.Join("themes", name)); err == nil && fi.IsDir() {
		t.add(srcfs.FS{Dir: td}, td)
	} else if name != "default" {
		return nil, fmt.Errorf("theme %q not found: no folder %s", name, td)
	}
	def, _ := fs.Sub(themes.Default, "default")
	t.add(def, "(embedded default theme)")
	return t, nil
}

func (t *Theme) add(f fs.FS, name string) {
	t.layers = append(t.layers, f)
	t.names = append(t.names, name)
}

// ReadFile reads name from the first layer that has it.
func (t *Theme) ReadFile(name string) ([]byte, error) {
	for _, l := range t.layers {
		b, err := fs.ReadFile(l, name)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			// A pipe, a link out of the site, a file too large: say so
			// rather than fall through to the next layer.
			return nil, fmt.Errorf("theme file %s: %w", name, err)
		}
	}
	return nil, fmt.Errorf("theme file %s not found in %s: %w", name, strings.Join(t.names, ", "), fs.ErrNotExist)
}

// Files lists the files under folder dir across all layers.
func (t *Theme) Files(dir string) []string {
	seen := map[string]bool{}
	for _, l := range t.layers {
		_ = fs.WalkDir(l, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				seen[p] = true
			}
			return nil
		})
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Page is a page's template and what it is made of.
type Page struct {
	tmpl  *template.Template
	cache *cache
	// Layouts are the layout files its execution can reach, through
	// {{template}} and {{block}}: what a change must touch to change the
	// page.
	Layouts []string
	// Fragments are the layout files it reaches only through {{cached}}:
	// a change to them alone changes the page's fragments, not the rest.
	Fragments []string
	// Site are the fields of .Site it reads, such as "Title".
	Site []string
}

// Template parses layouts/base.html, the partials and layouts/page as one
// template set, and returns page's own template as the entry with the
// layouts and site fields its execution can reach. Templates have static
// names, so the parse trees say it all: no need to watch an execution.
func (t *Theme) Template(page string) (*Page, error) {
	entry := path.Join("layouts", page)
	files := append([]string{"layouts/base.html"}, t.Files("layouts/partials")...)
	files = append(files, entry)
	var tmpl *template.Template
	c := newCache(func() *template.Template { return tmpl })
	tmpl = template.New(page).Funcs(template.FuncMap{"cached": c.fn})
	// definedIn is the file that last defined each template: a page's
	// {{define "main"}} replaces base.html's {{block "main"}}.
	definedIn := map[string]string{}
	for _, f := range files {
		b, err := t.ReadFile(f)
		if err != nil {
			return nil, err
		}
		parsed, err := tmpl.New(f).Parse(string(b))
		if err != nil {
			return nil, fmt.Errorf("layout %s: %w", f, err)
		}
		for _, d := range parsed.Templates() {
			if d.Tree != nil && d.Tree.ParseName == f {
				definedIn[d.Name()] = f
			}
		}
		definedIn[f] = f
	}
	c.files = definedIn
	p := &Page{tmpl: tmpl.Lookup(entry), cache: c}
	// reached maps each template and file the page reaches to whether it
	// reaches it directly, not only through {{cached}}.
	reached, site := map[string]bool{}, map[string]bool{}
	var visit func(name string, direct bool)
	visit = func(name string, direct bool) {
		f, ok := definedIn[name]
		d := tmpl.Lookup(name)
		if !ok || d == nil || d.Tree == nil {
			return
		}
		was, seen := reached[name]
		if seen && (was || !direct) {
			return
		}
		reached[name] = direct
		reached[f] = reached[f] || direct
		walk(d.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.TemplateNode:
				visit(n.Name, direct)
			case *parse.CommandNode:
				// {{cached "name" .}} runs template name as {{template}} does.
				if len(n.Args) > 1 {
					if f, ok := n.Args[0].(*parse.IdentifierNode); ok && f.Ident == "cached" {
						if name, ok := n.Args[1].(*parse.StringNode); ok {
							visit(name.Text, false)
						}
					}
				}
			case *parse.FieldNode:
				if len(n.Ident) > 1 && n.Ident[0] == "Site" {
					site[n.Ident[1]] = true
				}
			case *parse.VariableNode:
				if len(n.Ident) > 2 && n.Ident[0] == "$" && n.Ident[1] == "Site" {
					site[n.Ident[2]] = true
				}
			}
		})
	}
	visit(entry, true)
	for name, direct := range reached {
		switch {
		case !strings.HasPrefix(name, "layouts/"):
		case direct:
			p.Layouts = append(p.Layouts, name)
		default:
			p.Fragments = append(p.Fragments, name)
		}
	}
	for f := range site {
		p.Site = append(p.Site, f)
	}
	sort.Strings(p.Layouts)
	sort.Strings(p.Fragments)
	sort.Strings(p.Site)
	return p, nil
}

// walk calls fn on n and every node below it.
func walk(n parse.Node, fn func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walk(c, fn)
		}
	case *parse.ActionNode:
		walk(n.Pipe, fn)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			walk(c, fn)
		}
	case *parse.CommandNode:
		for _, c := range n.Args {
			walk(c, fn)
		}
	case *parse.ChainNode:
		walk(n.Node, fn)
	case *parse.IfNode:
		walk(n.Pipe, fn)
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.RangeNode:
		walk(n.Pipe, fn)
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.WithNode:
		walk(n.Pipe, fn)
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.TemplateNode:
		walk(n.Pipe, fn)
	}
}
