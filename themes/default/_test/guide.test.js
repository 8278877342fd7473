// Unit tests of what the panel guide keeps of its form: each field under a
// key of its own, only what differs from the page as built, and all of it
// back after a reload. Run with `node --test themes/default/_test/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { apply, clear, collect, keys } from "../static/js/guide.js";

// form is a guide's fields as the page builds them.
function form() {
  return [
    { type: "checkbox", name: "", label: " Crossed book:  a buy\n at the ask", checked: false, defaultChecked: false },
    { type: "checkbox", name: "", label: "Crossed book: a buy at the ask", checked: false, defaultChecked: false },
    { type: "checkbox", name: "", label: "Done already", checked: true, defaultChecked: true },
    { type: "radio", name: "sc-1", value: "1", checked: false },
    { type: "radio", name: "sc-1", value: "3", checked: false },
    { type: "textarea", name: "sc-1-evidence", value: "" },
    { type: "text", name: "blank: Candidate name", value: "" },
  ];
}

test("every field has a key of its own, the same on every load", () => {
  const k = keys(form());
  assert.deepEqual(k, [
    "task:Crossed book: a buy at the ask",
    "task:Crossed book: a buy at the ask#2",
    "task:Done already",
    "sc-1",
    "sc-1",
    "field:sc-1-evidence",
    "field:blank: Candidate name",
  ]);
  assert.deepEqual(keys(form()), k);
});

test("only what was changed is kept", () => {
  assert.deepEqual(collect(form()), {});
  const f = form();
  f[1].checked = true;
  f[2].checked = false;
  f[4].checked = true;
  f[5].value = "Named a heap";
  assert.deepEqual(collect(f), {
    "task:Crossed book: a buy at the ask#2": true,
    "task:Done already": false,
    "sc-1": "3",
    "field:sc-1-evidence": "Named a heap",
  });
});

test("what was kept comes back, through JSON, and clear undoes it", () => {
  const before = form();
  before[0].checked = true;
  before[3].checked = true;
  before[6].value = "Ada Lovelace";
  const after = form();
  apply(after, JSON.parse(JSON.stringify(collect(before))));
  assert.deepEqual(after, before);
  clear(after);
  assert.deepEqual(after, form());
});

test("a state from another version of the kit changes only what it names", () => {
  const f = form();
  apply(f, { "task:Gone checkpoint": true, "sc-9": "4", "sc-1": "7", "field:sc-1-evidence": 42 });
  assert.equal(f[3].checked || f[4].checked, false, "no radio has the value 7");
  assert.equal(f[5].value, "42");
});
