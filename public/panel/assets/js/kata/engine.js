// The reference engine: Go's wasm_exec.js, then the engine's wasm, whose
// main sets globalThis.matching before it blocks.

export async function loadEngine(execURL, wasmURL) {
  if (!globalThis.Go) await script(execURL);
  const go = new globalThis.Go();
  const res = await fetch(wasmURL);
  if (!res.ok) throw new Error(`${wasmURL}: HTTP ${res.status}`);
  const streaming = (res.headers.get("content-type") || "").startsWith("application/wasm");
  const { instance } = streaming
    ? await WebAssembly.instantiateStreaming(res, go.importObject)
    : await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
  go.run(instance).then(() => console.error("the kata engine stopped"));
  const m = globalThis.matching;
  if (!m || typeof m.submit !== "function") throw new Error("the engine did not start");
  return m;
}

function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

// exec runs one operation, {op: "submit", order} or {op: "cancel", id}.
export function exec(m, op) {
  return op.op === "cancel" ? m.cancel(op.id) : m.submit(op.order);
}

// trace runs ops on a fresh book and returns each result with the book
// after it: one depth snapshot per operation, the same as the candidate's
// side records.
export function trace(m, ops) {
  m.reset();
  return ops.map((op) => ({ result: exec(m, op), depth: m.depth() }));
}
