// The panel guide's Print button. It is hidden in the markup and shown
// here, so that a page without JavaScript shows no button that does
// nothing; the theme runs no inline script.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
