// Overview charts, drawn with ECharts from the data attributes the server rendered (no inline scripts).
(function () {
  "use strict";
  function draw() {
    if (typeof echarts === "undefined") { return; }
    var funnel = document.getElementById("chart-funnel");
    if (funnel) {
      var s = JSON.parse(funnel.getAttribute("data-series"));
      echarts.init(funnel).setOption({
        animation: false, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 50, right: 20 },
        xAxis: { type: "category", data: s.months },
        yAxis: { type: "value" },
        series: [
          { name: funnel.getAttribute("data-gained"), type: "bar", stack: "flow", data: s.gained, itemStyle: { color: "#23663a" } },
          { name: funnel.getAttribute("data-lost"), type: "bar", stack: "flow", data: s.lost, itemStyle: { color: "#a4262c" } }
        ]
      });
    }
    var trend = document.getElementById("chart-trend");
    if (trend) {
      var t = JSON.parse(trend.getAttribute("data-series"));
      echarts.init(trend).setOption({
        animation: false, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 70, right: 20 },
        xAxis: { type: "category", data: t.months },
        yAxis: { type: "value" },
        series: [
          { name: trend.getAttribute("data-revenue"), type: "line", data: t.revenue, itemStyle: { color: "#155e75" } },
          { name: trend.getAttribute("data-margin"), type: "line", data: t.margin, itemStyle: { color: "#b7791f" } }
        ]
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
