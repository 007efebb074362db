// Score dashboard charts: radar of the pillars (self against peers) and the score's trend.
(function () {
  "use strict";
  var data = document.getElementById("score-chart-data");
  if (!data || typeof Chart === "undefined") { return; }
  var chart = JSON.parse(data.textContent);
  var labels = document.getElementById("chart-labels").dataset;
  // The series colours come with the data (audits/scores/charts.py SERIES_COLOURS), the same
  // as the report's and the PDF's radar: never a second list of colours here.
  var colours = chart.colours;
  function fill(hex) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + ",.2)";
  }
  var radar = document.getElementById("radar-chart");
  if (radar) {
    new Chart(radar, {
      type: "radar",
      data: {
        labels: chart.labels,
        datasets: [
          { label: labels.self, data: chart.self, borderColor: colours.self, backgroundColor: fill(colours.self) },
          { label: labels.peers, data: chart.peers, borderColor: colours.peers, backgroundColor: fill(colours.peers) }
        ]
      },
      options: { scales: { r: { min: 0, max: 100, ticks: { stepSize: 25 } } }, animation: false }
    });
  }
  var trend = document.getElementById("trend-chart");
  if (trend) {
    new Chart(trend, {
      type: "line",
      data: { labels: chart.trend_labels, datasets: [{ label: labels.score, data: chart.trend, borderColor: colours.peers, tension: 0.2 }] },
      options: { scales: { y: { min: 0, max: 100 } }, animation: false }
    });
  }
})();
