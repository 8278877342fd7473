// Package theme finds layouts and static files: a site's own layouts/ and
// static/ first, then themes/NAME in the site, then the embedded default
// theme, file by file.
package theme

import (
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

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
	t.add(os.DirFS(dir), dir)
	td := filepath.Join(dir, "themes", name)
	if fi, err := os.Stat(td); err == nil && fi.IsDir() {
		t.add(os.DirFS(td), td)
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

// Template parses layouts/base.html, the partials and layouts/page as one
// template set and returns it with page's own template as the entry.
func (t *Theme) Template(page string, funcs template.FuncMap) (*template.Template, error) {
	files := append([]string{"layouts/base.html"}, t.Files("layouts/partials")...)
	files = append(files, path.Join("layouts", page))
	tmpl := template.New(page).Funcs(funcs)
	for _, f := range files {
		b, err := t.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if _, err := tmpl.New(f).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("layout %s: %w", f, err)
		}
	}
	return tmpl.Lookup(path.Join("layouts", page)), nil
}
