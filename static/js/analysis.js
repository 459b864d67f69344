// Wijkanalyse: the choropleth (Leaflet, no tile server: only the imported buurt outlines) and the trend chart
// (Chart.js). Data comes from <script type="application/json"> elements (json_script); every map and chart has a
// table with the same numbers on the page, so nothing here is the only way to read a figure.
(function () {
  "use strict";

  function readData(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function drawMap(container) {
    var data = readData(container.dataset.source);
    if (typeof window.L === "undefined" || !data || !data.features.length) { return; }
    var map = window.L.map(container, { zoomControl: false, attributionControl: false, zoomSnap: 0.25 });
    window.L.control.zoom({ zoomInTitle: container.dataset.zoomIn, zoomOutTitle: container.dataset.zoomOut })
      .addTo(map);
    var layer = window.L.geoJSON(data, {
      style: function (feature) {
        var unknown = feature.properties.swatch === "unknown";  // grey and dashed: never a step of the scale
        return { color: "#333333", weight: unknown ? 2 : 1, dashArray: unknown ? "4 4" : null,
                 fillColor: feature.properties.colour, fillOpacity: 0.85 };
      },
      onEachFeature: function (feature, shape) {
        var p = feature.properties;
        var label = document.createElement("span");  // text, never HTML: names come from imported files
        label.textContent = p.name + ": " + p.value;
        shape.bindTooltip(label, { sticky: true });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    container.dataset.ready = "true";
  }

  function drawTrend(canvas) {
    var data = readData(canvas.dataset.source);
    if (typeof window.Chart === "undefined" || !data) { return; }
    var colours = ["#154273", "#a3000b", "#39870c", "#a34d00", "#6b2c91", "#555555"];
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, i) {
          return { label: series.label, data: series.values, borderColor: colours[i % colours.length],
                   backgroundColor: colours[i % colours.length], tension: 0, spanGaps: false };
        })
      },
      options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
    canvas.dataset.ready = "true";
  }

  var map = document.getElementById("wijkkaart");
  if (map) { drawMap(map); }
  var trend = document.getElementById("trend-grafiek");
  if (trend) { drawTrend(trend); }
})();
