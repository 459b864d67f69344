// After a failed submit the page comes back with an error summary: move focus there, so keyboard and screen-reader
// users start at the list of what to fix (WCAG 3.3.1, 2.4.3). Links in the summary move focus to their field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  document.querySelectorAll("[data-error-summary] a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      const closed = target.closest("details:not([open])");
      if (closed) {
        closed.open = true;
      }
      target.focus();
      target.scrollIntoView({block: "center"});
    });
  });
});
