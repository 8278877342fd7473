// kitgen serve's live reload: injected into every page it serves, never
// into a build. It listens on /_kitgen/events beside this script, so it
// works behind a proxy or on any port.
(() => {
  const me = document.currentScript;
  const page = me.dataset.page;
  let gen = Number(me.dataset.gen);
  const events = new URL("events", me.src);
  let overlay = null;
  // dismissed is set by Esc or the Dismiss button and lasts until the next
  // build: reconnecting to the same failed build does not bring it back.
  let dismissed = false;

  // A finding is "file:line:col: severity: message", then its hint and,
  // after a blank line, the lines of the file around it. The place gets a
  // line of its own, which may break anywhere, so that a long path stays
  // whole on a phone; the source keeps its lines, scrolling sideways, so
  // that the caret stays under the column it marks.
  function finding(text) {
    const box = document.createElement("section");
    box.style.cssText = "margin:0 0 .75rem;padding:.75rem;border-left:3px solid #ff8a80;background:#1f1f26";
    const blank = text.indexOf("\n\n");
    const head = blank < 0 ? text : text.slice(0, blank);
    const m = /^(.+?:\d+(?::\d+)?): ((?:error|warning|note): [\s\S]*)$/.exec(head);
    if (m) {
      const where = document.createElement("p");
      where.className = "kitgen-where";
      where.textContent = m[1];
      where.style.cssText = "margin:0 0 .25rem;font:inherit;font-weight:700;color:#fff;overflow-wrap:anywhere";
      box.append(where);
    }
    const msg = document.createElement("p");
    msg.textContent = m ? m[2] : head;
    msg.style.cssText = "margin:0;font:inherit;color:inherit;white-space:pre-wrap;overflow-wrap:anywhere";
    box.append(msg);
    if (blank >= 0) {
      const src = document.createElement("pre");
      src.textContent = text.slice(blank + 2);
      // The page's own styles for pre must not reach it: set them all.
      src.style.cssText = "margin:.75rem 0 0;padding:.5rem;overflow-x:auto;white-space:pre;font:inherit;tab-size:4;color:#e8e8ee;background:#16161c;border:0;border-radius:0;box-shadow:none";
      box.append(src);
    }
    return box;
  }

  function showErrors(errors) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.id = "kitgen-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;background:rgba(20,20,24,.97);color:#fafafa;font:clamp(12px,3.4vw,14px)/1.5 ui-monospace,Menlo,Consolas,monospace;padding:clamp(.75rem,4vw,2rem)";
    const bar = document.createElement("div");
    bar.style.cssText = "display:flex;gap:1rem;align-items:flex-start;justify-content:space-between;margin:0 0 1rem";
    const h = document.createElement("h2");
    h.textContent = "kitgen: the build failed — this page is the last good build";
    h.style.cssText = "margin:0;font:600 18px/1.3 system-ui,sans-serif;color:#ff8a80";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss (Esc)";
    close.style.cssText = "flex:none;font:14px system-ui,sans-serif;color:#fafafa;background:#33333d;border:1px solid #77778a;border-radius:4px;padding:.35rem .7rem;cursor:pointer";
    close.addEventListener("click", dismiss);
    bar.append(h, close);
    overlay.append(bar);
    for (const e of errors) overlay.append(finding(e));
    const note = document.createElement("p");
    note.textContent = "Fix the file and save: this page reloads by itself.";
    note.style.cssText = "font-family:system-ui,sans-serif;color:#bbb";
    overlay.append(note);
    document.body.append(overlay);
  }

  function hideErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function dismiss() {
    dismissed = true;
    hideErrors();
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && overlay) dismiss();
  });

  // A stylesheet that changed is fetched again in place; anything else
  // this page uses means a reload.
  function affects(changed) {
    let css = false;
    for (const name of changed) {
      if (name === page) return "reload";
      if (name.endsWith(".css")) css = true;
      else if (!name.endsWith(".html")) return "reload";
    }
    return css ? "css" : "";
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const u = new URL(link.href);
      u.searchParams.set("kitgen", String(gen));
      link.href = u.href;
    }
  }

  const source = new EventSource(events);
  source.addEventListener("error", () => {
    document.documentElement.dataset.kitgenLive = "reconnecting";
  });
  source.addEventListener("build", (e) => {
    document.documentElement.dataset.kitgenLive = "connected";
    const b = JSON.parse(e.data);
    // Only an event after a build lists what changed.
    if (b.changed) dismissed = false;
    if (b.errors && b.errors.length) {
      if (!dismissed) showErrors(b.errors);
      return;
    }
    hideErrors();
    if (b.gen === gen) return;
    // Builds missed while disconnected are not listed: reload.
    const what = b.gen === gen + 1 && b.changed ? affects(b.changed) : "reload";
    gen = b.gen;
    if (what === "reload") location.reload();
    else if (what === "css") swapStylesheets();
  });
})();
