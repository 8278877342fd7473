// The sandbox for the candidate's book. It runs in a Web Worker so that an
// endless loop freezes only this thread, which the page then terminates.
// It gets the code and the operations, and posts back plain results.
"use strict";

onmessage = (e) => {
  const { code, cases } = e.data;
  let createBook;
  try {
    createBook = new Function(`"use strict";\n${code}\n;return typeof createBook === "function" ? createBook : undefined;`)();
  } catch (err) {
    postMessage({ type: "fail", message: `${err.name}: ${err.message}` });
    return;
  }
  if (!createBook) {
    postMessage({ type: "fail", message: "Define a function createBook() that returns your book." });
    return;
  }
  for (let i = 0; i < cases.length; i++) {
    postMessage({ type: "at", index: i });
    let book;
    try {
      book = createBook();
    } catch (err) {
      postMessage({ type: "fail", message: `createBook() threw ${err}` });
      return;
    }
    const out = [];
    for (const op of cases[i]) {
      out.push({ result: call(() => result(op.op === "cancel" ? book.cancel(op.id) : book.submit({ ...op.order }))), depth: call(() => plain(book.depth())) });
    }
    postMessage({ type: "case", index: i, out });
  }
  postMessage({ type: "done" });
};

function call(f) {
  try {
    return f();
  } catch (err) {
    return { threw: String(err && err.message ? `${err.name}: ${err.message}` : err) };
  }
}

// result keeps what the comparison reads; a missing return is an empty
// success, which a cancel needs and a submit that traded will fail on.
function result(r) {
  if (r == null) return {};
  if (typeof r !== "object") return { bad: `returned ${JSON.stringify(r)}, not an object` };
  return plain(r);
}

function plain(v) {
  return JSON.parse(JSON.stringify(v === undefined ? null : v));
}
