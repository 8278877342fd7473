package site

import (
	"strings"
	"unicode/utf8"

	"kitgen/generator/gate"
)

// recorder passes files on to out and notes their names, and the
// fingerprint of every text file written for the candidate, for the leak
// gate. Each page has its own, so it is used from one goroutine at a time.
type recorder struct {
	out   Output
	names []string
	scans []scanned
}

// scanned is a file written for the candidate and its fingerprint.
type scanned struct {
	name string
	f    gate.Fingerprint
}

func (r *recorder) WriteFile(name string, data []byte) error {
	r.names = append(r.names, name)
	// A binary file — the engine's wasm — holds no sentences.
	if strings.HasPrefix(name, "prep/") && utf8.Valid(data) {
		r.scans = append(r.scans, scanned{name, gate.Scan(name, data)})
	}
	return r.out.WriteFile(name, data)
}
