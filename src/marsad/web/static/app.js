// Marsad dashboard: map + timeline + search + article view + analyze box, no framework.
// Every string from the API is untrusted: it only ever reaches the page through
// textContent / createTextNode / attribute setters, never innerHTML.
"use strict";

const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
const COLORS = { "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd", "Protests": "#2ca02c", "Riots": "#8c564b",
  "Strategic developments": "#1f77b4" };
const OTHER_COLOR = "#7f7f7f";
const MAX_INCIDENTS = 3000;      // markers on the map; the newest first
// The store marks search hits in snippets with these (marsad.corpus.search SNIPPET_OPEN/CLOSE).
const HIT_OPEN = "\u27e6", HIT_CLOSE = "\u27e7";

const I18N = {
  ar: { brand: "مرصد", token: "رمز الكتابة", other_lang: "English", search_placeholder: "ابحث في المقالات…",
    since: "من", until: "إلى", country: "البلد", event_type: "نوع الحدث", any: "الكل", actor: "الفاعل",
    search: "بحث", reset: "مسح", map_title: "خريطة الحوادث", timeline_title: "الأحداث يومياً حسب النوع",
    clear_brush: "إلغاء التحديد", latest: "أحدث المقالات", results: "نتائج البحث", more: "المزيد",
    analyze_title: "حلّل مقالاً جديداً", paste_placeholder: "الصق نص المقال هنا (العنوان، ثم سطر التاريخ، ثم النص)…",
    or_upload: "أو ارفع ملفاً", store_it: "احفظه في القاعدة", analyze: "حلّل", close: "إغلاق",
    lg_per: "شخص", lg_org: "منظمة", lg_loc: "موقع", lg_misc: "أخرى", lg_place: "مكان مُحدَّد",
    lg_event: "دليل حدث", lg_quote: "اقتباس", events: "الأحداث", places: "الأماكن", entities: "الكيانات",
    quotes: "الاقتباسات", keyphrases: "عبارات مفتاحية", none: "لا شيء", no_results: "لا نتائج",
    articles: "مقالات", events_n: "أحداث", incidents: "حوادث", date: "التاريخ", type: "النوع",
    subtype: "النوع الفرعي", location: "المكان", actor1: "الفاعل الأول", actor2: "الفاعل الثاني",
    killed: "القتلى", injured: "الجرحى", reported_by: "المصدر", reports: "التقارير", outlets: "الوسائل",
    evidence: "الدليل", speaker: "المتحدث", analyzing: "جارٍ التحليل…", analyzed: "تم التحليل",
    stored: "وحُفظ في القاعدة", empty_input: "الصق نصاً أو اختر ملفاً", error: "خطأ", published: "نُشر",
    source: "المصدر", selected: "المحدد", loading: "جارٍ التحميل…", outside_range: "حدثاً خارج المدى المعروض", download: "تنزيل الأحداث:", incidents_jsonl: "الحوادث JSONL",
    "Battles": "معارك", "Explosions/Remote violence": "تفجيرات/عنف عن بُعد",
    "Violence against civilians": "عنف ضد المدنيين", "Protests": "احتجاجات", "Riots": "أعمال شغب",
    "Strategic developments": "تطورات استراتيجية", PER: "شخص", ORG: "منظمة", LOC: "موقع", MISC: "أخرى" },
  en: { brand: "Marsad", token: "write token", other_lang: "عربي", search_placeholder: "Search articles…",
    since: "From", until: "To", country: "Country", event_type: "Event type", any: "Any", actor: "Actor",
    search: "Search", reset: "Clear", map_title: "Incident map", timeline_title: "Events per day by type",
    clear_brush: "clear selection", latest: "Latest articles", results: "Search results", more: "More",
    analyze_title: "Analyze a new article", paste_placeholder: "Paste the article here (title, dateline, body)…",
    or_upload: "or upload a file", store_it: "add it to the store", analyze: "Analyze", close: "Close",
    lg_per: "person", lg_org: "organization", lg_loc: "location", lg_misc: "other", lg_place: "geocoded place",
    lg_event: "event evidence", lg_quote: "quote", events: "Events", places: "Places", entities: "Entities",
    quotes: "Quotes", keyphrases: "Keyphrases", none: "none", no_results: "No results",
    articles: "articles", events_n: "events", incidents: "incidents", date: "Date", type: "Type",
    subtype: "Sub-type", location: "Location", actor1: "Actor 1", actor2: "Actor 2", killed: "Killed",
    injured: "Injured", reported_by: "Reported by", reports: "Reports", outlets: "Outlets", evidence: "Evidence",
    speaker: "Speaker", analyzing: "Analyzing…", analyzed: "Analyzed", stored: "and stored",
    empty_input: "Paste text or choose a file", error: "Error", published: "Published", source: "Source",
    selected: "selected", loading: "Loading…", outside_range: "events outside the range shown", download: "Download events:", incidents_jsonl: "incidents JSONL", PER: "person", ORG: "organization", LOC: "location", MISC: "other" },
};

