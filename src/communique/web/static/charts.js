// The dyad page's timeline: events by quad class (stacked bars) and the cooperation-conflict index
// (line, right axis), shifts starred. Data come from the page itself (#timeline-data); plotly.js is
// served from the installed plotly package.
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("timeline-chart");
  const source = document.getElementById("timeline-data");
  if (!holder || !source || typeof Plotly === "undefined") return;
  const data = JSON.parse(source.textContent);
  if (!data.periods.length) { holder.remove(); return; }
  const names = {verbal_coop: "verbal coop.", material_coop: "material coop.", verbal_conflict: "verbal conflict", material_conflict: "material conflict"};
  const colours = {verbal_coop: "#8fb4e8", material_coop: "#1e64c8", verbal_conflict: "#f0a0a0", material_conflict: "#c82828"};
  const traces = Object.keys(names).map((key) => ({
    type: "bar", name: names[key], x: data.periods, y: data.quads[key], marker: {color: colours[key]},
  }));
  traces.push({type: "scatter", mode: "lines+markers", name: "index", x: data.periods, y: data.index, yaxis: "y2", line: {color: "#222"}});
  if (data.shifts.length) {
    traces.push({
      type: "scatter", mode: "markers", name: "shift", yaxis: "y2",
      x: data.shifts.map((s) => s.period), y: data.shifts.map((s) => s.index),
      text: data.shifts.map((s) => "shift towards " + s.towards), marker: {symbol: "star", size: 16, color: "#f5a700"},
    });
  }
  Plotly.newPlot(holder, traces, {
    barmode: "stack", margin: {t: 20, r: 50, b: 40, l: 40}, legend: {orientation: "h"},
    xaxis: {type: "category"}, yaxis: {title: {text: "events"}},
    yaxis2: {title: {text: "index"}, overlaying: "y", side: "right", range: [-1.05, 1.05]},
  }, {displaylogo: false, responsive: true});
});
