// Assessment charts (Balansmodel, ZRM trend). Data comes from <script type="application/json">
// elements rendered with Django's json_script; every chart has a table next to it with the same numbers.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }

  function readData(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function balanceChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.risk_label, data: data.risk, backgroundColor: "#b3261e" },
          { label: data.protective_label, data: data.protective, backgroundColor: "#1d6b35" }
        ]
      },
      options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function lineChart(canvas, labels, label, values, min, max) {
    return new window.Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: [{ label: label, data: values, borderColor: "#154273", tension: 0 }] },
      options: { animation: false, plugins: { legend: { display: false } },
                 scales: { y: { min: min, max: max, ticks: { stepSize: 1 } } } }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var data = readData(canvas.dataset.source);
    if (!data) { return; }
    if (canvas.dataset.chart === "balance") {
      balanceChart(canvas, data);
    } else if (canvas.dataset.chart === "zrm") {
      var series = data.series[Number(canvas.dataset.index)];
      lineChart(canvas, data.labels, series.label, series.scores, 1, 5);
    }
  });
})();