const state = { lang: localStorage.getItem("marsad.lang") || "ar", incidents: [], timeline: [], brush: null,
  offset: 0, mode: "latest", map: null, cluster: null, tooltipFor: null };

const $ = (id) => document.getElementById(id);
const t = (key) => (I18N[state.lang][key] ?? key);     // English falls back to the (English) key

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

// ---------- language ----------
function applyLanguage() {
  const root = document.documentElement;
  root.lang = state.lang;
  root.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.title = t("brand");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const opt of $("event_type").options) if (opt.value) opt.textContent = t(opt.value);
  $("results-title").textContent = t(state.mode === "search" ? "results" : "latest");
  renderLegend();
  renderTimeline();
  if (state.article && !$("article").hidden) renderArticle(state.article, false);
  renderStats();
}

// ---------- api ----------
function filterParams() {
  const p = new URLSearchParams();
  for (const id of ["since", "until", "country", "event_type", "actor"]) {
    const v = $(id).value.trim();
    if (v) p.set(id, id === "country" ? v.toUpperCase() : v);
  }
  return p;
}

async function api(path, params, init) {
  const url = params ? `${path}?${params}` : path;
  const res = await fetch(url, init);
  let body = null;
  try { body = await res.json(); } catch (_) { body = null; }
  if (!res.ok) {
    const detail = body && (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
    throw new Error(`${res.status} ${detail || res.statusText}`);
  }
  return body;
}

// ---------- map ----------
function initMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, attributionControl: true, preferCanvas: true })
    .setView([31, 40], 4);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  state.map = map;
  state.cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(state.cluster);
  // basemap: Natural Earth country outlines (vendored GeoJSON; no tile server is reachable offline):
  // the light 1:110m outlines first, the detailed 1:50m ones once the page is ready
  state.basemap = addBasemap("/static/vendor/countries-110m.geojson");
}

function addBasemap(url) {
  return fetch(url).then((r) => r.json()).then((geo) => {
    const layer = L.geoJSON(geo, { interactive: false,
      style: { color: "#8a99a8", weight: .7, fillColor: "#fbfaf5", fillOpacity: 1 } }).addTo(state.map);
    layer.bringToBack();
    if (state.basemapLayer) state.map.removeLayer(state.basemapLayer);
    state.basemapLayer = layer;
  }).catch(() => {});
}

function incidentDate(inc) { return (inc.date || "").slice(0, 10); }

function markerFor(inc) {
  const loc = inc.location;
  const best = (inc.fatalities && inc.fatalities.best) || 0;
  const size = Math.round(12 + Math.min(28, 4 * Math.sqrt(best)));
  const dot = el("div", { class: "incident-marker", "data-type": inc.event_type || "" });
  dot.style.width = dot.style.height = `${size}px`;
  dot.style.background = COLORS[inc.event_type] || OTHER_COLOR;
  const icon = L.divIcon({ html: dot, className: "incident-icon", iconSize: [size, size] });
  const marker = L.marker([loc.lat, loc.lon], { icon, title: loc.name || "" });
  marker.bindPopup(() => popupFor(inc), { maxWidth: 320 });
  return marker;
}

function actorName(a) { return a ? (a.canonical || a.name || "") : ""; }
function figure(f) {
  if (!f || f.best === null || f.best === undefined) return "—";
  return f.low !== null && f.high !== null && f.low !== undefined && f.high !== undefined && f.low !== f.high
    ? `${f.best} (${f.low}–${f.high})` : String(f.best);
}

