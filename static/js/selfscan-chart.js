// Kwaliteitskader self-scan: average score per theme, one bar per year. The data comes from a
// <script type="application/json"> element (Django's json_script); the table next to the chart has the same numbers.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  var COLOURS = ["#154273", "#01689b", "#8fcae7", "#e17000", "#39870c", "#a90061"];
  document.querySelectorAll("canvas[data-chart='selfscan']").forEach(function (canvas) {
    var element = document.getElementById(canvas.dataset.source);
    if (!element) { return; }
    var data = JSON.parse(element.textContent);
    var datasets = data.years.map(function (year, index) {
      return {
        label: String(year),
        data: data.themes.map(function (theme) { return theme.averages[index]; }),
        backgroundColor: COLOURS[index % COLOURS.length]
      };
    });
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.themes.map(function (theme) { return theme.title; }), datasets: datasets },
      options: { animation: false, scales: { y: { min: 0, max: 4, ticks: { stepSize: 1 } } } }
    });
  });
})();
