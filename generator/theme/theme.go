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
	"sync"
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
	*template.Template
	// Layouts are the layout files its execution can reach, through
	// {{template}} and {{block}}: what a change must touch to change the
	// page.
	Layouts []string
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
	tmpl = template.New(page).Funcs(template.FuncMap{"cached": cached(func() *template.Template { return tmpl })})
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
	p := &Page{Template: tmpl.Lookup(entry)}
	layouts, site := map[string]bool{}, map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		f, ok := definedIn[name]
		d := tmpl.Lookup(name)
		if !ok || d == nil || d.Tree == nil {
			return
		}
		first := !layouts[name]
		layouts[name] = true
		layouts[f] = true
		if !first {
			return
		}
		walk(d.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.TemplateNode:
				visit(n.Name)
			case *parse.CommandNode:
				// {{cached "name" .}} runs template name as {{template}} does.
				if len(n.Args) > 1 {
					if f, ok := n.Args[0].(*parse.IdentifierNode); ok && f.Ident == "cached" {
						if name, ok := n.Args[1].(*parse.StringNode); ok {
							visit(name.Text)
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
	visit(entry)
	for name := range layouts {
		if strings.HasPrefix(name, "layouts/") {
			p.Layouts = append(p.Layouts, name)
		}
	}
	for f := range site {
		p.Site = append(p.Site, f)
	}
	sort.Strings(p.Layouts)
	sort.Strings(p.Site)
	return p, nil
}

// cached is the templates' function {{cached "name" data}}, as Hugo's
// partialCached: it runs template name with data as {{template}} would,
// and when data has a CacheKey, keeps the result for every page whose
// data has the same key. A scorecard is the same on most kits of a team,
// and the costliest part of a guide to execute. set is the template set
// the function belongs to, which exists only once the function does.
func cached(set func() *template.Template) func(name string, data any) (template.HTML, error) {
	var kept sync.Map
	return func(name string, data any) (template.HTML, error) {
		k, ok := data.(interface{ CacheKey() string })
		var key string
		if ok {
			key = name + "\x00" + k.CacheKey()
			if h, ok := kept.Load(key); ok {
				return h.(template.HTML), nil
			}
		}
		var b strings.Builder
		if err := set().ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		h := template.HTML(b.String())
		if ok {
			kept.Store(key, h)
		}
		return h, nil
	}
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
