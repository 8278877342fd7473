package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"
	"unicode/utf8"

	"kitgen/generator/audience"
	"kitgen/generator/diag"
	"kitgen/generator/render"
	"kitgen/generator/seal"
	"kitgen/generator/site"
	"kitgen/generator/theme"
)

// unsealed is the line a build prints when it writes the panel's pages
// as they are.
const unsealed = "kitgen: panel/ is not sealed: anyone who can open it reads the panel guides; set " + seal.Env +
	" to seal it (README, Publishing), or publish prep/ alone (kitgen build --only prep)"

// sealing is how a build seals the panel.
type sealing struct {
	*seal.Sealer
	// from says where the passphrase came from.
	from string
	// newSalt is the salt made for this build, to keep once it succeeds.
	newSalt []byte
	// warning is about a passphrase that looks weak.
	warning string
	// derive is how long deriving the key took; see derived.
	derive time.Duration
}

// derived waits for the key and says how long deriving it took.
func (s *sealing) derived() time.Duration {
	_, _ = s.Key()
	return s.derive
}

// sealingFor reads how a build of src into dest seals the panel: nil
// when no passphrase is given. It starts deriving the key, which takes
// about as long as building a small site, so that the two overlap.
// printing says that guide.pdf is printed from the pages.
func sealingFor(src, dest string, trees site.Trees, printing bool) (*sealing, error) {
	if !trees.Has(audience.Panel) {
		return nil, nil
	}
	cfg, err := site.LoadConfig(src)
	if err != nil {
		// The build reports it, with whatever else is wrong.
		return nil, nil
	}
	pass, from, err := seal.Passphrase(src, dest, cfg.PassphraseFile, os.Getenv)
	if err != nil {
		return nil, err
	}
	if pass == "" {
		if cfg.Seal == site.SealRequired {
			return nil, fmt.Errorf("kitgen.toml says seal = %q, and no passphrase was given: set %s, or passphrase_file in kitgen.toml", site.SealRequired, seal.Env)
		}
		return nil, nil
	}
	s := &sealing{from: from}
	if n := utf8.RuneCountInString(pass); n < shortPassphrase {
		s.warning = fmt.Sprintf("kitgen: warning: the passphrase is %s long: unless it was made at random, it can be guessed offline from any sealed page (README, Publishing); kitgen passphrase makes one of 90 bits", diag.Plural(n, "character"))
	}
	salt, err := seal.ReadSalt(src)
	if err != nil {
		return nil, err
	}
	if salt == nil {
		salt = seal.NewSalt()
		s.newSalt = salt
	}
	th, err := theme.Open(src, cfg.Theme)
	if err != nil {
		return nil, err
	}
	page, err := th.Template("panel/sealed.html")
	if err != nil {
		return nil, err
	}
	key := sync.OnceValues(func() (*seal.Key, error) {
		start := time.Now()
		k, err := seal.NewKey(pass, salt, seal.Iterations)
		s.derive = time.Since(start)
		return k, err
	})
	go key()
	s.Sealer = &seal.Sealer{Key: key, Page: page, Site: &render.Site{Title: cfg.Title, BaseURL: cfg.BaseURL}, Keep: printing}
	if printing {
		s.PDF = isGuide
	}
	return s, nil
}

// shortPassphrase is the length under which a passphrase gets a warning:
// kitgen passphrase makes them about 45 characters long.
const shortPassphrase = 16

// guides is where the kits' panel guides are: each is printed to
// guide.pdf beside it. Kata pages, a level deeper, are not guides.
const guides = "panel/*/index.html"

func isGuide(name string) bool {
	ok, _ := path.Match(guides, name)
	return ok
}

// keepSalt keeps a salt made for this build with the site's sources, and
// says so, or why it could not.
func (s *sealing) keepSalt(src string) string {
	if s.newSalt == nil {
		return ""
	}
	p := filepath.Join(src, seal.SaltFile)
	if err := seal.WriteSalt(src, s.newSalt); err != nil {
		return fmt.Sprintf("kitgen: could not keep the seal's salt (%v): the next build seals every page anew", err)
	}
	return fmt.Sprintf("kitgen: made %s, the seal's salt: keep it with the site's sources (it is not secret) so that later builds seal alike", p)
}
