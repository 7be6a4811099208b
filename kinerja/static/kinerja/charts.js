// Draws the dashboard's charts with the vendored Chart.js from the JSON beside each canvas
// (no inline scripts: the CSP forbids them). A click on a bar, a point or a slice opens the
// list behind it; every chart also has a table under it for screen readers and small screens.
(function () {
  "use strict";
  var REDUCED_MOTION = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var COLOURS = ["#0f5c8c", "#2e8b57", "#d98c1f", "#b03a48", "#6b5b95", "#4a90a4", "#8c6d3f"];

  function format(value, suffix) {
    if (value === null || value === undefined) { return "–"; }
    return value.toLocaleString("id-ID", { maximumFractionDigits: 1 }) + (suffix || "");
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var doughnut = spec.kind === "doughnut";
    var datasets = spec.series.map(function (series, index) {
      var colour = COLOURS[index % COLOURS.length];
      return {
        label: series.label,
        data: series.data,
        backgroundColor: doughnut ? COLOURS : colour,
        borderColor: doughnut ? "#fff" : colour,
        borderWidth: doughnut ? 2 : 2,
        spanGaps: true,
        tension: 0.25
      };
    });
    var options = {
      animation: REDUCED_MOTION ? false : {},
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? "y" : "x",
      plugins: {
        legend: { display: doughnut || spec.series.length > 1, position: "bottom" },
        tooltip: {
          callbacks: {
            label: function (item) {
              return item.dataset.label + ": " + format(item.raw, spec.suffix);
            }
          }
        }
      },
      onClick: function (_event, elements) {
        if (!elements.length) { return; }
        var link = spec.links[elements[0].index];
        if (link) { window.location.href = link; }
      },
      onHover: function (event, elements) {
        var link = elements.length && spec.links[elements[0].index];
        event.native.target.style.cursor = link ? "pointer" : "default";
      }
    };
    if (!doughnut) {
      var valueAxis = spec.horizontal ? "x" : "y";
      options.scales = {};
      options.scales[valueAxis] = {
        beginAtZero: true,
        ticks: { callback: function (value) { return format(value, spec.suffix); } }
      };
      if (spec.suffix === "%") { options.scales[valueAxis].max = 100; }
    }
    new window.Chart(canvas, { type: doughnut ? "doughnut" : spec.kind, data: { labels: spec.labels, datasets: datasets }, options: options });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
