// The published site in a real browser (Debian's headless Chromium over the
// DevTools protocol), from a local HTTP server and from file://:
//   - every theme loads and reaches MapLibre's `idle` with no console error;
//   - the screenshot agrees with `jinmap render` of the same style and
//     extent: county fill colours at the counties' label points (labels and
//     markers hidden in both), and the share of close pixels overall;
//   - a click on 太谷区 shows 太谷玛钢专业镇 with its source sentence; a click
//     on the town marker shows the town; searching 祁縣 finds 祁县; the
//     English switch changes the interface, the summary and the map labels;
//   - printing (the print stylesheet, Chromium's own PDF): the map as an
//     image of the frame shown, the legend, the open summary with its source
//     sentence and the 示意图 reminder; no on-screen controls.
// Screenshots, desktop renders, diff images and side-by-side pictures go to
// --out for people to look at.
//
//   - with --tiled-site (the same themes published with --tiles counties):
//     over HTTP the vector-tile counties draw the same fills as the GeoJSON
//     site, with no console error, and a click on 太谷区 still opens it.
// usage: node site_test.mjs --jinmap BIN --db DB --site DIR --styles DIR
//        --out DIR [--mode both|http|file] [--tiled-site DIR]
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';

import {Browser} from './cdp.mjs';
import {Checks, coloursInPage, compareInPage, jinmap, png, serve, sideBySideInPage} from './support.mjs';

const {values: opt} = parseArgs({options: {
    jinmap: {type: 'string'}, db: {type: 'string'}, site: {type: 'string'}, styles: {type: 'string'},
    out: {type: 'string'}, mode: {type: 'string', default: 'both'},
    // The same themes published with --tiles counties (the vector-tile path).
    'tiled-site': {type: 'string'},
}});
for (const k of ['jinmap', 'db', 'site', 'styles', 'out'])
    if (!opt[k]) {
        console.error(`missing --${k}`);
        process.exit(2);
    }
const SITE = resolve(opt.site), OUT = resolve(opt.out);
mkdirSync(OUT, {recursive: true});
const VIEWPORT = {width: 1280, height: 800};
// Fill colours: channels may differ by this much (anti-aliasing, 8-bit
// rounding, blending); and this share of counties must agree.
const FILL_TOLERANCE = 12, FILL_SHARE = 0.95;
// Whole frame: share of pixels within 40 per channel (labels are placed by
// two different engines; fills, lines and markers must agree).
const PIXEL_TOLERANCE = 40, PIXEL_SHARE = 0.9;
const THEMES = [
    {id: 'towns', style: 'towns.json', extent: null},
    {id: 'datong-layout', style: 'datong-layout.json', extent: '大同市', city: '140200'},
    {id: 'admin', style: 'admin.json', extent: null},
];

const checks = new Checks();
const browser = await Browser.launch({...VIEWPORT, extraArgs: ['--enable-unsafe-swiftshader']});

async function open(base, hash, {noCache = false} = {}) {
    const page = await browser.newPage(VIEWPORT);
    if (noCache) await page.send('Network.setCacheDisabled', {cacheDisabled: true});
    await page.navigate(base + 'index.html#' + hash);
    await page.eval('window.jinmap.ready', 120000);
    return page;
}
function noErrors(page, what) {
    checks.ok(page.errors.length === 0, `${what}: no console errors`, page.errors.join(' | '));
    page.errors.length = 0;
}
async function idle(page) {
    await page.eval('window.jinmap.idle()', 120000);
}
async function mapClip(page) {
    return page.eval(`(() => { const r = document.getElementById('map').getBoundingClientRect();
        return {x: r.x, y: r.y, width: Math.round(r.width), height: Math.round(r.height)}; })()`);
}
async function waitFor(page, expression, what, timeoutMs = 30000) {
    const ok = await page.eval(`new Promise(resolve => {
        const t0 = performance.now();
        const tick = () => { if (${expression}) resolve(true); else if (performance.now() - t0 > ${timeoutMs}) resolve(false); else setTimeout(tick, 50); };
        tick(); })`, timeoutMs + 5000);
    checks.ok(ok, what);
    return ok;
}
function save(name, b64) {
    writeFileSync(join(OUT, name), Buffer.from(b64, 'base64'));
}

