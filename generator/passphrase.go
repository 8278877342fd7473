package main

import (
	"fmt"
	"io"

	"kitgen/generator/seal"
)

func init() {
	commands["passphrase"] = command{
		summary:  "print a strong random passphrase to seal the panel guides with",
		synopsis: "[--words 7]",
		doc: "Prints words drawn at random from EFF's Long Wordlist (7,776 words, 12.9 bits each; CC BY 3.0, eff.org/dice),\n" +
			"for " + seal.Env + " or the file kitgen.toml's passphrase_file names. 7 words are 90 bits.",
		run: runPassphrase,
	}
}

func runPassphrase(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("passphrase", stdout, stderr)
	n := fs.Int("words", seal.MinWords, fmt.Sprintf("how many `WORDS`; %d or more", seal.MinWords))
	rest, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if !fs.noArgs(rest) {
		return 2
	}
	p, err := seal.Words(*n)
	if err != nil {
		fmt.Fprintf(stderr, "kitgen passphrase: %v\n", err)
		return 2
	}
	// The passphrase alone on stdout, so that it can go straight to a
	// file or a secret store; what it is worth on stderr.
	fmt.Fprintln(stdout, p)
	fmt.Fprintf(stderr, "kitgen: %d words, %.0f bits; keep it in a password manager or your CI's secrets, never in content/\n", *n, seal.Bits(*n))
	return 0
}
