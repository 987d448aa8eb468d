// Inspection form: "+ 再加一条问题" copies the empty finding row and counts it in the formset's TOTAL_FORMS.
(function () {
  "use strict";
  var button = document.getElementById("finding-add");
  var template = document.getElementById("finding-empty");
  var rows = document.getElementById("finding-rows");
  if (!button || !template || !rows) { return; }
  var total = document.getElementById("id_" + button.dataset.prefix + "-TOTAL_FORMS");
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = rows.lastElementChild.querySelector("input, textarea");
    if (first) { first.focus(); }
  });
})();