function fieldList(pairs) {
  const dl = el("dl");
  for (const [k, v] of pairs) if (v) dl.append(el("dt", { text: t(k) }), el("dd", { text: v }));
  return dl;
}

function popupFor(inc) {
  const box = el("div", { class: "popup", dir: state.lang === "ar" ? "rtl" : "ltr" });
  box.append(el("h4", { text: `${t(inc.event_type || "")} · ${inc.sub_event_type || ""}` }));
  box.append(fieldList([["date", incidentDate(inc)], ["location", inc.location && inc.location.name],
    ["actor1", actorName(inc.actor1)], ["actor2", actorName(inc.actor2)],
    ["killed", figure(inc.fatalities)], ["injured", figure(inc.injuries)],
    ["outlets", (inc.outlets || []).join("، ")]]));
  const ids = inc.report_ids || (inc.article_id ? [inc.article_id] : []);
  if (ids.length) {
    box.append(el("strong", { text: `${t("reports")} (${inc.report_count || ids.length})` }));
    const ul = el("ul", { class: "reports" });
    ids.slice(0, 10).forEach((id, i) => ul.append(el("li", {}, articleLink(id, "report-link", `${t("reports")} ${i + 1}`))));
    box.append(ul);
  }
  return box;
}

function renderMap() {
  if (!state.cluster) return;
  state.cluster.clearLayers();
  const [b0, b1] = state.brush || [null, null];
  const markers = [];
  for (const inc of state.incidents) {
    const loc = inc.location;
    if (!loc || typeof loc.lat !== "number" || typeof loc.lon !== "number") continue;
    const d = incidentDate(inc);
    if (b0 && (!d || d < b0 || d > b1)) continue;
    markers.push(markerFor(inc));
  }
  state.cluster.addLayers(markers);
}

function renderLegend() {
  const box = $("legend");
  box.replaceChildren(...TYPES.map((ty) => {
    const sw = el("i"); sw.style.background = COLORS[ty];
    return el("span", {}, sw, t(ty));
  }));
}

// ---------- timeline (per day, stacked by type; drag to brush) ----------
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function dayRange(first, last) {
  const days = [];
  const d = new Date(`${first}T00:00:00Z`), end = new Date(`${last}T00:00:00Z`);
  while (d <= end && days.length < 3660) { days.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 1); }
  return days;
}

function mainSpan(byDay) {
  // The days holding all but the oldest 5% and newest 1% of events: misdated events (a year read wrong)
  // must not stretch the axis over decades and flatten every bar.
  const sorted = [...byDay.keys()].sort();
  const totals = sorted.map((d) => Object.values(byDay.get(d)).reduce((a, b) => a + b, 0));
  const all = totals.reduce((a, b) => a + b, 0);
  let lo = 0, hi = sorted.length - 1, acc = 0;
  while (lo < hi && (acc + totals[lo]) / all <= 0.05) acc += totals[lo++];     // old dates: 5%
  let accHi = 0;
  while (hi > lo && (accHi + totals[hi]) / all <= 0.01) accHi += totals[hi--];
  return [sorted[lo], sorted[hi], acc + accHi];
}

