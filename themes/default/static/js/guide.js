// The panel guide's form on screen: ticked checkpoints and tasks, the
// scorecard's levels and recommendation, and what was typed in the blanks
// and the evidence are kept in this browser's localStorage, per kit, so a
// reload or a closed tab loses nothing, and the page prints as filled in.
// Clear forgets them. Nothing is sent anywhere.

const guide = document.querySelector("[data-guide]");

if (guide) {
  keep(guide, "kitgen-guide:" + guide.dataset.guide);
}

// fields are the guide's inputs, each with the key it is kept under:
// its name, or, for a task's box, which has none, its label's text and
// how many boxes of that text come before it.
function fields(root) {
  const seen = new Map();
  return [...root.querySelectorAll("input, textarea")].map((el) => {
    if (el.name) return { el, key: el.type === "radio" ? el.name : "field:" + el.name };
    const text = (el.closest("label")?.textContent ?? "").replace(/\s+/g, " ").trim();
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return { el, key: "task:" + text + (n > 1 ? "#" + n : "") };
  });
}

function keep(root, key) {
  let store;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch {
    return; // storage is off: the form still works, and is not kept
  }
  const all = fields(root);
  const read = () => {
    try {
      return JSON.parse(store.getItem(key) ?? "{}") ?? {};
    } catch {
      return {};
    }
  };
  const saved = read();
  for (const { el, key: k } of all) {
    if (!(k in saved)) continue;
    if (el.type === "checkbox") el.checked = saved[k] === true;
    else if (el.type === "radio") el.checked = saved[k] === el.value;
    else el.value = String(saved[k]);
  }
  const save = () => {
    const state = {};
    for (const { el, key: k } of all) {
      if (el.type === "checkbox") {
        if (el.checked !== el.defaultChecked) state[k] = el.checked;
      } else if (el.type === "radio") {
        if (el.checked) state[k] = el.value;
      } else if (el.value !== "") {
        state[k] = el.value;
      }
    }
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
  const clear = root.querySelector("[data-guide-clear]");
  if (!kept || !clear) return;
  kept.hidden = false;
  clear.addEventListener("click", () => {
    if (!window.confirm("Clear every tick, rating and note of this guide in this browser?")) return;
    for (const { el } of all) {
      if (el.type === "checkbox") el.checked = el.defaultChecked;
      else if (el.type === "radio") el.checked = false;
      else el.value = "";
    }
    store.removeItem(key);
  });
}
