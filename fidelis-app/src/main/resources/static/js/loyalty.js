// Loyalty charts, drawn with ECharts from data attributes the server rendered (no inline scripts).
(function () {
  "use strict";
  function data(el, name) { return JSON.parse(el.getAttribute(name)); }
  function draw() {
    if (typeof echarts === "undefined") { return; }
    var stages = document.getElementById("chart-stages");
    if (stages) {
      var s = data(stages, "data-stages");
      var labels = stages.getAttribute("data-labels").split("|");
      var keys = ["NEW", "SATISFIED", "BEHAVIOURAL", "EMOTIONAL", "SUSTAINABLE"];
      echarts.init(stages).setOption({
        animation: false, tooltip: { trigger: "item" },
        series: [{ type: "funnel", sort: "none", minSize: "10%", label: { show: true, formatter: "{b}: {c}" },
          data: keys.map(function (k, i) { return { name: labels[i], value: s[k] || 0 }; }) }]
      });
    }
    var clv = document.getElementById("chart-clv");
    if (clv) {
      var h = data(clv, "data-clv");
      var names = [];
      for (var i = 0; i < h.counts.length; i++) { names.push(Math.round(h.edges[i]) + "–" + Math.round(h.edges[i + 1])); }
      echarts.init(clv).setOption({
        animation: false, tooltip: { trigger: "axis" }, grid: { left: 60, right: 20, bottom: 60 },
        xAxis: { type: "category", data: names, axisLabel: { rotate: 45 } }, yAxis: { type: "value" },
        series: [{ name: clv.getAttribute("data-label"), type: "bar", data: h.counts, itemStyle: { color: "#155e75" } }]
      });
    }
    var pareto = document.getElementById("chart-pareto");
    if (pareto) {
      var p = data(pareto, "data-population");
      if (p.pareto) {
        var xs = p.pareto.map(function (_, k) { return (100 * k / (p.pareto.length - 1)).toFixed(0) + "%"; });
        echarts.init(pareto).setOption({
          animation: false, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 50, right: 20 },
          xAxis: { type: "category", data: xs }, yAxis: { type: "value", max: function (v) { return Math.max(1, v.max); } },
          series: [
            { name: pareto.getAttribute("data-pareto"), type: "line", data: p.pareto },
            { name: pareto.getAttribute("data-lorenz"), type: "line", data: p.lorenz }
          ]
        });
        document.getElementById("pareto-summary").textContent = pareto.getAttribute("data-top") + ": "
          + (100 * p.topShare20).toFixed(1) + "% · " + pareto.getAttribute("data-gini") + ": " + p.gini.toFixed(3);
      }
    }
    var cohorts = document.getElementById("chart-cohorts");
    if (cohorts) {
      var c = data(cohorts, "data-population").cohorts || [];
      var months = c.map(function (x) { return x.month; });
      var width = 0; c.forEach(function (x) { width = Math.max(width, x.retention.length); });
      var cells = [];
      c.forEach(function (x, row) { x.retention.forEach(function (r, k) { if (k > 0) { cells.push([k, row, Math.round(1000 * r) / 10]); } }); });
      var ks = []; for (var k = 1; k < width; k++) { ks.push(String(k)); }
      echarts.init(cohorts).setOption({
        animation: false, tooltip: { position: "top" }, grid: { left: 70, right: 20, bottom: 60 },
        xAxis: { type: "category", data: ks, name: cohorts.getAttribute("data-month"), nameLocation: "middle", nameGap: 30 },
        yAxis: { type: "category", data: months },
        visualMap: { min: 0, max: 50, calculable: true, orient: "horizontal", left: "center", bottom: 0, show: false },
        series: [{ type: "heatmap", data: cells.map(function (v) { return [v[0] - 1, v[1], v[2]]; }) }]
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