function renderTimeline() {
  const box = $("timeline");
  const rows = state.timeline.filter((r) => r.date);
  box.replaceChildren();
  if (!rows.length) { $("timeline-note").textContent = ""; box.append(el("p", { class: "muted", text: t("no_results") })); return; }
  const byDay = new Map();
  for (const r of rows) {
    const m = byDay.get(r.date) || {};
    m[r.event_type] = (m[r.event_type] || 0) + r.count;
    byDay.set(r.date, m);
  }
  const [first, last, hidden] = mainSpan(byDay);
  const days = dayRange(first, last);
  $("timeline-note").textContent = hidden ? `${hidden} ${t("outside_range")}` : "";
  const W = 800, H = 150, pad = 18;
  const dayTotal = (d) => Object.values(byDay.get(d) || {}).reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...days.map(dayTotal));
  const bw = (W - 2 * pad) / days.length;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img" });
  days.forEach((day, i) => {
    let y = H - pad;
    if (!byDay.has(day)) return;
    const m = byDay.get(day);
    for (const ty of [...TYPES, ...Object.keys(m).filter((k) => !TYPES.includes(k))]) {
      const n = m[ty]; if (!n) continue;
      const h = (H - 2 * pad) * n / max;
      y -= h;
      const rect = svg("rect", { x: pad + i * bw, y, width: Math.max(1, bw - 1), height: h,
        fill: COLORS[ty] || OTHER_COLOR, "data-day": day });
      const title = svg("title"); title.textContent = `${day} · ${t(ty)}: ${n}`;
      rect.append(title);
      root.append(rect);
    }
  });
  for (const [i, day] of [[0, days[0]], [days.length - 1, days[days.length - 1]]]) {
    const label = svg("text", { x: pad + i * bw + (i ? bw : 0), y: H - 4, class: "axis",
      "text-anchor": i ? "end" : "start" });
    label.textContent = day;
    root.append(label);
  }
  const brush = svg("rect", { class: "brush", y: pad / 2, height: H - pad * 1.5, x: 0, width: 0 });
  root.append(brush);
  if (state.brush) {
    const i0 = days.indexOf(state.brush[0]), i1 = days.indexOf(state.brush[1]);
    if (i0 >= 0 && i1 >= 0) { brush.setAttribute("x", pad + i0 * bw); brush.setAttribute("width", (i1 - i0 + 1) * bw); }
  }
  const dayAt = (evt) => {
    const r = root.getBoundingClientRect();
    const x = (evt.clientX - r.left) * W / r.width;
    return Math.max(0, Math.min(days.length - 1, Math.floor((x - pad) / bw)));
  };
  let start = null;
  root.addEventListener("mousedown", (e) => { start = dayAt(e); e.preventDefault(); });
  root.addEventListener("mousemove", (e) => {
    if (start === null) return;
    const cur = dayAt(e), a = Math.min(start, cur), b = Math.max(start, cur);
    brush.setAttribute("x", pad + a * bw); brush.setAttribute("width", (b - a + 1) * bw);
  });
  const finish = (e) => {
    if (start === null) return;
    const cur = dayAt(e), a = Math.min(start, cur), b = Math.max(start, cur);
    start = null;
    setBrush([days[a], days[b]]);
  };
  root.addEventListener("mouseup", finish);
  root.addEventListener("mouseleave", (e) => { if (start !== null) finish(e); });
  root.addEventListener("dblclick", () => setBrush(null));
  box.append(root);
}

function setBrush(range) {
  state.brush = range;
  $("brush-label").textContent = range ? `${range[0]} → ${range[1]}` : "";
  $("clear-brush").hidden = !range;
  renderMap();
  renderTimeline();
}

// ---------- results ----------
function snippetNode(snippet) {
  // ⟦hit⟧ → <mark>hit</mark>, built as text nodes so markup in the snippet stays text.
  const p = el("p", { class: "snippet" });
  let rest = snippet || "";
  while (rest) {
    const i = rest.indexOf(HIT_OPEN);
    if (i < 0) { p.append(rest); break; }
    const j = rest.indexOf(HIT_CLOSE, i + HIT_OPEN.length);
    if (j < 0) { p.append(rest); break; }
    p.append(rest.slice(0, i), el("mark", { text: rest.slice(i + HIT_OPEN.length, j) }));
    rest = rest.slice(j + HIT_CLOSE.length);
  }
  return p;
}

function resultItem(item) {
  const id = item.article_id || item.id;
  const li = el("li", { class: "result" });
  li.append(articleLink(id, "result-link", item.title || id));
  const meta = [item.published ? item.published.slice(0, 10) : "", item.source || "",
    item.event_count !== undefined ? `${item.event_count} ${t("events_n")}` : ""].filter(Boolean).join(" · ");
  li.append(el("div", { class: "muted", text: meta }));
  if (item.snippet) li.append(snippetNode(item.snippet));
  return li;
}

async function loadResults(append = false) {
  const list = $("results");
  if (!append) { state.offset = 0; list.replaceChildren(); }
  const q = $("q").value.trim();
  state.mode = q ? "search" : "latest";
  $("results-title").textContent = t(state.mode === "search" ? "results" : "latest");
  const params = filterParams();
  params.set("limit", "20"); params.set("offset", String(state.offset));
  if (q) params.set("q", q);
  try {
    const page = await api(q ? "/search" : "/articles", params);
    list.append(...page.items.map(resultItem));
    if (!append && !page.items.length) list.append(el("li", { class: "muted", text: t("no_results") }));
    state.offset = page.next_offset || 0;
    $("more").hidden = page.next_offset === null;
  } catch (err) {
    list.replaceChildren(el("li", { class: "status error", text: `${t("error")}: ${err.message}` }));
  }
}

