// The churn model page's reliability curve: mean predicted against observed churn per bin, and the diagonal,
// drawn with ECharts from the data attribute (no inline script).
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("chart-calibration");
    if (typeof echarts === "undefined" || !el) { return; }
    var bins = JSON.parse(el.getAttribute("data-bins")).filter(function (b) { return b.count > 0; });
    var points = bins.map(function (b) {
      return [Math.round(b.meanPredicted * 1000) / 10, Math.round(b.observedRate * 1000) / 10, b.count];
    });
    echarts.init(el).setOption({
      animation: false, grid: { left: 50, right: 20 },
      tooltip: { formatter: function (p) { return p.value[0] + "% → " + p.value[1] + "% (" + p.value[2] + ")"; } },
      xAxis: { type: "value", min: 0, max: 100, name: "predicted", axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "value", min: 0, max: 100, name: "observed", axisLabel: { formatter: "{value}%" } },
      series: [
        { type: "line", data: points, symbolSize: 8 },
        { type: "line", data: [[0, 0], [100, 100]], symbol: "none", lineStyle: { type: "dashed" }, silent: true }
      ]
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
