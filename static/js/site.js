// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // The picker: at most four frameworks; say how many are chosen.
  function enhancePicker(form) {
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"]'));
    var status = form.querySelector("[data-picker-status]");
    var max = 4;
    function update() {
      var checked = boxes.filter(function (box) { return box.checked; }).length;
      boxes.forEach(function (box) { box.disabled = !box.checked && checked >= max; });
      if (status) {
        status.textContent = checked >= max
          ? "4 frameworks chosen: that is the most a comparison shows."
          : checked + " of 2 to 4 frameworks chosen.";
      }
    }
    form.addEventListener("change", update);
    update();
  }

  // "Differences only" without a reload, when the page holds every row.
  function enhanceViewSwitch(nav) {
    var table = document.querySelector("[data-matrix].complete");
    if (!table || !window.history || !window.history.replaceState) {
      return;
    }
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-view]"));
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
          return;
        }
        event.preventDefault();
        var differences = link.getAttribute("data-view") === "differences";
        table.classList.toggle("only-differences", differences);
        links.forEach(function (other) {
          if (other === link) {
            other.setAttribute("aria-current", "page");
          } else {
            other.removeAttribute("aria-current");
          }
        });
        window.history.replaceState(null, "", link.getAttribute("href"));
      });
    });
  }

  // A grid wider than its box says so, until it has been scrolled to its last column.
  function enhanceScrollCue(region) {
    var cue = region.parentNode.querySelector("[data-scroll-cue]");
    if (!cue) {
      return;
    }
    // Shown only for a grid wider than its box; faded out, keeping its place (no layout
    // shift while reading), once the last column is in view.
    function measure() {
      cue.hidden = region.scrollWidth - region.clientWidth < 8;
      scrolled();
    }
    function scrolled() {
      var left = region.scrollWidth - region.clientWidth - region.scrollLeft;
      cue.classList.toggle("is-done", left < 8);
    }
    region.addEventListener("scroll", scrolled, { passive: true });
    window.addEventListener("resize", measure);
    measure();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-picker]"), enhancePicker);
    Array.prototype.forEach.call(document.querySelectorAll("[data-view-switch]"), enhanceViewSwitch);
    Array.prototype.forEach.call(document.querySelectorAll("[data-scroll-region]"), enhanceScrollCue);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
