// Copies the dashboard's third-party assets from node_modules into the Python package,
// with their licences, so the dashboard works offline with no CDN. Run: npm install && npm run vendor
// The basemap is Natural Earth country outlines (public domain) via world-atlas (ISC),
// converted from TopoJSON to GeoJSON here and rounded to 0.01° to keep it small.
const fs = require("fs");
const path = require("path");
const topojson = require("topojson-client");

const out = path.join(__dirname, "..", "src", "marsad", "web", "static", "vendor");
const nm = path.join(__dirname, "node_modules");
fs.mkdirSync(path.join(out, "images"), { recursive: true });

const copy = (from, to) => fs.copyFileSync(path.join(nm, from), path.join(out, to));
copy("leaflet/dist/leaflet.js", "leaflet.js");
copy("leaflet/dist/leaflet.css", "leaflet.css");
for (const img of fs.readdirSync(path.join(nm, "leaflet/dist/images"))) copy(`leaflet/dist/images/${img}`, `images/${img}`);
copy("leaflet/LICENSE", "LICENSE.leaflet.txt");
copy("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js");
copy("leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css");
copy("leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css");
copy("leaflet.markercluster/MIT-LICENCE.txt", "LICENSE.leaflet.markercluster.txt");
copy("world-atlas/LICENSE", "LICENSE.world-atlas.txt");
// Arabic text must shape the same on a machine without Arabic system fonts: ship Noto Naskh Arabic.
fs.mkdirSync(path.join(out, "fonts"), { recursive: true });
for (const w of ["400", "700"]) {
  copy(`@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-${w}-normal.woff2`, `fonts/noto-naskh-arabic-${w}.woff2`);
}
copy("@fontsource/noto-naskh-arabic/LICENSE", "fonts/LICENSE.noto-naskh-arabic.txt");
// The API docs page (/docs) uses Swagger UI, vendored too so it works offline under the CSP.
fs.mkdirSync(path.join(out, "swagger"), { recursive: true });
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"]) {
  copy(`swagger-ui-dist/${f}`, `swagger/${f}`);
}

// Two scales: 1:110m paints fast on first load, 1:50m replaces it once the page is ready.
for (const [scale, file] of [["110m", "countries-110m.geojson"], ["50m", "countries.geojson"]]) {
  const topo = JSON.parse(fs.readFileSync(path.join(nm, `world-atlas/countries-${scale}.json`), "utf8"));
  const geo = topojson.feature(topo, topo.objects.countries);
  const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
  for (const f of geo.features) {
    f.geometry.coordinates = round(f.geometry.coordinates);
    f.properties = { name: f.properties.name };
  }
  fs.writeFileSync(path.join(out, file), JSON.stringify(geo));
}
fs.writeFileSync(path.join(out, "README.txt"),
  "Vendored by web/vendor.js from npm: leaflet 1.9.4 (BSD-2-Clause), leaflet.markercluster 1.5.3 (MIT),\n" +
  "world-atlas 2.0.2 (ISC; data: Natural Earth 1:110m and 1:50m admin-0 countries, public domain) as GeoJSON,\n" +
  "@fontsource/noto-naskh-arabic 5.3.0 (fonts: SIL OFL 1.1), Arabic subset, weights 400 and 700,\n" +
  "swagger-ui-dist 5.35.0 (Apache-2.0) for the API docs page.\n");
console.log("vendored into", out);
