// Complaint volume per category with the CUSUM alarm band, drawn with ECharts from data attributes.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("chart-alarms");
    if (!el || typeof echarts === "undefined") { return; }
    var data = JSON.parse(el.getAttribute("data-alarms"));
    if (!data.series.length) { el.hidden = true; return; }
    var first = new Date(data.first + "T00:00:00Z"), days = [];
    for (var i = 0; i < data.series[0].counts.length; i++) {
      days.push(new Date(first.getTime() + i * 86400000).toISOString().slice(0, 10));
    }
    var series = [];
    data.series.forEach(function (s) {
      series.push({ name: s.category + " · " + el.getAttribute("data-count"), type: "bar", stack: "count", data: s.counts });
      series.push({ name: s.category + " · " + el.getAttribute("data-band"), type: "line", step: "end", symbol: "none",
        lineStyle: { type: "dashed" }, data: s.band });
    });
    echarts.init(el).setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: { type: "scroll" },
      grid: { left: 40, right: 20, bottom: 50 }, dataZoom: [{ type: "slider", start: 70, end: 100 }],
      xAxis: { type: "category", data: days }, yAxis: { type: "value", minInterval: 1 }, series: series
    });
  });
})();
