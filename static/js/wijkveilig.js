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

// After a list swaps in another of its pages (htmx), focus moves to that list's table (WCAG 2.4.3): a keyboard or
// screen-reader user who chose "Volgende" continues at the new rows, not at the top of the document. The page
// navigation names the table to focus in data-focus-after-swap; the table has tabindex="-1".
document.addEventListener("htmx:afterSettle", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  const holder = trigger && trigger.closest("[data-focus-after-swap]");
  const target = holder && document.getElementById(holder.dataset.focusAfterSwap);
  if (target) {
    target.focus({preventScroll: true});
  }
});
