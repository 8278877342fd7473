// Python books, through MicroPython's WebAssembly port (micropython/, the
// npm package @micropython/micropython-webassembly-pyscript). Only the
// sandbox imports this module, and only for a candidate who picks Python.
//
// Each call crosses into Python with JSON and comes back as JSON, so a
// Python book looks to the sandbox like a JavaScript one: an object with
// submit, cancel and depth that return plain values or throw.

// The driver runs in MicroPython's __main__; the candidate's code runs in
// a namespace of its own, compiled as solution.py so that tracebacks name
// its lines. Values come back as JSON from json.dumps, which is quick;
// when that is not JSON, "plain" spells out what JSON cannot say: NaN and
// the infinities as a marker turned back into numbers here, keys that are
// not strings as their repr, and objects that are not dicts, lists or
// scalars as their repr.
const DRIVER = `
import sys, io, json

_kitgen_ns = None
_kitgen_book = None
_kitgen_last = None
_kitgen_inf = float("inf")

def _kitgen_line(e):
    buf = io.StringIO()
    sys.print_exception(e, buf)
    line = None
    for l in buf.getvalue().split("\\n"):
        if l.startswith('  File "solution.py", line '):
            line = int(l[27:].split(",")[0])
    return line

def _kitgen_threw(e):
    text = str(e)
    name = type(e).__name__
    return {"message": name + ": " + text if text else name, "line": _kitgen_line(e)}

def _kitgen_plain(v, depth):
    if v is None or isinstance(v, (bool, str, int)):
        return v
    if isinstance(v, float):
        if v != v or v == _kitgen_inf or v == -_kitgen_inf:
            return {"__kitgen_float__": repr(v)}
        return v
    if depth >= 6:
        return "[nested too deep]"
    if isinstance(v, dict):
        return {(k if isinstance(k, str) else repr(k)): _kitgen_plain(x, depth + 1) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_kitgen_plain(x, depth + 1) for x in v]
    return repr(v)

def _kitgen_call(name, arg):
    global _kitgen_ns, _kitgen_book, _kitgen_last
    try:
        if name == "load":
            _kitgen_ns = {"__name__": "solution"}
            exec(compile(arg, "solution.py", "exec"), _kitgen_ns)
            return json.dumps({"ok": callable(_kitgen_ns.get("create_book"))})
        if name == "new":
            _kitgen_book = _kitgen_ns["create_book"]()
            return '{"ok": null}'
        if name == "plain":
            return json.dumps({"ok": _kitgen_plain(_kitgen_last, 0)})
        book = _kitgen_book
        method = book[name] if isinstance(book, dict) else getattr(book, name)
        r = method() if name == "depth" else method(json.loads(arg))
        _kitgen_last = r
        try:
            return '{"ok": ' + json.dumps(r) + "}"
        except Exception:
            return json.dumps({"ok": _kitgen_plain(r, 0)})
    except BaseException as e:
        return json.dumps({"threw": _kitgen_threw(e)})
`;

// PythonError is an exception raised in the candidate's Python code: its
// message is Python's ("KeyError: 7") and line is in their code.
export class PythonError extends Error {
  constructor({ message, line }) {
    super(String(message));
    this.name = "PythonError";
    this.line = typeof line === "number" ? line : undefined;
  }
}

const floats = { nan: NaN, inf: Infinity, "-inf": -Infinity };
const revive = (k, v) => (v !== null && typeof v === "object" && typeof v.__kitgen_float__ === "string" ? floats[v.__kitgen_float__] ?? NaN : v);

// loadPython starts MicroPython; print() and errors written to stderr go
// to log, a line at a time. It returns load, which compiles the
// candidate's code and returns their create_book, or undefined when the
// code has none, or throws a PythonError.
export async function loadPython(log) {
  const { loadMicroPython } = await import("./micropython/micropython.js");
  const mp = await loadMicroPython({ heapsize: 16 << 20, stdout: log, stderr: log });
  mp.runPython(DRIVER);
  const py = mp.globals.get("_kitgen_call");
  const call = (name, arg) => {
    let r;
    try {
      r = JSON.parse(py(name, arg));
    } catch {
      // What json.dumps writes is not always JSON (NaN, keys that are not
      // strings); the driver then spells out the value it kept.
      r = JSON.parse(py("plain", ""), revive);
    }
    if (r.threw) throw new PythonError(r.threw);
    return r.ok;
  };
  const book = {
    submit: (order) => call("submit", JSON.stringify(order)),
    cancel: (id) => call("cancel", JSON.stringify(id)),
    depth: () => call("depth", ""),
  };
  return (code) => {
    if (!call("load", code)) return undefined;
    return () => {
      call("new", "");
      return book;
    };
  };
}
