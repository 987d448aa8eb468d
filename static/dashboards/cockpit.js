// Draws the cockpit's charts from the options the server put in #cockpit-charts; each chart has a table
// beside it with the same figures, so nothing is lost where scripts or canvas are not available.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("cockpit-charts");
    if (!source || typeof echarts === "undefined") { return; }
    var options = JSON.parse(source.textContent);
    var charts = [];
    Object.keys(options).forEach(function (id) {
      var element = document.getElementById(id);
      if (!element) { return; }
      var chart = echarts.init(element, null, { renderer: "svg" });
      chart.setOption(options[id]);
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
