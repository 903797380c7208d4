// The overview's map and network, drawn from /overview.json (the page's filters, cached on the server) over the
// country outlines of /map/shapes.json (cached by the browser): the page itself stays small and quick (#21).
const SVG = "http://www.w3.org/2000/svg";

function element(name, attributes, parent) {
  const made = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
  if (parent) parent.appendChild(made);
  return made;
}

function titled(node, text) {
  element("title", {}, node).textContent = text;
}

function filters() {
  const kept = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    if (["since", "until", "region", "context"].includes(key) && value) kept.set(key, value);
  }
  return kept.toString();
}

function arrow(parent, edge, href, planned) {
  const link = element("a", {href: href, class: planned ? "edge planned" : "edge", "data-dyad": `${edge.source}-${edge.target}`}, parent);
  const path = element("path", {d: edge.path, stroke: edge.colour, "stroke-width": edge.width, fill: "none"}, link);
  if (planned) path.setAttribute("stroke-dasharray", "12 8");
  else path.setAttribute("marker-end", "url(#arrow)");
  titled(path, planned ? `${edge.source} → ${edge.target}: ${edge.events} ${edge.modality}, not (yet) done`
                       : `${edge.source} → ${edge.target}: ${edge.events} events, index ${edge.index}`);
}

function pairLink(edge) {
  const query = filters();
  return `/dyads/${edge.source}/${edge.target}` + (query ? `?${query}` : "");
}

function plannedLink(edge) {
  const query = new URLSearchParams(filters());
  const region = query.get("region");
  query.delete("region");
  if (region) query.set("member_of", region);
  query.set("source", edge.source);
  query.set("target", edge.target);
  query.set("modality", edge.modality);
  return `/events?${query}`;
}

function drawMap(svg, shapes, drawing) {
  const active = new Map(drawing.countries.map((c) => [c.code, c]));
  const countries = svg.querySelector("g.countries");
  for (const [code, country] of Object.entries(shapes.countries)) {
    const link = element("a", {href: `/countries/${code}`}, countries);
    const found = active.get(code);
    const group = element("g", {class: found ? "country active" : "country", "data-code": code}, link);
    if (found) group.setAttribute("style", `fill: ${found.colour}`);
    titled(group, found ? `${country.name}: ${found.events} events` : country.name);
    for (const d of country.paths) element("path", {d: d}, group);
  }
  const edges = svg.querySelector("g.edges");
  for (const edge of drawing.edges) arrow(edges, edge, pairLink(edge), false);
  for (const edge of drawing.planned) arrow(edges, edge, plannedLink(edge), true);
}

function drawNetwork(svg, network) {
  for (const edge of network.edges) arrow(svg, edge, pairLink(edge), false);
  for (const node of network.nodes) {
    const group = element("g", {class: "node"}, element("a", {href: `/countries/${node.code}`}, svg));
    element("circle", {cx: node.x, cy: node.y, r: 4 + Math.sqrt(node.events) * 2}, group);
    element("text", {x: node.x, y: node.y - 10}, group).textContent = node.code;
    titled(group, `${node.code}: ${node.events} events`);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const map = document.getElementById("map");
  if (!map) return;
  const [shapes, drawing] = await Promise.all([
    fetch("/map/shapes.json").then((answer) => answer.json()),
    fetch(map.dataset.drawing, {credentials: "same-origin"}).then((answer) => answer.json()),
  ]);
  drawMap(map, shapes, drawing);
  drawNetwork(document.getElementById("network"), drawing.network);
  map.classList.add("drawn");
});