function updateExportLinks(params) {
  for (const [id, kind, fmt] of [["export-csv", "events", "csv"], ["export-geojson", "events", "geojson"],
    ["export-jsonl", "incidents", "jsonl"]]) {
    $(id).href = `/export?${new URLSearchParams([...params, ["kind", kind], ["format", fmt]])}`;
  }
}

async function loadOverview() {
  const generation = state.generation = (state.generation || 0) + 1;
  const params = filterParams();
  updateExportLinks(params);
  const [inc, tl] = await Promise.allSettled([
    api("/incidents", new URLSearchParams([...params, ["limit", "500"]])),
    api("/timeline", params)]);
  if (generation !== state.generation) return;           // a newer request replaced this one
  state.incidents = inc.status === "fulfilled" ? inc.value.items : [];
  state.timeline = tl.status === "fulfilled" ? tl.value.items : [];
  state.brush = null;
  setBrush(null);
  if (inc.status === "fulfilled" && inc.value.next_offset !== null) moreIncidents(params, inc.value.next_offset, generation);
}

async function moreIncidents(params, offset, generation) {
  // after the first paint, bring the map up to MAX_INCIDENTS markers without blocking the page
  while (offset !== null && offset < MAX_INCIDENTS) {
    let page;
    try { page = await api("/incidents", new URLSearchParams([...params, ["limit", "500"], ["offset", String(offset)]])); }
    catch (_) { return; }
    if (generation !== state.generation) return;       // filters changed meanwhile
    state.incidents.push(...page.items);
    offset = page.next_offset;
  }
  renderMap();
}

async function loadStats() {
  try { state.stats = (await api("/health")).stats || {}; }
  catch (_) { state.stats = {}; /* the dashboard still works without counts */ }
  renderStats();
}

function renderStats() {
  const s = state.stats || {};
  $("stats").textContent = [["articles", s.articles], ["events_n", s.events], ["incidents", s.incidents]]
    .filter(([, n]) => n !== undefined).map(([k, n]) => `${n} ${t(k)}`).join(" · ");
}

