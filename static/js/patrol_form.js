// Patrol form: the hazard's fields show only while "open a hazard" is ticked (without script they always show).
(function () {
  "use strict";
  document.querySelectorAll("[data-toggle-by]").forEach(function (block) {
    var box = document.getElementById(block.dataset.toggleBy);
    if (!box) { return; }
    var sync = function () { block.hidden = !box.checked; };
    box.addEventListener("change", sync);
    sync();
  });
})();
