// Penalty form: the principal's fields (一案双罚) show only while the box is ticked (without script they always show).
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
