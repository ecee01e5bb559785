// eventfold map page: markers, timeline brush, filters, list and evidence panel. No framework.
"use strict";

const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
const COLORS = {"Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#8c2d8c",
  "Protests": "#1f77b4", "Riots": "#17becf", "Strategic developments": "#7f7f7f"};
const DAY = 86400000;
const state = {features: [], range: null, markers: new Map(), active: null};
const $ = (id) => document.getElementById(id);

const map = L.map("map", {worldCopyJump: true, maxZoom: 14, minZoom: 2}).setView([20, 20], 2);
const cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40});
map.addLayer(cluster);

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}

async function json(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

async function baseLayers() {
  const config = await json("/api/config");
  if (config.tile_url) {
    L.tileLayer(config.tile_url, {maxZoom: 18, attribution: "map tiles: operator's server"}).addTo(map);
    return;
  }
  try {  // offline: country outlines from the packaged world atlas
    const topo = await json("/static/vendor/countries.json");
    L.geoJSON(topojson.feature(topo, topo.objects.countries), {style: {className: "country"}, interactive: false})
      .addTo(map);
  } catch (e) { console.warn("no country outlines", e); }
}

function query() {
  const p = new URLSearchParams({format: "geojson", limit: "1000"});
  if ($("type").value) p.set("type", $("type").value);
  if ($("country").value) p.set("country", $("country").value);
  if ($("actor").value.trim()) p.set("actor", $("actor").value.trim());
  return p;
}

async function load() {
  $("status").textContent = "loading…";
  const features = [];
  let cursor = null;
  do {
    const p = query();
    if (cursor) p.set("cursor", cursor);
    const page = await json(`/api/events?${p}`);
    features.push(...page.features);
    cursor = page.next_cursor;
  } while (cursor && features.length < 20000);
  state.features = features;
  drawTimeline();
  render();
}

function day(f) { return Date.parse(f.properties.event_date); }
function inRange(f) { return !state.range || (day(f) >= state.range[0] && day(f) <= state.range[1]); }

function render() {
  cluster.clearLayers();
  state.markers.clear();
  const shown = state.features.filter(inRange);
  for (const f of shown) {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    const m = L.circleMarker([lat, lon], {radius: 5 + 2.5 * Math.sqrt(p.fatalities || 0), color: "#222", weight: 1,
      fillColor: COLORS[p.event_type] || "#444", fillOpacity: .85, className: "event-marker"});
    m.bindTooltip(`${esc(p.event_date)} · ${esc(p.sub_event_type)} · ${esc(p.location.name)}`);
    m.on("click", () => openPanel(f.id));
    m.eventId = f.id;
    state.markers.set(f.id, m);
    cluster.addLayer(m);
  }
  $("status").textContent = `${shown.length} of ${state.features.length} events`;
  renderList();
}

function renderList() {
  const bounds = map.getBounds();
  const rows = state.features.filter(inRange).filter((f) => {
    const [lon, lat] = f.geometry.coordinates;
    return bounds.contains([lat, lon]);
  }).slice(0, 500);
  $("list").innerHTML = rows.map((f) => {
    const p = f.properties;
    return `<li data-id="${esc(f.id)}" class="${f.id === state.active ? "active" : ""}">
      <b style="color:${COLORS[p.event_type]}">●</b> ${esc(p.sub_event_type)} — ${esc(p.location.name)}
      <small>${esc(p.event_date)} · ${esc(p.actor1.name)}${p.actor2 ? " vs " + esc(p.actor2.name) : ""}
      · ${p.fatalities ?? "?"} killed</small></li>`;
  }).join("");
}

$("list").addEventListener("click", (e) => {
  const li = e.target.closest("li");
  if (!li) return;
  const m = state.markers.get(li.dataset.id);
  if (m) cluster.zoomToShowLayer(m, () => {});
  openPanel(li.dataset.id);
});
map.on("moveend", renderList);

// The timeline: one bar a day; drag to choose a range, double-click to clear it.
function drawTimeline() {
  const svg = $("timeline");
  const w = svg.clientWidth || 800, h = svg.clientHeight || 90;
  svg.innerHTML = "";
  if (!state.features.length) return;
  const days = state.features.map(day);
  const lo = Math.min(...days), hi = Math.max(...days) + DAY;
  const counts = new Map();
  for (const d of days) counts.set(d, (counts.get(d) || 0) + 1);
  const max = Math.max(...counts.values());
  const x = (t) => 30 + (w - 40) * (t - lo) / (hi - lo);
  state.scale = {lo, hi, x, inv: (px) => lo + (px - 30) / (w - 40) * (hi - lo)};
  const ns = "http://www.w3.org/2000/svg";
  for (const [d, n] of counts) {
    const r = document.createElementNS(ns, "rect");
    const bw = Math.max(2, x(d + DAY) - x(d) - 1);
    r.setAttribute("class", "bar");
    r.setAttribute("x", x(d)); r.setAttribute("width", bw);
    r.setAttribute("y", h - 15 - (h - 25) * n / max); r.setAttribute("height", (h - 25) * n / max);
    svg.appendChild(r);
  }
  for (const [t, anchor] of [[lo, "start"], [hi - DAY, "end"]]) {
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", x(t)); label.setAttribute("y", h - 3); label.setAttribute("text-anchor", anchor);
    label.textContent = new Date(t).toISOString().slice(0, 10);
    svg.appendChild(label);
  }
  const brush = document.createElementNS(ns, "rect");
  brush.setAttribute("class", "brush"); brush.setAttribute("y", 0); brush.setAttribute("height", h - 15);
  brush.setAttribute("width", 0);
  svg.appendChild(brush);
  state.brush = brush;
  if (state.range) showBrush();
}

function showBrush() {
  const {x} = state.scale;
  state.brush.setAttribute("x", x(state.range[0]));
  state.brush.setAttribute("width", Math.max(1, x(state.range[1] + DAY) - x(state.range[0])));
}

(function brushing() {
  const svg = $("timeline");
  let start = null;
  const px = (e) => e.clientX - svg.getBoundingClientRect().left;
  const dayOf = (p) => Math.floor(state.scale.inv(p) / DAY) * DAY;
  svg.addEventListener("mousedown", (e) => { if (state.scale) start = px(e); });
  window.addEventListener("mousemove", (e) => {
    if (start === null) return;
    const a = dayOf(Math.min(start, px(e))), b = dayOf(Math.max(start, px(e)));
    state.range = [a, b];
    showBrush();
  });
  window.addEventListener("mouseup", () => {
    if (start === null) return;
    start = null;
    render();
  });
  svg.addEventListener("dblclick", () => { state.range = null; drawTimeline(); render(); });
})();

function highlight(m, ev) {
  const text = m.text;
  const spans = [];
  const add = (a, b, cls) => { if (a >= 0 && b > a) spans.push([a, b, cls]); };
  if (m.trigger_start != null) add(m.trigger_start - m.start, m.trigger_end - m.start, "trigger");
  const find = (needle, cls) => {
    if (!needle) return;
    const i = text.toLowerCase().indexOf(String(needle).toLowerCase());
    if (i >= 0) add(i, i + String(needle).length, cls);
  };
  find(ev.actor1 && ev.actor1.text, "actor");
  find(ev.actor2 && ev.actor2.text, "actor");
  find(ev.location.name, "place");
  if (ev.fatalities != null) {
    const re = new RegExp(`\\b${ev.fatalities}\\b`);
    const hit = re.exec(text);
    if (hit) add(hit.index, hit.index + hit[0].length, "count");
  }
  const dateWords = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|\d{1,2} (?:[a-zéû]+) \d{4})\b/i.exec(text);
  if (dateWords) add(dateWords.index, dateWords.index + dateWords[0].length, "date");
  spans.sort((a, b) => a[0] - b[0]);
  let out = "", pos = 0;
  for (const [a, b, cls] of spans) {
    if (a < pos) continue;  // overlapping marks: the first wins
    out += esc(text.slice(pos, a)) + `<mark class="${cls}">${esc(text.slice(a, b))}</mark>`;
    pos = b;
  }
  return out + esc(text.slice(pos));
}

