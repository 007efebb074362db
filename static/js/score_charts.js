// Score dashboard charts: radar of the pillars (self against peers) and the score's trend.
(function () {
  "use strict";
  var data = document.getElementById("score-chart-data");
  if (!data || typeof Chart === "undefined") { return; }
  var chart = JSON.parse(data.textContent);
  var labels = document.getElementById("chart-labels").dataset;
  var radar = document.getElementById("radar-chart");
  if (radar) {
    new Chart(radar, {
      type: "radar",
      data: {
        labels: chart.labels,
        datasets: [
          { label: labels.self, data: chart.self, borderColor: "#e8a33d", backgroundColor: "rgba(232,163,61,.2)" },
          { label: labels.peers, data: chart.peers, borderColor: "#1f4e79", backgroundColor: "rgba(31,78,121,.2)" }
        ]
      },
      options: { scales: { r: { min: 0, max: 100, ticks: { stepSize: 25 } } }, animation: false }
    });
  }
  var trend = document.getElementById("trend-chart");
  if (trend) {
    new Chart(trend, {
      type: "line",
      data: { labels: chart.trend_labels, datasets: [{ label: labels.score, data: chart.trend, borderColor: "#1f4e79", tension: 0.2 }] },
      options: { scales: { y: { min: 0, max: 100 } }, animation: false }
    });
  }
})();
