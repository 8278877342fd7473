// Package kata holds the katas' engines. Engine NAME is the Go package
// kata/NAME/wasm, built to WebAssembly by `go generate ./kata/...` into
// kata/NAME/wasm/engine.wasm, committed; kitgen embeds that build and needs
// no Go toolchain to put it in a site.
package kata

//go:generate go run kitgen/generator/wasm

import "embed"

// Files holds each engine's build (NAME/wasm/engine.wasm and the
// wasm_exec.js of the toolchain that built it) and its checkpoint
// scenarios (NAME/testdata/scenarios/*.json).
//
//go:embed */wasm/engine.wasm */wasm/wasm_exec.js */testdata/scenarios/*.json
var Files embed.FS