// The style with its labels and markers hidden (for sampling fill colours).
function fillsOnlyStyle(theme) {
    const style = JSON.parse(readFileSync(join(opt.styles, theme.style), 'utf8'));
    for (const l of style.layers)
        if (l.type === 'symbol' || l.type === 'circle' || l.type === 'line') l.layout = {...l.layout, visibility: 'none'};
    const path = join(OUT, `${theme.id}-fills-style.json`);
    writeFileSync(path, JSON.stringify(style, null, 1));
    return path;
}
function desktopRender(theme, stylePath, size, out) {
    const args = ['render', '--db', opt.db, '--style', stylePath, '--size', `${size.width}x${size.height}`, '-o', out];
    if (theme.extent) args.push('--extent', theme.extent);
    jinmap(opt.jinmap, args);
}
async function frame(page, theme) {
    if (theme.city)
        await page.eval(`(() => { const e = JINMAP_SITE.places.entries.find(e => e.k === 'city' && e.id === '${theme.city}');
            window.jinmap.fitExtent(e.b, 0.03); })()`);
    await idle(page);
}

// ------------------------------------------------------------ theme vs desktop

async function compareTheme(base, theme, timings) {
    const what = `theme ${theme.id}`;
    // A fresh tab with the HTTP cache off: its load is also the theme's
    // first-render sample over HTTP.
    const page = await open(base, `theme=${theme.id}&lang=zh_CN`, {noCache: true});
    noErrors(page, `${what} loads`);
    timings[theme.id] = await firstRenderOf(page, theme, 'http');
    const clip = await mapClip(page);
    if (theme.id === 'datong-layout') {
        // 山西转型综改示范区（灵丘）生物产业园: MapLibre drops a fullwidth （ from
        // labels; the page gives label texts the ASCII pair.
        const names = await page.eval(`window.jinmap.data.parks.features.map(f => f.properties.name)`);
        checks.ok(names.some(n => n.includes('(灵丘)')) && !names.some(n => /[（）]/.test(n)),
                  `${what}: label texts carry no fullwidth parenthesis`, names.join(' / '));
    }
    // The map alone: zoom buttons and scale bar are the page's, not the map's.
    await page.eval(`document.querySelector('.maplibregl-control-container').style.visibility = 'hidden'`);
    await frame(page, theme);

    // 1. Fill colours at the counties' label points: fills only (labels,
    // markers and lines hidden in both).
    await page.eval(`(() => { const m = window.jinmap.map;
        for (const l of m.getStyle().layers) if (l.type === 'symbol' || l.type === 'circle' || l.type === 'line') m.setLayoutProperty(l.id, 'visibility', 'none'); })()`);
    await idle(page);
    const browserFills = await page.screenshot(clip);
    save(`${theme.id}-fills-browser.png`, browserFills);
    const desktopFills = join(OUT, `${theme.id}-fills-desktop.png`);
    desktopRender(theme, fillsOnlyStyle(theme), clip, desktopFills);
    const points = await page.eval(`(() => {
        const t = JINMAP_SITE.themes.find(t => t.id === '${theme.id}');
        const source = t.click.county.source, shown = new Set(t.click.county.ids);
        const data = window.jinmap.data[t.sources[source]];
        return data.features.filter(f => shown.has(f.properties.adcode)).map(f => {
            const p = window.jinmap.map.project([f.properties.label_x, f.properties.label_y]);
            return {id: f.properties.adcode, name: f.properties.name, x: p.x, y: p.y};
        }); })()`);
    const fills = await page.eval(`(${compareInPage})(${JSON.stringify(browserFills)}, ${JSON.stringify(png(desktopFills))}, ${JSON.stringify(points)}, ${FILL_TOLERANCE})`, 120000);
    if (!checks.ok(!fills.error, `${what}: browser and desktop frames have the same size`, fills.error)) return;
    // A point agrees when each image's colour covers a good part of the
    // other's window (a wrong class covers none of it).
    const bad = fills.samples.filter(s => s.share < 0.3);
    const share = 1 - bad.length / Math.max(1, fills.samples.length);
    console.log(`${what}: ${fills.samples.length} label points, ${bad.length} differ: ` +
                bad.map(s => `${s.name} browser ${s.a} desktop ${s.b}`).join('; '));
    checks.ok(fills.samples.length > 0 && share >= FILL_SHARE,
              `${what}: county fill colours agree at ≥ ${FILL_SHARE * 100}% of label points (${(share * 100).toFixed(1)}%)`);
    save(`${theme.id}-fills-diff.png`, fills.diffPng);

    // 2. The whole frame, everything shown.
    await page.eval(`(() => { const m = window.jinmap.map;
        for (const l of m.getStyle().layers) if (l.type === 'symbol' || l.type === 'circle' || l.type === 'line') m.setLayoutProperty(l.id, 'visibility', 'visible'); })()`);
    await idle(page);
    const browserFull = await page.screenshot(clip);
    save(`${theme.id}-browser.png`, browserFull);
    const desktopFull = join(OUT, `${theme.id}-desktop.png`);
    desktopRender(theme, join(opt.styles, theme.style), clip, desktopFull);
    const full = await page.eval(`(${compareInPage})(${JSON.stringify(browserFull)}, ${JSON.stringify(png(desktopFull))}, [], ${PIXEL_TOLERANCE})`, 120000);
    console.log(`${what}: ${(full.closeShare * 100).toFixed(1)}% of pixels within ${PIXEL_TOLERANCE}, mean channel difference ${full.meanDiff.toFixed(2)}`);
    checks.ok(full.closeShare >= PIXEL_SHARE,
              `${what}: frame agrees with jinmap render (${(full.closeShare * 100).toFixed(1)}% close ≥ ${PIXEL_SHARE * 100}%)`);
    save(`${theme.id}-diff.png`, full.diffPng);
    save(`${theme.id}-side-by-side.png`, await page.eval(`(${sideBySideInPage})(${JSON.stringify(browserFull)}, ${JSON.stringify(png(desktopFull))})`, 60000));
    noErrors(page, `${what} after the comparison`);
    page.close();
}