// ---------- article view ----------
function annotations(rec) {
  const anns = [];
  const n = (rec.text || "").length;
  const ok = (s, e) => Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s < e && e <= n;
  rec.entities.forEach((e, i) => ok(e.start, e.end) && anns.push({ start: e.start, end: e.end,
    cls: `hl ent ent-${["PER", "ORG", "LOC", "MISC"].includes(e.type) ? e.type : "MISC"}`, key: `ent${i}`,
    info: `${t(e.type)}${e.subtype ? ` (${e.subtype})` : ""}: ${e.canonical || e.text}${e.entity_id ? ` [${e.entity_id}]` : ""}` }));
  rec.places.forEach((p, i) => {
    const info = `${t("location")}: ${p.name} · ${p.country_code || "?"}${p.admin1 ? ` · ${p.admin1}` : ""}` +
      ` · ${p.feature || ""}` + (typeof p.lat === "number" ? ` · ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : "");
    for (const [s, e] of p.mentions || []) if (ok(s, e)) anns.push({ start: s, end: e, cls: "hl place", key: `place${i}`, info });
  });
  rec.events.forEach((ev, i) => {
    const info = `${t(ev.event_type)} / ${ev.sub_event_type} (${ev.plover}) · ${ev.date || "—"}` +
      ` · ${t("killed")} ${figure(ev.fatalities)} · ${t("injured")} ${figure(ev.injuries)}`;
    for (const sp of ev.evidence || []) if (ok(sp.start, sp.end)) anns.push({ start: sp.start, end: sp.end, cls: "hl evidence", key: `event${i}`, info });
  });
  rec.quotes.forEach((q, i) => ok(q.start, q.end) && anns.push({ start: q.start, end: q.end, cls: "hl quote",
    key: `quote${i}`, info: `${t("speaker")}: ${q.speaker || "?"}${q.verb ? ` (${q.verb})` : ""}` }));
  return anns;
}

function renderText(rec) {
  // Cut the text at every annotation boundary; each piece carries the classes of what covers it.
  const text = rec.text || "";
  const anns = annotations(rec);
  const cuts = new Set([0, text.length]);
  for (const a of anns) { cuts.add(a.start); cuts.add(a.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  state.annIndex = anns;
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k], e = points[k + 1];
    const piece = text.slice(s, e);
    const covering = anns.filter((a) => a.start <= s && e <= a.end);
    if (!covering.length) { frag.append(piece); continue; }
    const span = el("span", { class: [...new Set(covering.flatMap((a) => a.cls.split(" ")))].join(" "),
      "data-keys": covering.map((a) => a.key).join(" "), "data-start": s, "data-end": e, text: piece });
    frag.append(span);
  }
  $("article-text").replaceChildren(frag);
}

function showTooltip(evt) {
  const span = evt.target.closest("[data-keys]");
  const tip = $("tooltip");
  if (!span) { tip.hidden = true; return; }
  const keys = span.dataset.keys.split(" ");
  const lines = [...new Set(state.annIndex.filter((a) => keys.includes(a.key)).map((a) => a.info))];
  tip.textContent = lines.join("\n");
  tip.hidden = false;
  tip.style.top = `${evt.clientY + 14}px`;
  tip.style.left = `${Math.min(evt.clientX + 10, window.innerWidth - 360)}px`;
}

function flash(key) {
  const spans = [...$("article-text").querySelectorAll("[data-keys]")].filter((s) => s.dataset.keys.split(" ").includes(key));
  for (const s of document.querySelectorAll(".flash")) s.classList.remove("flash");
  spans.forEach((s) => s.classList.add("flash"));
  if (spans[0]) spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

function mentionKey(rec, name, kind) {
  if (!name) return null;
  if (kind === "place") { const i = rec.places.findIndex((p) => p.name === name); return i >= 0 ? `place${i}` : null; }
  const i = rec.entities.findIndex((e) => e.text === name || e.canonical === name);
  return i >= 0 ? `ent${i}` : null;
}

function evidenceButton(key) {
  if (!key) return null;
  return el("button", { type: "button", class: "link evidence-link", text: t("evidence"),
    onclick: (e) => { e.stopPropagation(); flash(key); } });
}

function renderArticle(rec, scroll) {
  state.article = rec;
  $("article").hidden = false;
  $("article-title").textContent = rec.title || rec.id;
  $("article-meta").textContent = [rec.published ? `${t("published")} ${rec.published.replace("T", " ")}` : "",
    rec.source ? `${t("source")}: ${rec.source}` : "", rec.id].filter(Boolean).join(" · ");
  $("article-tags").replaceChildren(...(rec.tags || []).map((tag) => el("span", { text: tag })));
  renderText(rec);
  const evs = $("article-events");
  evs.replaceChildren(...rec.events.map((ev, i) => {
    const dl = el("dl");
    const row = (k, v, key) => { if (v) dl.append(el("dt", { text: t(k) }), el("dd", {}, v, " ", evidenceButton(key))); };
    row("type", `${t(ev.event_type)} / ${ev.sub_event_type} · ${ev.plover}`, `event${i}`);
    row("date", ev.date, `event${i}`);
    row("location", ev.location && ev.location.name, mentionKey(rec, ev.location && ev.location.name, "place"));
    row("actor1", ev.actor1 && (ev.actor1.name || ev.actor1.canonical), mentionKey(rec, ev.actor1 && ev.actor1.name));
    row("actor2", ev.actor2 && (ev.actor2.name || ev.actor2.canonical), mentionKey(rec, ev.actor2 && ev.actor2.name));
    row("killed", figure(ev.fatalities), `event${i}`);
    row("injured", figure(ev.injuries), `event${i}`);
    row("reported_by", (ev.reported_by || []).join("، "), mentionKey(rec, (ev.reported_by || [])[0]));
    return el("li", { class: "event-card", onclick: () => flash(`event${i}`) }, dl);
  }));
  if (!rec.events.length) evs.append(el("li", { class: "muted", text: t("none") }));
  $("article-places").replaceChildren(...rec.places.map((p, i) =>
    el("li", { text: `${p.name} (${p.country_code || "?"})`, onclick: () => flash(`place${i}`) })));
  const seen = new Map();
  rec.entities.forEach((e, i) => { const k = `${e.canonical || e.text}|${e.type}`; if (!seen.has(k)) seen.set(k, [e, i]); });
  $("article-entities").replaceChildren(...[...seen.values()].map(([e, i]) =>
    el("li", { class: `ent ent-${e.type}`, text: e.canonical || e.text, onclick: () => flash(`ent${i}`) })));
  $("article-quotes").replaceChildren(...rec.quotes.map((q, i) =>
    el("li", { onclick: () => flash(`quote${i}`) }, el("q", { text: q.text }), ` — ${q.speaker || "?"}`)));
  $("article-keyphrases").replaceChildren(...(rec.keyphrases || []).slice(0, 15).map((k) => el("li", { text: k.text })));
  if (scroll !== false) $("article").scrollIntoView({ block: "start" });
}

async function openArticle(id) {
  try { renderArticle(await api(`/articles/${encodeURIComponent(id)}`)); }
  catch (err) { $("article").hidden = false; $("article-title").textContent = `${t("error")}: ${err.message}`; }
}

function articleLink(id, cls, label) {
  return el("a", { href: `#article=${encodeURIComponent(id)}`, class: cls, text: label, onclick: (e) => {
    e.preventDefault();
    history.pushState(null, "", `#article=${encodeURIComponent(id)}`);
    openArticle(id);
  } });
}