async function openPanel(id) {
  state.active = id;
  renderList();
  const ev = await json(`/api/events/${encodeURIComponent(id)}`);
  const loc = ev.location;
  const rows = [["Date", `${ev.event_date} (${ev.date_precision})`], ["Type", `${ev.event_type} — ${ev.sub_event_type}`],
    ["Actor 1", ev.actor1.name], ["Actor 2", ev.actor2 ? ev.actor2.name : "—"],
    ["Place", `${loc.name}, ${loc.admin1 ? loc.admin1 + ", " : ""}${loc.country} (precision ${loc.geo_precision})`],
    ["Fatalities", ev.fatalities ?? "unknown"], ["Weapons", (ev.weapons || []).join(", ") || "—"],
    ["Confidence", ev.confidence]];
  $("detail").innerHTML = `<h2>${esc(ev.sub_event_type)} in ${esc(loc.name)}</h2>
    <dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>
    <h3>Evidence</h3>${ev.mentions.map((m) => `<blockquote class="evidence" data-doc="${esc(m.doc_id)}">
      ${highlight(m, ev)}<br><small>${esc(m.doc_id)}</small></blockquote>`).join("")}
    <h3>Sources</h3><ul class="sources">${ev.source_chain.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>
    ${ev.history.length ? `<h3>Changes</h3><ul>${ev.history.map((h) =>
      `<li>${esc(h.field)}: ${esc(h.old)} → ${esc(h.new)} (${esc(h.doc_id)})</li>`).join("")}</ul>` : ""}
    <p><small>${esc(ev.notes)}</small></p>`;
  $("panel").hidden = false;
}
$("close").addEventListener("click", () => { $("panel").hidden = true; state.active = null; renderList(); });

async function filters() {
  $("type").innerHTML += TYPES.map((t) => `<option>${esc(t)}</option>`).join("");
  const stats = await json("/api/stats");
  $("country").innerHTML += stats.by_country.map((c) => `<option value="${esc(c.key)}">${esc(c.key)} (${c.events})</option>`).join("");
  $("legend").innerHTML = TYPES.map((t) => `<span><i style="background:${COLORS[t]}"></i>${esc(t)}</span>`).join("");
  let timer = null;
  for (const id of ["type", "country"]) $(id).addEventListener("change", () => { state.range = null; load(); });
  $("actor").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { state.range = null; load(); }, 300); });
  $("reset").addEventListener("click", () => {
    $("type").value = ""; $("country").value = ""; $("actor").value = ""; state.range = null; load();
  });
}

(async () => {
  await Promise.all([baseLayers(), filters()]);
  await load();
  if (state.features.length) {
    const b = L.latLngBounds(state.features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
    map.fitBounds(b.pad(0.3), {maxZoom: 6});
  }
  document.body.dataset.ready = "true";
})().catch((e) => { $("status").textContent = `error: ${e.message}`; });