// ------------------------------------------------------------ interaction

// A pixel inside county `adcode`, away from markers and its label point.
const pointInCounty = adcode => `(() => {
    const m = window.jinmap.map;
    const f = window.jinmap.data.counties.features.find(f => f.properties.adcode === '${adcode}');
    const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const inside = (x, y) => { let c = false; for (const poly of rings) for (const ring of poly)
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) { const [xi, yi] = ring[i], [xj, yj] = ring[j];
            if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) c = !c; } return c; };
    const markers = m.queryRenderedFeatures({layers: m.getStyle().layers.filter(l => l.source === 'towns').map(l => l.id)})
        .map(h => m.project(h.geometry.coordinates));
    const label = m.project([f.properties.label_x, f.properties.label_y]);
    let best = null;
    for (let dy = -60; dy <= 60; dy += 3) for (let dx = -60; dx <= 60; dx += 3) {
        const p = {x: label.x + dx, y: label.y + dy};
        const ll = m.unproject([p.x, p.y]);
        if (!inside(ll.lng, ll.lat)) continue;
        if (markers.some(q => Math.hypot(q.x - p.x, q.y - p.y) < 20)) continue;
        if (Math.hypot(dx, dy) < 12) continue;
        const d = Math.hypot(dx, dy);
        if (!best || d < best.d) best = {x: p.x, y: p.y, d};
    }
    return best; })()`;

