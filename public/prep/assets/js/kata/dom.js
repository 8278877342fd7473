// h builds an element: h("td", {class: "qty"}, "12"). Attributes named
// on… become listeners; null, undefined and false are left out.
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  append(el, kids);
  return el;
}

function append(el, kids) {
  for (const kid of kids) {
    if (Array.isArray(kid)) append(el, kid);
    else if (kid != null && kid !== false) el.append(kid);
  }
}

// fill replaces el's children.
export function fill(el, ...kids) {
  el.replaceChildren();
  append(el, kids);
  return el;
}

export const num = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : String(n));
