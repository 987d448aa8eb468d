// Small behaviours the templates ask for with data- attributes, so that no page needs an inline script or an
// on…= handler (the Content-Security-Policy allows neither).
//   <select data-autosubmit>                 submits its form when changed;
//   data-autosubmit-clear="village"          …after emptying the named field of the same form;
//   <button data-print>                      opens the print dialog;
//   <input data-select-on-click>             selects its text when clicked;
//   <button data-copy-from="id">             copies that input's value to the clipboard;
//   <form data-confirm="text">               asks before it is submitted.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (!field || !field.form) { return; }
    var clear = field.getAttribute("data-autosubmit-clear");
    if (clear && field.form.elements[clear]) { field.form.elements[clear].value = ""; }
    field.form.submit();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); return; }
    var input = event.target.closest("[data-select-on-click]");
    if (input) { input.select(); return; }
    var copy = event.target.closest("[data-copy-from]");
    if (copy && navigator.clipboard) {
      navigator.clipboard.writeText(document.getElementById(copy.getAttribute("data-copy-from")).value);
    }
  });
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
