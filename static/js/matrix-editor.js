// The matrix editor works without this script: the server refuses a changed value that has
// no new check date. This only says so at once, beside the cell being edited.
(function () {
  "use strict";

  function dateFieldOf(cell) {
    return cell.querySelector(".matrix-field-verified_on input");
  }

  function askForRecheck(event) {
    var field = event.target.closest(".matrix-field-support, .matrix-field-text");
    var cell = event.target.closest(".matrix-cell");
    if (!field || !cell || cell.classList.contains("matrix-cell-missing")) {
      return;
    }
    var date = dateFieldOf(cell);
    if (!date || date.dataset.recheck) {
      return;
    }
    date.dataset.recheck = "asked";
    date.required = true;
    var hint = document.createElement("p");
    hint.className = "matrix-recheck";
    hint.id = date.id + "-recheck";
    hint.textContent = "Changed: check the source again and enter the day you checked it.";
    date.insertAdjacentElement("afterend", hint);
    date.setAttribute("aria-describedby", hint.id);
  }

  document.addEventListener("change", askForRecheck);
})();