function route() {
  const m = location.hash.match(/^#article=(.+)$/);
  if (m) openArticle(decodeURIComponent(m[1]));
}

// ---------- analyze ----------
async function analyze(evt) {
  evt.preventDefault();
  const status = $("analyze-status");
  const file = $("analyze-file").files[0];
  const text = $("analyze-text").value;
  if (!file && !text.trim()) { status.className = "status error"; status.textContent = t("empty_input"); return; }
  const stored = $("analyze-store").checked;
  const headers = {};
  const token = $("token").value;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body;
  if (file) { body = new FormData(); body.append("file", file); }
  else { body = JSON.stringify({ text }); headers["Content-Type"] = "application/json"; }
  status.className = "status"; status.textContent = t("analyzing");
  try {
    const rec = await api("/analyze", new URLSearchParams({ store: String(stored) }), { method: "POST", headers, body });
    status.textContent = `${t("analyzed")}${stored ? ` ${t("stored")}` : ""}: ${rec.events.length} ${t("events_n")}`;
    renderArticle(rec);
    if (stored) { loadStats(); loadResults(); loadOverview(); }
  } catch (err) {
    status.className = "status error"; status.textContent = `${t("error")}: ${err.message}`;
  }
}

// ---------- wiring ----------
function init() {
  for (const ty of TYPES) $("event_type").append(el("option", { value: ty, text: ty }));
  $("lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "ar" ? "en" : "ar";
    localStorage.setItem("marsad.lang", state.lang);
    applyLanguage();
    loadResults();          // item meta lines carry words too
  });
  $("search").addEventListener("submit", (e) => { e.preventDefault(); loadResults(); loadOverview(); });
  $("reset").addEventListener("click", () => { $("search").reset(); loadResults(); loadOverview(); });
  $("more").addEventListener("click", () => loadResults(true));
  $("clear-brush").addEventListener("click", () => setBrush(null));
  $("analyze").addEventListener("submit", analyze);
  $("article-close").addEventListener("click", () => { $("article").hidden = true; history.replaceState(null, "", " "); });
  $("article-text").addEventListener("mousemove", showTooltip);
  $("article-text").addEventListener("mouseleave", () => { $("tooltip").hidden = true; });
  window.addEventListener("hashchange", route);
  applyLanguage();
  initMap();
  loadStats();
  // "ready" once the list, the map markers and the timeline are all drawn (the e2e tests and
  // bench/bench_web.py wait for it; readyMs is the first-load time from navigation start)
  Promise.all([loadResults(), loadOverview(), state.basemap]).then(() => {
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = "1";
    addBasemap("/static/vendor/countries.geojson");
  });
  route();
}

document.addEventListener("DOMContentLoaded", init);
