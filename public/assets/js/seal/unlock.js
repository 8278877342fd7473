// The sealed page (the theme's sealed.html layout): asks for the passphrase
// once a tab, decrypts the page it holds and puts it in this one's place,
// then adds Lock, and PDF when a sealed guide.pdf lies beside it.
import { SiteKey, fromBase64URL, pageName, toBase64URL, unlock } from "./seal.js";

const box = document.querySelector("[data-sealed]");
const form = box.querySelector("[data-unlock-form]");
const input = form.querySelector("input[name=passphrase]");
const submit = form.querySelector("button[type=submit]");
const status = box.querySelector("[data-unlock-status]");
const salt = fromBase64URL(box.dataset.salt);
const check = fromBase64URL(box.dataset.check);
const iterations = Number(box.dataset.iterations);
const name = pageName(box.dataset.tree, box.dataset.root, location.href);
// The key is kept per site (its salt), for this tab only: sessionStorage
// ends with the tab, and no other tab or site reads it.
const slot = "kitgen-seal:" + box.dataset.salt;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  performance.mark("kitgen-unlock-start");
  submit.disabled = true;
  input.removeAttribute("aria-invalid");
  say("Unlocking…");
  const key = await unlock(input.value, salt, iterations, check);
  submit.disabled = false;
  if (!key) {
    input.setAttribute("aria-invalid", "true");
    say("That passphrase does not open this site's panel pages. Check it and try again.", true);
    input.select();
    input.focus();
    return;
  }
  keep(key.master);
  await show(key, true);
});

form.querySelector("[data-unlock-show]").addEventListener("change", (event) => {
  input.type = event.target.checked ? "text" : "password";
});

start();

async function start() {
  box.querySelector("[data-unlock-fallback]").hidden = true;
  if (!globalThis.crypto?.subtle) {
    say("This page opens only over HTTPS (or from this computer): on plain HTTP the browser turns off the cryptography it needs.", true);
    return;
  }
  const master = kept();
  if (master) {
    const key = await SiteKey.from(master);
    if (key.matches(check)) return show(key, false);
    // A key from before the passphrase changed.
    forget();
  }
  form.hidden = false;
  input.focus();
}

// show decrypts the page and writes it over this one, so that the
// guide's own styles and scripts (print.js) load and run as they do on
// an unsealed site, and printing gives the same paper.
async function show(key, asked) {
  let html;
  try {
    html = new TextDecoder().decode(await key.open(name, fromBase64URL(document.querySelector("[data-sealed-page]").textContent.trim())));
  } catch {
    form.hidden = true;
    say("The passphrase is right, but this page does not open at this address: it was moved, renamed or changed after kitgen sealed it. Build and publish the site again.", true);
    return;
  }
  const pdf = box.hasAttribute("data-pdf");
  document.open();
  document.write(html);
  document.close();
  performance.measure("kitgen-unlock", performance.getEntriesByName("kitgen-unlock-start").length ? "kitgen-unlock-start" : undefined);
  controls(key, pdf);
  if (asked) {
    // The form that had the focus is gone: start a reader at the page's
    // title, as a new page would.
    const h1 = document.querySelector("main h1, h1");
    if (h1) {
      // Focusable for this once, without the ring a control would have.
      h1.tabIndex = -1;
      h1.style.outline = "none";
      h1.focus({ preventScroll: true });
    }
  }
}

// controls adds the unlocked page's buttons beside its own (print.css
// keeps every button off paper).
function controls(key, pdf) {
  const bar = document.querySelector(".site-header") ?? document.body;
  if (pdf) {
    const dl = button("PDF", "Download this guide as the PDF kitgen printed");
    dl.dataset.pdfDownload = "";
    dl.addEventListener("click", () => download(key, dl));
    bar.append(dl);
  }
  const lock = button("Lock", "Forget the passphrase in this tab and seal the page again");
  lock.dataset.lock = "";
  lock.addEventListener("click", () => {
    forget();
    location.reload();
  });
  bar.append(lock);
  // A page the tab goes back to comes from the browser's memory, unlocked;
  // after Lock it is sealed again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && !kept()) location.reload();
  });
}

function button(text, title) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "print-button";
  b.textContent = text;
  b.title = title;
  return b;
}

// download fetches guide.pdf.sealed beside the page, decrypts it and
// hands it to the browser as a file.
async function download(key, dl) {
  const dir = name.slice(0, name.lastIndexOf("/") + 1);
  try {
    const res = await fetch("guide.pdf.sealed");
    if (!res.ok) throw new Error(`${res.status}`);
    const pdf = await key.open(dir + "guide.pdf", new Uint8Array(await res.arrayBuffer()));
    const url = URL.createObjectURL(new Blob([pdf], { type: "application/pdf" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = dir.split("/").at(-2) + "-guide.pdf";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch {
    dl.textContent = "PDF unavailable";
    dl.disabled = true;
  }
}

function say(text, error = false) {
  status.textContent = text;
  status.classList.toggle("error", error);
}

function kept() {
  try {
    const s = sessionStorage.getItem(slot);
    return s ? fromBase64URL(s) : null;
  } catch {
    return null;
  }
}

function keep(master) {
  try {
    sessionStorage.setItem(slot, toBase64URL(master));
  } catch {
    // Storage is off: the tab asks on every page.
  }
}

function forget() {
  try {
    sessionStorage.removeItem(slot);
  } catch {
    // Nothing was kept.
  }
}
