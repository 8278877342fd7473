package site

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"

	"kitgen/generator/diag"
	"kitgen/generator/srcfs"
)

// ConfigFile is the site's optional config, in SOURCE.
const ConfigFile = "kitgen.toml"

// Config is the site config.
type Config struct {
	Title   string `toml:"title"`
	BaseURL string `toml:"baseURL"`
	Theme   string `toml:"theme"`
	// Accommodations is markdown shown on every candidate page.
	Accommodations string `toml:"accommodations"`
	// Seal is "required" when a build must seal the panel's pages, and
	// fail without a passphrase; "auto", the default, seals them when a
	// passphrase is given.
	Seal string `toml:"seal"`
	// PassphraseFile names the file holding the passphrase the panel's
	// pages are sealed with, relative to the site's folder; see package
	// seal.
	PassphraseFile string `toml:"passphrase_file"`
}

// SealRequired is the Seal setting that makes sealing the panel a must.
const SealRequired = "required"

// LoadConfig reads dir's kitgen.toml; a site without one gets the
// defaults.
func LoadConfig(dir string) (Config, error) {
	c := Config{Title: "Interview kits", Theme: "default"}
	b, err := srcfs.FS{Dir: dir}.ReadFile(ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, diag.Errorf(ConfigFile, 0, "%w", srcfs.Why(err))
	}
	md, err := toml.Decode(string(b), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return c, diag.Errorf(ConfigFile, pe.Position.Line, "not valid TOML: %s", pe.Message)
		}
		return c, diag.Errorf(ConfigFile, 0, "%w", err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return c, diag.Errorf(ConfigFile, 0, "unknown setting %s; settings are title, baseURL, theme, accommodations, seal and passphrase_file", u[0])
	}
	if c.Seal != "" && c.Seal != "auto" && c.Seal != SealRequired {
		return c, diag.Errorf(ConfigFile, 0, "seal = %q; want \"auto\" (seal when a passphrase is given) or \"required\"", c.Seal)
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.Title == "" {
		return c, fmt.Errorf("%s: title is empty", ConfigFile)
	}
	return c, nil
}
