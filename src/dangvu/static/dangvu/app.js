/* Behaviour that would otherwise be inline (the Content-Security-Policy allows no inline
   handler): selects that submit their form when changed, progress bars sized from data-width. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
  function sizeBars(root) {
    (root || document).querySelectorAll("[data-width]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, parseFloat(bar.dataset.width) || 0)) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { sizeBars(document); });
  document.addEventListener("htmx:afterSwap", function (event) { sizeBars(event.target.parentNode || document); });
})();
