// The What-if page: the sliders show their value as they move (htmx asks for the results), and the chart of
// customers active and cumulative margin is drawn from the results' data attribute, again after every swap.
(function () {
  "use strict";
  var chart = null;
  function draw() {
    var el = document.getElementById("chart-whatif");
    if (typeof echarts === "undefined" || !el) { return; }
    var p = JSON.parse(el.getAttribute("data-path"));
    if (chart && chart.getDom() !== el) { chart.dispose(); chart = null; }
    chart = chart || echarts.init(el);
    var round = function (v) { return Math.round(v); };
    chart.setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 60, right: 70 },
      xAxis: { type: "category", data: p.months, name: el.getAttribute("data-month"), nameLocation: "middle", nameGap: 28 },
      yAxis: [{ type: "value", scale: true }, { type: "value" }],
      series: [
        { name: el.getAttribute("data-active-baseline"), type: "line", data: p.activeBaseline.map(round) },
        { name: el.getAttribute("data-active-scenario"), type: "line", data: p.activeScenario.map(round) },
        { name: el.getAttribute("data-margin-baseline"), type: "bar", yAxisIndex: 1, data: p.marginBaseline.map(round) },
        { name: el.getAttribute("data-margin-scenario"), type: "bar", yAxisIndex: 1, data: p.marginScenario.map(round) }
      ]
    }, true);
    el.setAttribute("data-drawn", el.getAttribute("data-path").length + ":" + p.activeScenario[p.activeScenario.length - 1]);
  }
  function outputs() {
    ["whatif-retention", "whatif-horizon"].forEach(function (id) {
      var input = document.getElementById(id);
      var out = document.getElementById(id + "-value");
      if (input && out) {
        input.addEventListener("input", function () { out.textContent = input.value; });
      }
    });
  }
  function start() {
    outputs();
    draw();
    document.body.addEventListener("htmx:afterSwap", draw);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