async function clickMap(page, p) {
    const clip = await mapClip(page);
    await page.click(clip.x + p.x, clip.y + p.y);
}
async function clickElement(page, selector) {
    const r = await page.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
        if (!e) return null; e.scrollIntoView({block: 'nearest'}); const r = e.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`);
    if (!checks.ok(!!r, `element ${selector} is there`)) return false;
    await page.click(r.x, r.y);
    return true;
}
const panelText = `document.getElementById('summary').innerText`;

async function interaction(base, mode) {
    const what = `interaction (${mode})`;
    const taigu = JSON.parse(jinmap(opt.jinmap, ['summary', '--db', opt.db, '--county', '140703', '--json']));
    const town = taigu.towns.find(t => t.name === '太谷玛钢专业镇');
    checks.ok(!!town, 'the model lists 太谷玛钢专业镇 in 太谷区');
    const townQuote = town.provenance[0].quote;
    const townDoc = taigu.sources.find(s => s.id === town.provenance[0].source_id);

    const page = await open(base, 'theme=towns&lang=zh_CN');
    noErrors(page, `${what}: towns theme loads`);

    // A click inside 太谷区 (not on a marker): the county summary.
    const inside = await page.eval(pointInCounty('140703'));
    checks.ok(!!inside, `${what}: found a free spot inside 太谷区`);
    await clickMap(page, inside);
    await waitFor(page, `document.querySelector('#summary .body[data-kind=county][data-id="140703"]')`,
                  `${what}: a click on 太谷区 opens its summary`);
    const text = await page.eval(panelText);
    checks.ok(text.includes('太谷区'), `${what}: the panel is titled 太谷区`);
    checks.ok(text.includes('太谷玛钢专业镇'), `${what}: the panel lists 太谷玛钢专业镇`);
    const quote = await page.eval(`(() => { const t = document.querySelector('#summary [data-town="${town.id}"] .source q');
        return t ? t.textContent : ''; })()`);
    checks.ok(quote === townQuote, `${what}: 太谷玛钢专业镇 shows its source sentence`, `${quote} ≠ ${townQuote}`);
    checks.ok(text.includes(townDoc.citation), `${what}: and the document it comes from`, townDoc.citation);
    checks.ok(/示意图/.test(text) && /审图号/.test(text), `${what}: the panel carries 示意图 and the 审图号 reminder`);
    checks.ok(text.includes(taigu.data_version), `${what}: and the data version`);
    const figures = await page.eval(`document.querySelectorAll('#summary [data-fact]').length`);
    const modelFigures = taigu.towns.reduce((n, t) => n + t.facts.length, 0);
    checks.ok(figures === modelFigures, `${what}: every figure of the model is shown (${figures}/${modelFigures})`);
    const sourced = await page.eval(`[...document.querySelectorAll('#summary [data-fact]')].every(f => f.querySelector('.source q') && f.querySelector('.source cite'))`);
    checks.ok(sourced, `${what}: each figure with its source sentence and document`);
    save(`interaction-${mode}-taigu.png`, await page.screenshot());
    if (mode === 'http') await printed(page, what, townQuote);

    // The town marker: the town's own summary.
    const marker = await page.eval(`(() => { const m = window.jinmap.map;
        const layers = m.getStyle().layers.filter(l => l.source === 'towns' && l.type !== 'symbol' || (l.source === 'towns' && l.layout && l.layout['icon-image'])).map(l => l.id);
        const h = m.queryRenderedFeatures({layers}).find(h => h.properties.id === '${town.id}');
        return h ? m.project(h.geometry.coordinates) : null; })()`);
    checks.ok(!!marker, `${what}: the 太谷玛钢专业镇 marker is drawn`);
    if (marker) {
        await clickMap(page, marker);
        await waitFor(page, `document.querySelector('#summary .body[data-kind=town][data-id="${town.id}"]')`,
                      `${what}: a click on the marker opens the town`);
        const t = await page.eval(panelText);
        checks.ok(t.includes('太谷玛钢专业镇') && t.includes(townQuote), `${what}: the town panel shows the town and its source`);
    }

    // Search in Traditional characters.
    await page.eval(`document.getElementById('search').focus()`);
    await page.type('祁縣');
    await waitFor(page, `[...document.querySelectorAll('#search-results button')].some(b => b.dataset.kind === 'county' && b.querySelector('.name').textContent === '祁县')`,
                  `${what}: searching 祁縣 finds 祁县`);
    await clickElement(page, '#search-results button[data-kind=county]');
    await waitFor(page, `document.querySelector('#summary .body[data-kind=county][data-id="140727"]')`,
                  `${what}: choosing 祁县 opens its summary`);
    await idle(page);
    save(`interaction-${mode}-qixian.png`, await page.screenshot());

    // The legend lists only classes with features (no "其他 0").
    const zeroCounts = await page.eval(`[...document.querySelectorAll('#legend .count')].filter(c => c.textContent === '0').length`);
    const legendEntries = await page.eval(`document.querySelectorAll('#legend .legend-entries li').length`);
    checks.ok(zeroCounts === 0 && legendEntries > 0, `${what}: legend shows no empty class`,
              `${legendEntries} entries, ${zeroCounts} with count 0`);

    // English.
    await clickElement(page, '#lang-switch button[data-lang=en]');
    await waitFor(page, `document.documentElement.lang === 'en' && document.querySelector('#summary .body[data-kind=county]') && document.querySelector('#summary h2').textContent.includes('Qi County')`,
                  `${what}: the English switch turns the summary into English`);
    const en = await page.eval(`({title: document.getElementById('title').textContent,
        legend: document.querySelector('#legend h2').textContent,
        search: document.getElementById('search').placeholder,
        print: document.getElementById('print').textContent,
        label: JSON.stringify(window.jinmap.map.getLayoutProperty('county-labels', 'text-field')),
        section: document.querySelector('#summary h3.section') && document.querySelector('#summary h3.section').textContent})`);
    const theme = JSON.parse(readFileSync(join(opt.styles, 'towns.json'), 'utf8'));
    checks.ok(en.title === theme.metadata['jinmap:legend']['title:en'], `${what}: English title`, en.title);
    checks.ok(/^[\x20-\x7e]+$/.test(en.legend), `${what}: English legend title`, en.legend);
    checks.ok(en.print === 'Print' && /^Search/.test(en.search), `${what}: English controls`, `${en.print} / ${en.search}`);
    checks.ok(en.label.includes('name_en'), `${what}: map labels in English`, en.label);
    checks.ok(/^Specialty towns/.test(en.section || ''), `${what}: English summary sections`, en.section);
    await idle(page);
    save(`interaction-${mode}-english.png`, await page.screenshot());
    noErrors(page, `${what}: after clicks, search and the language switch`);
    page.close();
}

// Prints the page as Chromium does for File → Print (beforeprint fires, the
// print stylesheet applies) and reads the PDF back with poppler.
async function printed(page, what, townQuote) {
    const r = await page.send('Page.printToPDF', {paperWidth: 8.27, paperHeight: 11.69, printBackground: true});
    const pdf = join(OUT, 'print-towns-taigu.pdf');
    writeFileSync(pdf, Buffer.from(r.data, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], {encoding: 'utf8'});
    const flat = text.replace(/\s+/g, '');
    checks.ok(flat.includes('山西省特色专业镇'), `${what}: print has the title`);
    checks.ok(flat.includes('每县专业镇数量') && flat.includes('省级'), `${what}: print has the legend`);
    checks.ok(flat.includes('太谷玛钢专业镇') && flat.includes(townQuote.replace(/\s+/g, '')),
              `${what}: print has the summary with the source sentence`);
    checks.ok(flat.includes('示意图') && flat.includes('审图号'), `${what}: print carries 示意图 and the 审图号 reminder`);
    checks.ok(!flat.includes('English') && !flat.includes('筛选专业镇'),
              `${what}: print leaves out the language switch and the filters`);
    // The map: an image of the frame, wide enough to read and not blank.
    const images = execFileSync('pdfimages', ['-list', pdf], {encoding: 'utf8'}).split('\n').slice(2)
        .filter(l => l.trim()).map(l => l.trim().split(/\s+/)).map(c => ({page: +c[0], width: +c[3], height: +c[4]}));
    const map = images.find(i => i.page === 1 && i.width >= 600 && i.height >= 400);
    checks.ok(!!map, `${what}: print page 1 has the map as an image`, JSON.stringify(images));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(OUT, 'print-towns-taigu')]);
    const colours = await page.eval(`(async () => {
        const img = document.getElementById('print-map');
        if (!img.complete || !img.naturalWidth) return 0;
        const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4 * 97) if (Math.max(d[i], d[i+1], d[i+2]) - Math.min(d[i], d[i+1], d[i+2]) > 40) n++;
        return n; })()`);
    checks.ok(colours > 200, `${what}: the printed map image is the coloured frame, not blank`, `${colours} coloured samples`);
}

// ------------------------------------------------------------ vector tiles

async function hideAllButFills(page) {
    await page.eval(`(() => { const m = window.jinmap.map;
        for (const l of m.getStyle().layers) if (l.type === 'symbol' || l.type === 'circle' || l.type === 'line') m.setLayoutProperty(l.id, 'visibility', 'none'); })()`);
    await idle(page);
}

async function tiledSite(geojsonBase, tiledBase) {
    const what = 'vector tiles (towns theme, counties as tiles)';
    const a = await open(geojsonBase, 'theme=towns&lang=zh_CN');
    const clip = await mapClip(a);
    await hideAllButFills(a);
    const points = await a.eval(`(() => {
        const t = JINMAP_SITE.themes.find(t => t.id === 'towns');
        const shown = new Set(t.click.county.ids);
        return window.jinmap.data[t.sources[t.click.county.source]].features.filter(f => shown.has(f.properties.adcode)).map(f => {
            const p = window.jinmap.map.project([f.properties.label_x, f.properties.label_y]);
            return {id: f.properties.adcode, name: f.properties.name, x: p.x, y: p.y}; }); })()`);
    const inside = await a.eval(pointInCounty('140703'));
    const geojsonFills = await a.screenshot(clip);
    a.close();

    const b = await open(tiledBase, 'theme=towns&lang=zh_CN');
    const tiled = await b.eval(`Object.values(JINMAP_SITE.datasets).filter(d => d.tiles).length`);
    checks.ok(tiled > 0, `${what}: the site ships a dataset as tiles`);
    await hideAllButFills(b);
    noErrors(b, `${what}: loads over HTTP`);
    const tiledFills = await b.screenshot(clip);
    save('tiles-towns-fills.png', tiledFills);
    const r = await b.eval(`(${compareInPage})(${JSON.stringify(tiledFills)}, ${JSON.stringify(geojsonFills)}, ${JSON.stringify(points)}, ${FILL_TOLERANCE})`, 120000);
    if (checks.ok(!r.error, `${what}: same frame size`, r.error)) {
        const bad = r.samples.filter(x => x.share < 0.3);
        // Tiles quantise coordinates (4096 units a tile): a label point
        // a few pixels from a border of the smallest districts may fall over it.
        checks.ok(r.samples.length > 100 && bad.length <= 2,
                  `${what}: county fills at label points as in the GeoJSON site (${r.samples.length - bad.length}/${r.samples.length})`,
                  bad.map(x => `${x.name} ${x.a} vs ${x.b}`).join('; '));
        save('tiles-towns-fills-diff.png', r.diffPng);
    }
    await b.eval(`(() => { const m = window.jinmap.map;
        for (const l of m.getStyle().layers) if (l.type === 'symbol' || l.type === 'circle' || l.type === 'line') m.setLayoutProperty(l.id, 'visibility', 'visible'); })()`);
    await idle(b);
    if (checks.ok(!!inside, `${what}: a free spot inside 太谷区`)) {
        await clickMap(b, inside);
        await waitFor(b, `document.querySelector('#summary .body[data-kind=county][data-id="140703"]')`,
                      `${what}: a click on 太谷区 (a tiled county) opens its summary`);
    }
    save('tiles-towns.png', await b.screenshot());
    noErrors(b, `${what}: after the click`);
    b.close();
}

// ------------------------------------------------------------ first render

// Time from navigation start to the map's first `idle` (fonts loaded, data
// parsed, every layer drawn), in a fresh tab with the HTTP cache off, one
// load per theme and mode. Measured and reported (first_render.json), never
// asserted: timings belong to benchmarks, not to pass/fail.
async function firstRenderOf(page, theme, mode) {
    const t = await page.eval(`({idle: window.jinmap.firstIdleMs, script: window.jinmap.scriptStartMs,
        marks: Object.fromEntries(performance.getEntriesByType('mark').filter(m => m.name.startsWith('jinmap:'))
                                  .map(m => [m.name.slice(7), Math.round(m.startTime)]))})`);
    const phases = Object.entries(t.marks).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`first render ${theme.id} (${mode}): ${Math.round(t.idle)} ms after navigation start ` +
                `(script ${Math.round(t.script)}, ${phases}; target 1500 ms)`);
    return {first_idle_ms: Math.round(t.idle), script_start_ms: Math.round(t.script), phases_ms: t.marks};
}
async function firstRender(base, mode) {
    const out = {};
    for (const theme of THEMES) {
        const page = await open(base, `theme=${theme.id}`, {noCache: true});
        noErrors(page, `theme ${theme.id} from ${mode}`);
        out[theme.id] = await firstRenderOf(page, theme, mode);
        // The page draws its first frame once everything is loaded: that
        // frame must be the map, not the empty background.
        save(`${mode}-${theme.id}.png`, await page.screenshot());
        const shot = await page.screenshot(await mapClip(page));
        const colours = await page.eval(`(${coloursInPage})(${JSON.stringify(shot)}, 0.0005)`, 60000);
        checks.ok(colours >= 8, `theme ${theme.id} from ${mode}: the first frame shows the map (${colours} colours)`);
        page.close();
    }
    return out;
}

// ------------------------------------------------------------ run

const server = await serve(SITE);
const timings = {browser: browser.version, viewport: VIEWPORT};
try {
    if (opt.mode === 'both' || opt.mode === 'http') {
        timings.http = {};
        for (const theme of THEMES) await compareTheme(server.url, theme, timings.http);
        await interaction(server.url, 'http');
    }
    if (opt['tiled-site'] && opt.mode !== 'file') {
        const tiledServer = await serve(resolve(opt['tiled-site']));
        try {
            await tiledSite(server.url, tiledServer.url);
        } finally {
            tiledServer.close();
        }
    }
    if (opt.mode === 'both' || opt.mode === 'file') {
        const base = pathToFileURL(SITE + '/').href;
        timings.file = await firstRender(base, 'file');
        await interaction(base, 'file');
    }
} catch (err) {
    checks.ok(false, 'the test ran to the end', err.stack || String(err));
} finally {
    server.close();
    await browser.close();
    writeFileSync(join(OUT, 'first_render.json'), JSON.stringify(timings, null, 1) + '\n');
}
checks.finish();
