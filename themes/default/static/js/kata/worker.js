// The sandbox for the candidate's book, a module worker: an endless loop
// freezes only this thread, which the page then terminates. It gets the
// code and the operations, runs them through exec, the same function that
// runs them on the reference engine, and posts back plain results.
import { exec } from "./engine.js";
import { snapshot } from "./orders.js";

onmessage = (e) => {
  const { code, cases } = e.data;
  let createBook;
  try {
    createBook = new Function(`"use strict";\n${code}\n;return typeof createBook === "function" ? createBook : undefined;`)();
  } catch (err) {
    postMessage({ type: "fail", message: message(err) });
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
      postMessage({ type: "fail", message: `createBook() threw ${message(err)}` });
      return;
    }
    postMessage({ type: "case", index: i, out: cases[i].map((op) => run(book, op)) });
  }
  postMessage({ type: "done" });
};

// run records one operation as firstDiff in orders.js reads it: what the
// call returned and the book after it, or what each threw.
function run(book, op) {
  const rec = {};
  try {
    rec.result = snapshot(exec(book, op));
  } catch (err) {
    rec.threw = { result: thrown(err) };
  }
  try {
    rec.depth = snapshot(book.depth());
  } catch (err) {
    rec.threw = { ...rec.threw, depth: thrown(err) };
  }
  return rec;
}

const thrown = (err) => ({ message: message(err) });

// message says what was thrown; code can throw anything, even an object
// whose toString throws.
function message(err) {
  try {
    return err instanceof Error ? `${err.name}: ${err.message}` : typeof err === "string" ? JSON.stringify(err) : String(err);
  } catch {
    return "something that cannot be shown";
  }
}
