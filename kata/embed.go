// Package kata holds the katas' engines; kitgen embeds their sources and
// compiles engine NAME (the package kata/NAME/wasm) to WebAssembly when a
// site has a kata with `engine: NAME`.
package kata

import "embed"

// Sources holds every engine's Go sources and scenario files; not the
// tests, nor fuzz corpora.
//
//go:embed */*.go */wasm/*.go */testdata/scenarios/*.json
var Sources embed.FS
