// The Supply page's chart: OTIF by warehouse and month, drawn with ECharts from the data attribute (no inline script).
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("chart-otif");
    if (typeof echarts === "undefined" || !el) { return; }
    var s = JSON.parse(el.getAttribute("data-series"));
    var series = Object.keys(s.otif).map(function (w) {
      return { name: w, type: "line", data: s.otif[w], connectNulls: false };
    });
    echarts.init(el).setOption({
      animation: false, tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "–" : v + "%"; } },
      legend: {}, grid: { left: 50, right: 20 },
      xAxis: { type: "category", data: s.months },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: series
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
