// The only kata script a prep page loads up front. The runner, Go's
// wasm_exec.js and the engine are fetched when the candidate presses
// Start, so the page stays light for everyone who only reads it.
for (const el of document.querySelectorAll("[data-kata-runner]")) {
  const button = el.querySelector("[data-kata-start]");
  const status = el.querySelector("[data-kata-status]");
  button.addEventListener("click", async () => {
    const clicked = performance.now();
    button.disabled = true;
    button.textContent = "Loading the engine…";
    status.textContent = "";
    el.querySelector("[data-kata-announce]").textContent = "Loading the engine…";
    try {
      const { start } = await import("./runner.js");
      await start(el, clicked);
    } catch (err) {
      console.warn(err);
      status.textContent = `Could not start the kata: ${err.message}`;
      el.querySelector("[data-kata-announce]").textContent = status.textContent;
      button.disabled = false;
      button.textContent = "Try again";
      button.focus();
    }
  });
}
