// Satisfaction charts (trends with 95 % interval bands, the ECSI path diagram, the importance-performance map),
// drawn with ECharts from data attributes the server rendered (no inline scripts).
(function () {
  "use strict";
  function data(el, name) { return JSON.parse(el.getAttribute(name)); }

  // A line of monthly values with its interval as a shaded band (stacked: lower, then upper − lower).
  function trend(el, points, label, band) {
    var months = points.map(function (p) { return p[0]; });
    echarts.init(el).setOption({
      animation: false, tooltip: { trigger: "axis" }, grid: { left: 50, right: 20, bottom: 40 },
      legend: { data: [label, band] },
      xAxis: { type: "category", data: months }, yAxis: { type: "value", scale: true },
      series: [
        { name: band, type: "line", stack: "band", symbol: "none", lineStyle: { opacity: 0 },
          data: points.map(function (p) { return p[2]; }) },
        { name: band, type: "line", stack: "band", symbol: "none", lineStyle: { opacity: 0 },
          areaStyle: { color: "#155e75", opacity: 0.15 },
          data: points.map(function (p) { return p[3] === null || p[2] === null ? null : +(p[3] - p[2]).toFixed(1); }) },
        { name: label, type: "line", data: points.map(function (p) { return p[1]; }), itemStyle: { color: "#155e75" } }
      ]
    });
  }

  var KEYS = ["IMAG", "EXPE", "QUAL", "VAL", "SAT", "COMP", "LOY"];
  // Positions of the ECSI diagram: drivers on the left, satisfaction in the middle, outcomes on the right.
  var POS = { IMAG: [0, 0], EXPE: [1, 2], QUAL: [1, 4], VAL: [2, 3], SAT: [3, 1.5], COMP: [4, 3], LOY: [5, 1] };

  function names(el) {
    var n = el.getAttribute("data-names").split("|"), out = {};
    KEYS.forEach(function (k, i) { out[k] = n[i]; });
    return out;
  }

  function paths(el) {
    var ix = data(el, "data-index"), label = names(el);
    var present = {};
    Object.keys(ix.index).forEach(function (k) { present[k] = true; });
    var nodes = KEYS.filter(function (k) { return present[k]; }).map(function (k) {
      var r2 = ix.r2[k] !== undefined ? " R²=" + ix.r2[k].toFixed(2) : "";
      return { name: k, value: ix.index[k], x: POS[k][0] * 120, y: POS[k][1] * 70, symbolSize: 58,
        label: { show: true, formatter: label[k] + "\n" + ix.index[k].toFixed(1) + r2, fontSize: 11 } };
    });
    var links = Object.keys(ix.paths).map(function (p) {
      var ends = p.split("->"), v = ix.paths[p];
      return { source: ends[0], target: ends[1], value: v,
        label: { show: true, formatter: v.toFixed(2) }, lineStyle: { width: 1 + 6 * Math.abs(v), curveness: 0.1 } };
    });
    echarts.init(el).setOption({
      animation: false, tooltip: {},
      series: [{ type: "graph", layout: "none", roam: false, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 9,
        itemStyle: { color: "#e6f0f3", borderColor: "#155e75" }, data: nodes, links: links }]
    });
  }

  function ipma(el) {
    var ix = data(el, "data-index"), label = names(el);
    echarts.init(el).setOption({
      animation: false, tooltip: { formatter: function (p) { return p.data[2] + ": " + p.data[0].toFixed(2) + ", " + p.data[1].toFixed(1); } },
      grid: { left: 60, right: 30, bottom: 50 },
      xAxis: { type: "value", name: el.getAttribute("data-importance"), nameLocation: "middle", nameGap: 30, scale: true },
      yAxis: { type: "value", name: el.getAttribute("data-performance"), scale: true },
      series: [{ type: "scatter", symbolSize: 14, itemStyle: { color: "#155e75" },
        label: { show: true, position: "right", formatter: function (p) { return p.data[2]; } },
        data: ix.ipma.map(function (c) { return [c.importance, c.performance, label[c.construct] || c.construct]; }) }]
    });
  }

  // The results page of one survey: each question's monthly figure.
  function results(el) {
    var trends = data(el, "data-trends");
    if (!trends.length) { el.hidden = true; return; }
    var months = {};
    trends.forEach(function (t) { t.points.forEach(function (p) { months[p[0]] = true; }); });
    var axis = Object.keys(months).sort();
    echarts.init(el).setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 50, right: 20, bottom: 40 },
      xAxis: { type: "category", data: axis }, yAxis: { type: "value", scale: true },
      series: trends.map(function (t) {
        var byMonth = {};
        t.points.forEach(function (p) { byMonth[p[0]] = p[1]; });
        return { name: t.code + " (" + el.getAttribute("data-label-" + t.kind) + ")", type: "line", connectNulls: true,
          data: axis.map(function (m) { return byMonth[m] === undefined ? null : byMonth[m]; }) };
      })
    });
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    ["chart-nps", "chart-csat"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { trend(el, data(el, "data-trends")[el.getAttribute("data-series")], el.getAttribute("data-label"), el.getAttribute("data-band")); }
    });
    var p = document.getElementById("chart-paths");
    if (p) { paths(p); }
    var i = document.getElementById("chart-ipma");
    if (i) { ipma(i); }
    var r = document.getElementById("chart-trends");
    if (r) { results(r); }
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
