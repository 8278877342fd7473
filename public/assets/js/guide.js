// The panel guide's form on screen: ticked checkpoints and tasks, the
// scorecard's levels and recommendation, and what was typed in the blanks
// and the evidence are kept in this browser's localStorage, per kit, so a
// reload or a closed tab loses nothing, and the page prints as filled in.
// Clear forgets them. Nothing is sent anywhere.
//
// A classic script, not a module: a guide opened from the disk (file://)
// runs it too, where browsers refuse modules. The state is a plain object
// of keys to values; keys, collect, apply and clear are kept apart from
// the page so that Node can test them (themes/default/_test/guide.test.js).
(() => {
  // keys names each field: an input by its name (a radio group by the
  // group's), a task's box, which has none, by its label's text and how
  // many boxes of that text come before it.
  function keys(fields) {
    const seen = new Map();
    return fields.map((f) => {
      if (f.name) return f.type === "radio" ? f.name : "field:" + f.name;
      const text = (f.label ?? "").replace(/\s+/g, " ").trim();
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      return "task:" + text + (n > 1 ? "#" + n : "");
    });
  }

  // collect is what the fields hold that differs from the page as built.
  function collect(fields) {
    const state = {};
    keys(fields).forEach((k, i) => {
      const f = fields[i];
      if (f.type === "checkbox") {
        if (f.checked !== f.defaultChecked) state[k] = f.checked;
      } else if (f.type === "radio") {
        if (f.checked) state[k] = f.value;
      } else if (f.value !== "") {
        state[k] = f.value;
      }
    });
    return state;
  }

  // apply puts state back into the fields; what it does not name is left.
  function apply(fields, state) {
    keys(fields).forEach((k, i) => {
      const f = fields[i];
      if (!Object.hasOwn(state, k)) return;
      if (f.type === "checkbox") f.checked = state[k] === true;
      else if (f.type === "radio") f.checked = state[k] === f.value;
      else f.value = String(state[k]);
    });
  }

  // clear puts the fields back as the page was built.
  function clear(fields) {
    for (const f of fields) {
      if (f.type === "checkbox") f.checked = f.defaultChecked;
      else if (f.type === "radio") f.checked = false;
      else f.value = "";
    }
  }

  function keep(root, key) {
    let store;
    try {
      store = window.localStorage;
      store.getItem(key);
    } catch {
      return; // storage is off: the form still works, and is not kept
    }
    const fields = [...root.querySelectorAll("input, textarea")];
    // A task's box is named by its label; the other fields by their name.
    for (const f of fields) if (!f.name) f.label = f.closest("label")?.textContent ?? "";
    try {
      apply(fields, JSON.parse(store.getItem(key) ?? "{}") ?? {});
    } catch {
      // What cannot be read is left: the page starts as built.
    }
    const save = () => {
      const state = collect(fields);
      try {
        if (Object.keys(state).length) store.setItem(key, JSON.stringify(state));
        else store.removeItem(key);
      } catch {
        // A full or refused store keeps the page as it is.
      }
    };
    root.addEventListener("input", save);
    root.addEventListener("change", save);

    const kept = root.querySelector("[data-guide-kept]");
    const button = root.querySelector("[data-guide-clear]");
    if (!kept || !button) return;
    kept.hidden = false;
    button.addEventListener("click", () => {
      if (!window.confirm("Clear every tick, rating and note of this guide in this browser?")) return;
      clear(fields);
      store.removeItem(key);
    });
  }

  if (typeof document !== "undefined") {
    const guide = document.querySelector("[data-guide]");
    if (guide) keep(guide, "kitgen-guide:" + guide.dataset.guide);
  }
  if (typeof module === "object") module.exports = { keys, collect, apply, clear };
})();
