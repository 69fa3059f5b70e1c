// The statistics page's charts (stats.html): the figures come from the page itself, in a JSON block the
// server wrote (no inline script: the Content-Security-Policy allows scripts from the console only).
"use strict";

// A long category label (a scam type's English name) in lines of about `width` characters: Chart.js gives the
// label axis at most half the chart and cuts off whatever does not fit.
function wrapLabel(label, width) {
  var lines = [];
  var line = "";
  String(label).split(" ").forEach(function (word) {
    while (word.length > width) {
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? line + " " + word : word;
    }
  });
  if (line) {
    lines.push(line);
  }
  return lines;
}

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
    var horizontal = chart.id === "totals";
    if (horizontal) {
      // A bar per scam type, each label shown: the box grows with the number of types.
      canvas.parentNode.style.position = "relative";
      canvas.parentNode.style.height = chart.labels.length * 56 + 100 + "px";
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: horizontal ? chart.labels.map(function (label) { return wrapLabel(label, 30); }) : chart.labels,
        datasets: chart.series.map(function (series) {
          return { label: series.label, data: series.data, backgroundColor: series.colour };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: !horizontal,
        indexAxis: horizontal ? "y" : "x",
        interaction: { mode: "index", intersect: false },
        plugins: { title: { display: true, text: chart.title } },
        scales: {
          x: { stacked: true, ticks: { precision: 0 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0, autoSkip: !horizontal } },
        },
      },
    });
  });
});
