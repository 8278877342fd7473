// kitgen serve's live reload: injected into every page it serves, never
// into a build. It listens on /_kitgen/events beside this script, so it
// works behind a proxy or on any port.
(() => {
  const me = document.currentScript;
  const page = me.dataset.page;
  let gen = Number(me.dataset.gen);
  const events = new URL("events", me.src);
  let overlay = null;

  function showErrors(errors) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.id = "kitgen-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#fafafa;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
    const h = document.createElement("h2");
    h.textContent = "kitgen: the build failed — this page is the last good build";
    h.style.cssText = "margin:0 0 1rem;font:600 18px/1.3 system-ui,sans-serif;color:#ff8a80";
    overlay.append(h);
    for (const e of errors) {
      const p = document.createElement("pre");
      p.textContent = e;
      p.style.cssText = "white-space:pre-wrap;margin:0 0 .75rem;padding:.75rem;border-left:3px solid #ff8a80;background:#1f1f26";
      overlay.append(p);
    }
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
    if (b.errors && b.errors.length) {
      showErrors(b.errors);
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
