// Package scaffold starts sites and kits: Site writes a new site that
// builds as it is, and Kit writes a kit from the site's archetype. Neither
// ever writes over a file.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"kitgen/generator/content"
	"kitgen/generator/site"
	"kitgen/generator/theme"
)

// skeleton is a new site without its example kit, which Site writes from
// the archetype so that the two never disagree. The .gitignore is stored
// as gitignore: under its own name it would apply to this repository.
//
//go:embed skeleton
var skeleton embed.FS

// Archetype is the file of a theme, or of a site, that new kits are made
// from: a text/template given an Archetype.
const Archetype = "archetypes/kit.md"

// ExampleKit is the name of the kit a new site starts with.
const ExampleKit = "example"

// Site writes a new site into dir, which must be missing or empty, and
// returns the files it wrote, as slash paths below dir.
func Site(dir string, today time.Time) ([]string, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	case err != nil:
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return nil, fmt.Errorf("%s is a file; kitgen new site makes a site in a new or empty folder", dir)
		}
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty; kitgen new site makes a site in a new or empty folder", dir)
	}
	var wrote []string
	err = fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "skeleton/")
		if name == "gitignore" {
			name = ".gitignore"
		}
		if err := create(filepath.Join(dir, filepath.FromSlash(name)), b); err != nil {
			return err
		}
		wrote = append(wrote, name)
		return nil
	})
	if err != nil {
		return wrote, err
	}
	kit, err := Kit(dir, ExampleKit, today)
	if err != nil {
		return wrote, err
	}
	return append(wrote, kit), nil
}

// Data is what an archetype sees.
type Data struct {
	// Name is the kit's file name without .md, and its id.
	Name string
	// Title is Name for people: backend_002 becomes "Backend 002".
	Title string
	// Date is today, as YYYY-MM-DD.
	Date string
	// Kata is the site's first kata, for the kit to name; nil when the
	// site has none.
	Kata *Kata
}

// Kata is a kata as an archetype names it.
type Kata struct {
	ID, Title string
}

// Kit writes content/scripts/NAME.md into the site in src from its
// archetype: src/archetypes/kit.md, else the theme's, else the default
// theme's. It returns the file's slash path below src.
func Kit(src, name string, today time.Time) (string, error) {
	name = strings.TrimSuffix(name, ".md")
	if !content.ValidSlug(name) {
		return "", fmt.Errorf("%q cannot name a kit: it names the kit's pages too, so use letters, digits, '.', '_' and '-', starting with a letter or digit (and not katas, assets or _kitgen)", name)
	}
	if fi, err := os.Stat(filepath.Join(src, "content")); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("no content/ folder in %s; kitgen new kit adds a kit to a site: make one with kitgen new site DIR, or name it with -s", src)
	}
	rel := path.Join("content", "scripts", name+".md")
	// A kit of that name elsewhere under content/ would be written to the
	// same pages; its id would be taken too.
	s, _ := content.Load(src)
	data := Data{Name: name, Title: content.Humanize(name), Date: today.Format(time.DateOnly)}
	if s != nil {
		for _, p := range s.Scripts {
			if p.Slug == name || p.ID == name {
				return "", fmt.Errorf("%s already names the kit %s; choose another NAME", p.Path, name)
			}
		}
		if len(s.Katas) > 0 {
			k := s.Katas[0]
			data.Kata = &Kata{ID: k.ID, Title: k.Text("title")}
			if data.Kata.Title == "" {
				data.Kata.Title = k.ID
			}
		}
	}
	cfg, err := site.LoadConfig(src)
	if err != nil {
		return "", err
	}
	th, err := theme.Open(src, cfg.Theme)
	if err != nil {
		return "", err
	}
	a, err := th.ReadFile(Archetype)
	if err != nil {
		return "", err
	}
	t, err := template.New(Archetype).Parse(string(a))
	if err != nil {
		return "", fmt.Errorf("archetype: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("archetype: %w", err)
	}
	if err := create(filepath.Join(src, filepath.FromSlash(rel)), b.Bytes()); err != nil {
		return "", err
	}
	return rel, nil
}

// create writes a new file, making its folder; it never replaces one.
func create(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; kitgen new never writes over a file", name)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}
