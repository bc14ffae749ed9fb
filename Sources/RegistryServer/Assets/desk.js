// Small enhancements only: every page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll(".print-button")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  for (const hint of document.querySelectorAll(".print-hint")) hint.hidden = true;
});
