// The statistics page's charts (stats.html): the figures come from the page itself, in a JSON block the
// server wrote (no inline script: the Content-Security-Policy allows scripts from the console only).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("stats-data");
  if (!data || typeof Chart === "undefined") {
    return;
  }
  JSON.parse(data.textContent).forEach(function (chart) {
    var canvas = document.getElementById("chart-" + chart.id);
    if (!canvas) {
      return;
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series) {
          return { label: series.label, data: series.data, backgroundColor: series.colour };
        }),
      },
      options: {
        animation: false,
        indexAxis: chart.id === "totals" ? "y" : "x",
        interaction: { mode: "index", intersect: false },
        plugins: { title: { display: true, text: chart.title } },
        scales: {
          x: { stacked: true, ticks: { precision: 0 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
  });
});
