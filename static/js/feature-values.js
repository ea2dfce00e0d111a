// The framework page's feature values (admin): a filter that narrows the rows to features whose
// name matches, and, after a refused save, the first row in error brought into view and focused.
// Without this script the page works the same; the jump list and the error links still lead.
"use strict";

(function () {
  function filterRows(input) {
    const query = input.value.trim().toLowerCase();
    let shown = 0;
    document.querySelectorAll(".values-category").forEach(function (group) {
      let groupShown = 0;
      group.querySelectorAll(".value-row").forEach(function (row) {
        const match = !query || row.dataset.feature.includes(query);
        row.hidden = !match;
        if (match) groupShown += 1;
      });
      group.hidden = groupShown === 0;
      shown += groupShown;
    });
    const count = document.querySelector(".values-filter-count");
    count.textContent = query ? shown + (shown === 1 ? " feature" : " features") : "";
  }

  function focusFirstError() {
    const row = document.querySelector(".value-row.has-errors");
    if (!row) return;
    const field = row.querySelector(".value-field.errors :is(input, select, textarea)");
    const details = field && field.closest("details");
    if (details) details.open = true;
    row.scrollIntoView({ block: "center" });
    (field || row).focus({ preventScroll: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const filter = document.getElementById("values-filter");
    if (filter) {
      filter.closest(".values-filter").hidden = false;
      filter.addEventListener("input", function () { filterRows(filter); });
      // The filter never submits the page's form.
      filter.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();
      });
    }
    focusFirstError();
  });
})();
