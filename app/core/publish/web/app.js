// jinmap's published map: themes, legend with counts, filters, search,
// summaries of the presentation model, Chinese/English. Written by
// `jinmap publish` next to site.js (window.JINMAP_SITE: themes, data index,
// images, search index, texts). Plain ES2017 in a classic script, so the page
// also works opened from disk (file://: no fetch, no modules — data and
// summaries arrive as scripts).
(function () {
    'use strict';

    const SITE = window.JINMAP_SITE;
    const T0 = performance.now();
    // index.html runs this script before maplibre-gl.js, so that the data,
    // fonts and images load while the browser parses MapLibre; MapLibre is
    // there once the document's scripts have all run.
    const maplibreReady = new Promise(resolve => {
        if (document.readyState !== 'loading') resolve();
        else document.addEventListener('DOMContentLoaded', () => resolve(), {once: true});
    }).then(() => {
        if (!window.maplibregl) throw new Error('maplibre-gl.js did not load');
        // Start MapLibre's worker while the data scripts load.
        maplibregl.prewarm();
        performance.mark('jinmap:maplibre');
    });

    // ------------------------------------------------------------ interface words

    const WORDS = {
        zh_CN: {
            siteTitle: '山西省特色专业镇地图', theme: '专题', print: '打印',
            search: '搜索县、市、专业镇、园区（简体或繁体）', noResults: '没有找到',
            legend: '图例', filters: '筛选专业镇', level: '级别', sector: '产业类别', city: '设区市',
            clear: '全部显示', close: '关闭', features: '个',
            filterNote: '筛选只作用于专业镇点位和专业镇的计数。',
            kinds: {county: '县（市、区）', city: '设区市', town: '专业镇', park: '园区', platform: '创新平台', layout: '布局（示意）'},
            code: '代码', citySummary: '%1：城市概况', towns: '专业镇（%1）',
            noTownCounty: '资料未列出该县的专业镇。',
            noDataCounty: '无数据：资料未完整列出%1的专业镇。',
            asWritten: '原文写作：%1', countyUnknown: '所在县：资料未说明',
            noFigures: '资料未给出该镇的数据。', otherReading: '另一说法：%1',
            parks: '园区与平台（%1）', projects: '规划项目（%1）', sources: '资料来源（%1）',
            sourcesPlain: '资料来源', dataNotes: '数据说明', dataVersion: '数据版本 %1',
            investment: '投资 %1', countyNotStated: '所在县未说明',
            overview: '概况', townsPerCounty: '各县专业镇：%1', noTownsIn: '资料未列出专业镇的县：%1',
            unplaced: '资料未说明所在县的专业镇', layoutSection: '一廊一核一带（示意）',
            counts: '资料中的数量', specialtyTown: '专业镇',
            placementPoint: '点位只表示所在县（县级定位），不是专业镇的实际位置。',
            placementPark: '点位只表示所在县（县级定位），不是确切位置。',
            industry: '产业：%1', layoutKind: '布局：%1', countyIs: '所在县：%1',
            schematicShape: '形状为示意，依据规划文字中列出的地点绘制。',
            file: '文件 %1 · SHA-256 %2', loading: '正在加载…', loadFailed: '无法加载：%1',
            needsServer: '此图层为矢量切片，需要通过网页服务器打开本站点（file:// 下无法加载）。',
            about: '资料与版权', documents: '资料文件', licenses: '版权说明见 LICENSES.md。',
            generated: '由 %1 生成；地图引擎 MapLibre GL JS %2。',
            clickHint: '点击县或专业镇查看概况（每个数字都附有原文出处）。',
            scopeTitle: '范围',
        },
        en: {
            siteTitle: 'Specialty towns of Shanxi', theme: 'Theme', print: 'Print',
            search: 'Search counties, cities, towns, parks (any Chinese script or English)', noResults: 'Nothing found',
            legend: 'Legend', filters: 'Filter towns', level: 'Level', sector: 'Sector', city: 'City',
            clear: 'Show all', close: 'Close', features: '',
            filterNote: 'Filters apply to the town points and the town counts only.',
            kinds: {county: 'County', city: 'City', town: 'Specialty town', park: 'Park', platform: 'Innovation platform', layout: 'Layout (schematic)'},
            code: 'code', citySummary: '%1: city summary', towns: 'Specialty towns (%1)',
            noTownCounty: 'The sources list no specialty town in this county.',
            noDataCounty: 'No data: the sources do not list all towns of %1.',
            asWritten: 'As written in the source: %1', countyUnknown: 'County: not stated in the sources',
            noFigures: 'The sources give no figures for this town.', otherReading: 'Other reading: %1',
            parks: 'Parks and platforms (%1)', projects: 'Planned projects (%1)', sources: 'Sources (%1)',
            sourcesPlain: 'Sources', dataNotes: 'Data notes', dataVersion: 'Data version %1',
            investment: 'investment %1', countyNotStated: 'county not stated',
            overview: 'Overview', townsPerCounty: 'Towns per county: %1', noTownsIn: 'No towns in the sources: %1',
            unplaced: 'Towns whose county the sources do not state', layoutSection: 'Corridor, core and belt (schematic)',
            counts: 'Counts stated in the documents', specialtyTown: 'Specialty town',
            placementPoint: 'The point shows the county (county-level placement), not the town\'s location.',
            placementPark: 'The point shows the county (county-level placement), not the exact location.',
            industry: 'Industry: %1', layoutKind: 'Layout: %1', countyIs: 'County: %1',
            schematicShape: 'The shape is schematic, derived from the places the plan names.',
            file: 'file %1 · SHA-256 %2', loading: 'Loading…', loadFailed: 'Cannot load: %1',
            needsServer: 'This layer is made of vector tiles: open the site from a web server (tiles do not load from file://).',
            about: 'Sources and licences', documents: 'Source documents', licenses: 'Licences: see LICENSES.md.',
            generated: 'Made by %1; map engine MapLibre GL JS %2.',
            clickHint: 'Click a county or a town for its summary (every figure with its source sentence).',
            scopeTitle: 'scope',
        },
    };

    const state = {
        lang: 'zh_CN',
        theme: SITE.themes[0].id,
        filters: {level: new Set(), sector: new Set(), city: new Set()},
        selection: null,  // {kind, id}
    };
    let map = null;
    const data = {};        // dataset name → GeoJSON
    const summaries = {};   // "lang/kind/id" → model JSON
    const waiting = {};     // script src → {resolve, reject}
    const images = {};      // image id → decoded HTMLImageElement

    function w(key) {
        return WORDS[state.lang][key];
    }
    function fmt(text, ...args) {
        return args.reduce((s, a, i) => s.split('%' + (i + 1)).join(a), text);
    }
    function pick(both) {
        if (!both) return '';
        return both[state.lang] || both.zh_CN || '';
    }
    function el(tag, attrs, ...children) {
        const e = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs || {})) {
            if (v === undefined || v === null || v === false) continue;
            if (k === 'class') e.className = v;
            else if (k === 'text') e.textContent = v;
            else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
            else e.setAttribute(k, v === true ? '' : v);
        }
        for (const c of children.flat()) {
            if (c === undefined || c === null || c === false || c === '') continue;
            e.append(c instanceof Node ? c : document.createTextNode(String(c)));
        }
        return e;
    }
    function themeById(id) {
        return SITE.themes.find(t => t.id === id) || SITE.themes[0];
    }
    function currentTheme() {
        return themeById(state.theme);
    }

    // ------------------------------------------------------------ loading scripts

    // Data and summaries come as scripts (jinmapData / jinmapSummary calls),
    // which load from file:// where fetch and XHR do not.
    function loadScript(src) {
        if (waiting[src]) return waiting[src].promise;
        const entry = {};
        entry.promise = new Promise((resolve, reject) => {
            entry.resolve = resolve;
            entry.reject = reject;
        });
        waiting[src] = entry;
        const s = document.createElement('script');
        s.src = src;
        s.async = true;
        s.onload = () => entry.resolve();
        s.onerror = () => {
            delete waiting[src];
            entry.reject(new Error(src));
        };
        document.head.appendChild(s);
        return entry.promise;
    }
    // MapLibre 5.24 draws text from local fonts (TinySDF), which loses a
    // glyph whose ink starts right of its origin: the fullwidth opening
    // parenthesis （ vanished from labels (示范区　灵丘）). The properties that
    // label texts read get the ASCII pair instead; search, summaries and
    // sources keep the original text.
    const labelProperties = new Set();
    (function collect() {
        const visit = v => {
            if (!Array.isArray(v)) return;
            if (v[0] === 'get' && typeof v[1] === 'string') labelProperties.add(v[1]);
            v.forEach(visit);
        };
        for (const t of SITE.themes) {
            for (const l of t.style.layers) visit((l.layout || {})['text-field']);
            Object.values(t.englishText || {}).forEach(visit);
        }
    })();
    function labelText(text) {
        return text.replace(/（/g, '(').replace(/）/g, ')');
    }
    // A dataset script passes its GeoJSON as a string (JSON.parse is much
    // faster than evaluating the same data as a JavaScript literal).
    window.jinmapData = function (name, json) {
        const geojson = typeof json === 'string' ? JSON.parse(json) : json;
        for (const f of geojson.features)
            for (const p of labelProperties) {
                const v = f.properties[p];
                if (typeof v === 'string' && /[（）]/.test(v)) f.properties[p] = labelText(v);
            }
        data[name] = geojson;
    };
    window.jinmapSummary = function (lang, kind, id, json) {
        summaries[lang + '/' + kind + '/' + id] = json;
    };
    async function dataset(name) {
        const info = SITE.datasets[name];
        if (!info || !info.file) return null;
        if (!data[name]) await loadScript(info.file);
        return data[name];
    }
    async function summary(kind, id) {
        const key = state.lang + '/' + kind + '/' + id;
        if (!summaries[key]) await loadScript('summaries/' + state.lang + '/' + kind + '-' + id + '.js');
        return summaries[key];
    }

    // ------------------------------------------------------------ styles and images

    // The theme's MapLibre style with its datasets put in (GeoJSON) or its
    // tile URLs made absolute (workers resolve relative URLs against their
    // own blob: address).
    async function styleFor(theme) {
        const style = JSON.parse(JSON.stringify(theme.style));
        const names = [...new Set(Object.values(theme.sources))];
        await Promise.all(names.map(dataset));
        for (const [source, name] of Object.entries(theme.sources)) {
            const s = style.sources[source];
            if (s.type === 'geojson') s.data = data[name] || {type: 'FeatureCollection', features: []};
            else if (s.tiles) s.tiles = s.tiles.map(t => new URL(t, document.baseURI).href.replace(/%7B/g, '{').replace(/%7D/g, '}'));
        }
        for (const layer of style.layers) {
            const english = theme.englishText[layer.id];
            if (english && state.lang === 'en') layer.layout = Object.assign({}, layer.layout, {'text-field': english});
        }
        return style;
    }

    async function decodeImages() {
        const hidpi = (window.devicePixelRatio || 1) > 1.5;
        const jobs = [];
        for (const [id, image] of Object.entries(SITE.images)) {
            if (id.endsWith('@2x')) continue;
            const hi = SITE.images[id + '@2x'];
            const chosen = hidpi && hi ? hi : image;
            const img = new Image();
            img.src = chosen.url;
            images[id] = {img, pixelRatio: chosen.pixelRatio, sdf: chosen.sdf};
            jobs.push(img.decode());
        }
        await Promise.all(jobs);
    }

    function addMissingImage(e) {
        const image = images[e.id];
        if (image && !map.hasImage(e.id)) map.addImage(e.id, image.img, {pixelRatio: image.pixelRatio, sdf: image.sdf});
    }

    // ------------------------------------------------------------ view

    function mercY(lat) {
        const r = lat * Math.PI / 180;
        return Math.log(Math.tan(Math.PI / 4 + r / 2));
    }
    function latOf(y) {
        return (2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180 / Math.PI;
    }
    // The configured extent grown by its margin in Web Mercator, as the
    // desktop's `render --extent` frames it.
    function viewBounds(bounds = SITE.view.bounds, margin = SITE.view.margin) {
        const [x0, y0, x1, y1] = bounds;
        const m = margin || 0;
        const mx0 = x0 * Math.PI / 180, mx1 = x1 * Math.PI / 180;
        const my0 = mercY(y0), my1 = mercY(y1);
        const dx = (mx1 - mx0) * m, dy = (my1 - my0) * m;
        return [[(mx0 - dx) * 180 / Math.PI, latOf(my0 - dy)], [(mx1 + dx) * 180 / Math.PI, latOf(my1 + dy)]];
    }

    // ------------------------------------------------------------ filters

    function townFilterExpression() {
        const parts = [];
        const f = state.filters;
        if (f.level.size) parts.push(['in', ['get', 'level'], ['literal', [...f.level]]]);
        if (f.sector.size) parts.push(['in', ['get', 'sector_group'], ['literal', [...f.sector]]]);
        if (f.city.size) parts.push(['in', ['get', 'prefecture'], ['literal', [...f.city]]]);
        return parts;
    }
    function townPasses(props) {
        const f = state.filters;
        return (!f.level.size || f.level.has(props.level)) &&
            (!f.sector.size || f.sector.has(props.sector_group)) &&
            (!f.city.size || f.city.has(props.prefecture));
    }
    function datasetKind(theme, source) {
        const info = SITE.datasets[theme.sources[source]];
        return info ? info.kind : '';
    }
    function applyFilters() {
        if (!map || !map.isStyleLoaded()) return;
        const theme = currentTheme();
        const extra = townFilterExpression();
        for (const layer of theme.style.layers) {
            if (!layer.source || datasetKind(theme, layer.source) !== 'town') continue;
            if (!map.getLayer(layer.id)) continue;
            const parts = (layer.filter ? [layer.filter] : []).concat(extra);
            map.setFilter(layer.id, parts.length === 0 ? null : parts.length === 1 ? parts[0] : ['all', ...parts]);
        }
        renderLegend();
    }

    function renderFilters() {
        const box = document.getElementById('filters');
        box.replaceChildren();
        const theme = currentTheme();
        const hasTowns = Object.keys(theme.sources).some(s => datasetKind(theme, s) === 'town');
        box.hidden = !hasTowns;
        if (!hasTowns) return;
        box.append(el('h2', {text: w('filters')}));
        for (const group of ['level', 'sector', 'city']) {
            const set = state.filters[group];
            const fieldset = el('fieldset', {'data-group': group}, el('legend', {text: w(group)}));
            for (const option of SITE.filters[group]) {
                const input = el('input', {type: 'checkbox', value: option.value, checked: set.has(option.value)});
                input.addEventListener('change', () => {
                    if (input.checked) set.add(option.value);
                    else set.delete(option.value);
                    applyFilters();
                    writeHash();
                });
                fieldset.append(el('label', {}, input, ' ', pick(option.label)));
            }
            box.append(fieldset);
        }
        box.append(el('p', {class: 'hint', text: w('filterNote')}),
                   el('button', {type: 'button', onclick: () => {
                       for (const s of Object.values(state.filters)) s.clear();
                       renderFilters();
                       applyFilters();
                       writeHash();
                   }}, w('clear')));
    }

    // ------------------------------------------------------------ legend

    function swatch(group, entry) {
        const ns = 'http://www.w3.org/2000/svg';
        const svg = document.createElementNS(ns, 'svg');
        svg.setAttribute('width', '28');
        svg.setAttribute('height', '18');
        svg.setAttribute('viewBox', '0 0 28 18');
        svg.setAttribute('aria-hidden', 'true');
        const add = (tag, attrs) => {
            const e = document.createElementNS(ns, tag);
            for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
            svg.append(e);
            return e;
        };
        const color = entry.color;
        if (group.symbol === 'fill') {
            add('rect', {x: 2, y: 2, width: 24, height: 14, fill: color, 'fill-opacity': entry.opacity});
            if (entry.hatch) {
                const stroke = entry.strokeWidth > 0 ? entry.stroke : '#808080';
                for (let x = -14; x < 28; x += 6)
                    add('line', {x1: x, y1: 16, x2: x + 14, y2: 2, stroke, 'stroke-width': 1, 'clip-path': 'inset(0)'});
                add('rect', {x: 2, y: 2, width: 24, height: 14, fill: 'none', stroke: stroke, 'stroke-width': 1});
            } else if (entry.strokeWidth > 0) {
                add('rect', {x: 2.5, y: 2.5, width: 23, height: 13, fill: 'none', stroke: entry.stroke, 'stroke-width': 1});
            }
        } else if (group.symbol === 'line') {
            const width = Math.min(Math.max(entry.size, 1), 12);
            const attrs = {x1: 2, y1: 9, x2: 26, y2: 9, stroke: color, 'stroke-width': width, 'stroke-opacity': entry.opacity};
            if (entry.dash && entry.dash.length) attrs['stroke-dasharray'] = entry.dash.map(d => d * width).join(' ');
            add('line', attrs);
        } else {
            const r = Math.min(Math.max(entry.size, 2), 8);
            const attrs = {fill: color, 'fill-opacity': entry.opacity, stroke: entry.strokeWidth > 0 ? entry.stroke : 'none',
                           'stroke-width': entry.strokeWidth};
            if (entry.shape === 'star') {
                const pts = [];
                for (let k = 0; k < 10; k++) {
                    const a = -Math.PI / 2 + k * Math.PI / 5, rr = k % 2 === 0 ? r * 1.25 : r * 0.5;
                    pts.push((14 + rr * Math.cos(a)).toFixed(2) + ',' + (9 + rr * Math.sin(a)).toFixed(2));
                }
                add('polygon', Object.assign({points: pts.join(' ')}, attrs));
            } else if (entry.shape === 'square') {
                add('rect', Object.assign({x: 14 - r, y: 9 - r, width: 2 * r, height: 2 * r}, attrs));
            } else if (entry.shape === 'triangle') {
                add('polygon', Object.assign({points: `14,${9 - 1.2 * r} ${14 - 1.04 * r},${9 + 0.6 * r} ${14 + 1.04 * r},${9 + 0.6 * r}`}, attrs));
            } else {
                add('circle', Object.assign({cx: 14, cy: 9, r}, attrs));
            }
        }
        return svg;
    }

    // Features per class; for town layers only those the filters leave.
    function legendCounts(group) {
        const counts = group.entries.map(e => e.count);
        if (!group.classes || group.kind !== 'town') return counts;
        const geojson = data[group.dataset];
        if (!geojson) return counts;
        const out = group.entries.map(() => 0);
        group.classes.forEach((cls, i) => {
            const f = geojson.features[i];
            if (cls >= 0 && f && townPasses(f.properties)) out[cls]++;
        });
        return out;
    }

    function renderLegend() {
        const box = document.getElementById('legend');
        const theme = currentTheme();
        const legend = theme.legend;
        box.replaceChildren(el('h2', {text: pick(legend.title) || w('legend')}));
        for (const group of legend.groups) {
            const counts = legendCounts(group);
            const list = el('ul', {class: 'legend-entries'});
            group.entries.forEach((entry, i) => {
                // A class no feature falls in (after the filters) says nothing.
                if (group.classes && counts[i] === 0) return;
                list.append(el('li', {'data-key': entry.key}, swatch(group, entry),
                               el('span', {class: 'label', text: pick(entry.label)}),
                               el('span', {class: 'count', text: String(counts[i])})));
            });
            box.append(el('div', {class: 'legend-group', 'data-layer': group.layer},
                          el('h3', {text: pick(group.title)}), list));
        }
        if (pick(legend.note)) box.append(el('p', {class: 'legend-note', text: pick(legend.note)}));
    }

    // ------------------------------------------------------------ search

    function normalise(text) {
        const map = SITE.places.t2s;
        let out = '';
        for (const ch of String(text || '').trim()) out += map[ch] || ch;
        return out.toLowerCase().replace(/\s+/g, ' ');
    }
    const KIND_ORDER = {county: 0, city: 1, town: 2, park: 3, platform: 4, layout: 5};
    function search(query) {
        const q = normalise(query);
        if (!q) return [];
        const scored = [];
        for (const e of SITE.places.entries) {
            const names = [e.n, e.w || '', (e.e || '').toLowerCase()].map(normalise);
            let score = -1;
            for (const n of names) {
                if (!n) continue;
                if (n === q) score = Math.max(score, 3);
                else if (n.startsWith(q)) score = Math.max(score, 2);
                else if (n.includes(q)) score = Math.max(score, 1);
            }
            if (score >= 0) scored.push({e, score});
        }
        scored.sort((a, b) => b.score - a.score || KIND_ORDER[a.e.k] - KIND_ORDER[b.e.k] || a.e.n.localeCompare(b.e.n, 'zh'));
        return scored.slice(0, 12).map(s => s.e);
    }
    function placeName(e) {
        return state.lang === 'en' && e.e ? e.e + ' ' + e.n : e.n;
    }
    function renderResults(list, query) {
        const box = document.getElementById('search-results');
        box.replaceChildren();
        box.hidden = !query;
        if (!query) return;
        if (!list.length) {
            box.append(el('li', {class: 'empty', text: w('noResults')}));
            return;
        }
        for (const e of list) {
            const context = state.lang === 'en' ? (e.ce || e.c) : e.c;
            box.append(el('li', {},
                el('button', {type: 'button', 'data-kind': e.k, 'data-id': e.id, onclick: () => choosePlace(e)},
                   el('span', {class: 'name', text: placeName(e)}),
                   el('span', {class: 'kind', text: w('kinds')[e.k] || e.k}),
                   context ? el('span', {class: 'context', text: context}) : null)));
        }
    }
    function choosePlace(e) {
        document.getElementById('search-results').hidden = true;
        if (e.b && map) {
            const point = e.b[0] === e.b[2] && e.b[1] === e.b[3];
            map.fitBounds([[e.b[0], e.b[1]], [e.b[2], e.b[3]]], {padding: 60, maxZoom: point ? 9 : 10, duration: 600});
        }
        select(e.k, e.id);
    }

    // ------------------------------------------------------------ summaries

    function placeEntry(kind, id) {
        return SITE.places.entries.find(e => e.k === kind && e.id === id);
    }
    function quoteBlock(citation, quote, provenance) {
        if (!citation && !quote) return null;
        return el('div', {class: 'source'},
                  citation ? el('cite', {text: citation}) : null,
                  quote ? el('q', {text: quote}) : null,
                  provenance ? el('span', {class: 'provenance', text: provenance}) : null);
    }
    function noteRow(n) {
        return el('p', {class: 'note' + (n.kind === 'conflict' ? ' warn' : ''), 'data-kind': n.kind, text: n.text});
    }
    function section(title) {
        return el('h3', {class: 'section', text: title});
    }
    function info(text) {
        return text ? el('p', {class: 'info', text}) : null;
    }

    class SummaryView {
        constructor(json) {
            this.json = json;
            this.docs = {};
            for (const s of json.sources || []) this.docs[s.id] = s;
        }
        citation(id) {
            return this.docs[id] ? this.docs[id].citation : '';
        }
        provenance(id) {
            const s = this.docs[id];
            return s ? fmt(w('file'), s.file, s.sha256.slice(0, 12) + '…') : '';
        }
        fact(f) {
            const badge = el('span', {class: 'badge scope-' + f.scope, title: w('scopeTitle'), text: f.scope_badge});
            const row = el('div', {class: 'fact' + (f.conflict ? ' conflict' : ''), 'data-fact': f.fact_id},
                el('div', {class: 'fact-head'},
                   el('span', {class: 'fact-label', text: f.label}),
                   el('span', {class: 'fact-value', text: f.value_with_year}),
                   badge,
                   f.conflict ? el('span', {class: 'warn-mark', title: w('otherReading'), text: '⚠'}) : null),
                quoteBlock(f.citation, f.source && f.source.quote, this.provenance(f.source && f.source.source_id)));
            for (const c of f.conflicts || []) {
                let line = fmt(w('otherReading'), c.value);
                if (c.town) line += ' · ' + c.town;
                if (c.label && c.label !== f.label) line += ' · ' + c.label;
                row.append(el('div', {class: 'other-reading'}, el('p', {text: line}),
                              quoteBlock(c.citation, c.source && c.source.quote),
                              c.note ? el('p', {class: 'note warn', text: c.note.text}) : null));
            }
            for (const n of f.notes || []) row.append(noteRow(n));
            return row;
        }
        town(t, out) {
            let detail = t.sector;
            if (t.sector_group && t.sector_group !== t.sector)
                detail += state.lang === 'zh_CN' ? '（' + t.sector_group + '）' : ' (' + t.sector_group + ')';
            const src = (t.provenance || [])[0];
            out.push(el('div', {class: 'town level-' + t.level, 'data-town': t.id},
                el('h4', {}, el('span', {class: 'town-name', text: t.name}),
                   el('span', {class: 'level', text: t.level_text})),
                el('p', {class: 'detail', text: detail}),
                src ? quoteBlock(this.citation(src.source_id), src.quote, this.provenance(src.source_id)) : null));
            if (t.name_as_written) out.push(info(fmt(w('asWritten'), '「' + t.name_as_written + '」')));
            if (!t.county_adcode) out.push(info(w('countyUnknown')));
            if (!t.facts.length) out.push(info(w('noFigures')));
            for (const f of t.facts) out.push(this.fact(f));
            for (const n of t.notes || []) out.push(noteRow(n));
        }
        parks(list, platform, out) {
            for (const p of list) {
                const src = (p.provenance || [])[0];
                out.push(el('div', {class: 'park', 'data-park': p.id},
                    el('h4', {text: p.name}),
                    el('p', {class: 'detail', text: [platform ? p.kind_text : p.industry, platform ? '' : p.kind_text].filter(Boolean).join(' · ')}),
                    src ? quoteBlock(this.citation(src.source_id), src.quote, this.provenance(src.source_id)) : null));
                for (const n of p.notes || []) out.push(noteRow(n));
            }
        }
        projects(list, withCounty, out) {
            for (const p of list) {
                const detail = [];
                if (p.industry) detail.push(p.industry);
                if (withCounty) detail.push(p.county || w('countyNotStated'));
                if (p.investment) detail.push(fmt(w('investment'), p.investment));
                if (p.builder) detail.push(p.builder);
                out.push(el('div', {class: 'project'}, el('h4', {text: p.name}),
                    el('p', {class: 'detail', text: detail.join(' · ')}),
                    p.content ? el('p', {class: 'content', text: p.content}) : null,
                    quoteBlock(p.citation, p.source && p.source.quote, this.provenance(p.source && p.source.source_id))));
                for (const n of p.notes || []) out.push(noteRow(n));
            }
        }
        sources(list, out) {
            if (!list.length) return;
            out.push(section(fmt(w('sources'), list.length)));
            for (const s of list) {
                out.push(el('div', {class: 'document', 'data-source': s.id}, el('cite', {text: s.citation}),
                            el('span', {class: 'provenance', text: fmt(w('file'), s.file, s.sha256)}),
                            (s.notes || []).map(noteRow)));
            }
        }
        dataNotes(notes, version, out) {
            out.push(section(w('dataNotes')));
            for (const n of notes || []) out.push(noteRow(n));
            out.push(info(fmt(w('dataVersion'), version)));
        }
    }

    function cityLink(name, adcode) {
        if (!adcode) return null;
        return el('p', {class: 'link'}, el('a', {href: '#', onclick: ev => {
            ev.preventDefault();
            select('city', adcode);
        }, text: fmt(w('citySummary'), name)}));
    }

    function countyPanel(json) {
        const v = new SummaryView(json);
        const out = [cityLink(json.prefecture, json.prefecture_adcode), section(fmt(w('towns'), json.towns.length))];
        if (!json.towns.length)
            out.push(info(json.coverage === 'full' ? w('noTownCounty') : fmt(w('noDataCounty'), json.prefecture)));
        for (const t of json.towns) v.town(t, out);
        if (json.parks.length || json.platforms.length) {
            out.push(section(fmt(w('parks'), json.parks.length + json.platforms.length)));
            v.parks(json.parks, false, out);
            v.parks(json.platforms, true, out);
        }
        if (json.projects.length) {
            out.push(section(fmt(w('projects'), json.projects.length)));
            v.projects(json.projects, false, out);
        }
        v.sources(json.sources, out);
        v.dataNotes(json.notes, json.data_version, out);
        return {title: json.name, subtitle: json.prefecture + ' · ' + w('code') + ' ' + json.adcode, body: out};
    }

    function cityPanel(json) {
        const v = new SummaryView(json);
        const out = [section(w('overview')), info(json.coverage_text)];
        const per = json.counties.filter(c => c.towns > 0).map(c => c.name + ' ' + c.towns);
        const without = json.counties.filter(c => c.towns === 0).map(c => c.name);
        const sep = state.lang === 'zh_CN' ? '、' : ', ';
        if (per.length) out.push(info(fmt(w('townsPerCounty'), per.join(sep))));
        if (without.length) out.push(info(fmt(w('noTownsIn'), without.join(sep))));
        const unplaced = [];
        for (const level of ['provincial', 'municipal', 'unknown']) {
            const list = json.towns.filter(t => t.level === level);
            if (!list.length) continue;
            const word = SITE.filters.level.find(o => o.value === level);
            out.push(section(pick(word && word.label) + '（' + list.length + '）'));
            for (const t of list) {
                out.push(el('p', {class: 'town-line level-' + t.level},
                    el('a', {href: '#', onclick: ev => {
                        ev.preventDefault();
                        select('town', t.id);
                    }, text: t.name}),
                    ' ', el('span', {class: 'detail', text: (t.county || w('countyNotStated')) + ' · ' + t.sector_group})));
                if (!t.county_adcode) unplaced.push(t);
            }
        }
        if (unplaced.length) {
            out.push(section(w('unplaced')));
            for (const t of unplaced) v.town(t, out);
        }
        if (json.layout.length) {
            out.push(section(w('layoutSection')));
            for (const l of json.layout) {
                const src = (l.provenance || [])[0];
                out.push(el('div', {class: 'park', 'data-layout': l.id}, el('h4', {text: l.name}),
                    el('p', {class: 'detail', text: l.kind_text}),
                    l.description ? el('p', {class: 'content', text: l.description}) : null,
                    src ? quoteBlock(v.citation(src.source_id), src.quote, v.provenance(src.source_id)) : null));
                for (const n of l.notes || []) out.push(noteRow(n));
            }
        }
        if (json.parks.length || json.platforms.length) {
            out.push(section(fmt(w('parks'), json.parks.length + json.platforms.length)));
            v.parks(json.parks, false, out);
            v.parks(json.platforms, true, out);
        }
        if (json.projects.length) {
            out.push(section(fmt(w('projects'), json.projects.length)));
            v.projects(json.projects, true, out);
        }
        if (json.counts.length) {
            out.push(section(w('counts')));
            for (const c of json.counts) {
                out.push(el('div', {class: 'fact'},
                    el('div', {class: 'fact-head'}, el('span', {class: 'fact-label', text: c.scope + ' · ' + c.what}),
                       el('span', {class: 'fact-value', text: String(c.count)})),
                    quoteBlock(c.citation, c.source && c.source.quote, v.provenance(c.source && c.source.source_id))));
                for (const n of c.notes || []) out.push(noteRow(n));
            }
        }
        v.sources(json.sources, out);
        v.dataNotes(json.notes, json.data_version, out);
        return {title: json.name, subtitle: w('kinds').city + ' · ' + w('code') + ' ' + json.adcode, body: out};
    }

    function townPanel(json, id) {
        const t = (json.towns || []).find(x => x.id === id);
        if (!t) return null;
        const v = new SummaryView(json);
        const cited = new Set();
        for (const p of t.provenance || []) cited.add(p.source_id);
        for (const f of t.facts) {
            cited.add(f.source.source_id);
            for (const c of f.conflicts || []) cited.add(c.source && c.source.source_id);
        }
        const out = [cityLink(t.prefecture, json.prefecture_adcode || (json.counties ? json.adcode : '')),
                     section(w('specialtyTown'))];
        v.town(t, out);
        v.sources((json.sources || []).filter(s => cited.has(s.id)), out);
        out.push(section(w('dataNotes')));
        if (t.location_precision === 'county') out.push(info(w('placementPoint')));
        out.push(info(fmt(w('dataVersion'), json.data_version)));
        const sub = (state.lang === 'en' && t.name !== t.name_zh ? t.name_zh + ' · ' : '') + t.prefecture + (t.county ? ' · ' + t.county : '');
        return {title: t.name, subtitle: sub, body: out};
    }

    function parkPanel(json, kind, id) {
        const list = kind === 'layout' ? (json.layout || []) : kind === 'park' ? json.parks : json.platforms;
        const p = (list || []).find(x => x.id === id);
        if (!p) return null;
        const v = new SummaryView(json);
        const out = [section(w('kinds')[kind])];
        if (kind === 'layout') {
            out.push(info(p.description), info(w('schematicShape')));
        } else {
            if (p.industry) out.push(info(fmt(w('industry'), p.industry)));
            if (kind === 'park' && p.kind_text) out.push(info(fmt(w('layoutKind'), p.kind_text)));
            if (p.county) out.push(info(fmt(w('countyIs'), p.county)));
            out.push(info(w('placementPark')));
        }
        if ((p.provenance || []).length) {
            out.push(section(w('sourcesPlain')));
            for (const src of p.provenance)
                out.push(quoteBlock(v.citation(src.source_id), src.quote, v.provenance(src.source_id)));
        }
        for (const n of p.notes || []) out.push(noteRow(n));
        out.push(info(fmt(w('dataVersion'), json.data_version)));
        const subtitle = w('kinds')[kind] + (p.county ? ' · ' + p.county : '');
        return {title: p.name, subtitle, body: out};
    }

    let selectSerial = 0;
    async function select(kind, id, {fromHash = false} = {}) {
        const serial = ++selectSerial;
        state.selection = kind ? {kind, id} : null;
        highlight();
        if (!fromHash) writeHash();
        const panel = document.getElementById('summary');
        if (!kind) {
            panel.hidden = true;
            return;
        }
        const entry = kind === 'county' || kind === 'city' ? {s: kind + ':' + id} : placeEntry(kind, id);
        const ref = entry && entry.s ? entry.s.split(':') : null;
        panel.hidden = false;
        panel.replaceChildren(el('p', {class: 'info', text: w('loading')}));
        let view = null;
        try {
            if (ref) {
                const json = await summary(ref[0], ref[1]);
                if (serial !== selectSerial) return;
                if (kind === 'county') view = countyPanel(json);
                else if (kind === 'city') view = cityPanel(json);
                else if (kind === 'town') view = townPanel(json, id);
                else view = parkPanel(json, kind, id);
            }
        } catch (err) {
            panel.replaceChildren(el('p', {class: 'note warn', text: fmt(w('loadFailed'), err.message)}));
            return;
        }
        if (serial !== selectSerial) return;
        if (!view) {
            const e = placeEntry(kind, id);
            view = {title: e ? placeName(e) : id, subtitle: w('kinds')[kind] || kind, body: [info(w('placementPark'))]};
        }
        panel.replaceChildren(
            el('header', {},
               el('button', {type: 'button', class: 'close', 'aria-label': w('close'), onclick: () => select(null)}, '×'),
               el('h2', {text: view.title}),
               el('p', {class: 'subtitle', text: view.subtitle})),
            el('div', {class: 'body', 'data-kind': kind, 'data-id': id}, view.body),
            el('p', {class: 'schematic', text: pick(SITE.texts.schematic)}));
        panel.scrollTop = 0;
    }

    // ------------------------------------------------------------ map interaction

    function highlight() {
        if (!map || !map.isStyleLoaded()) return;
        for (const id of ['jinmap-selection-area', 'jinmap-selection-point'])
            if (map.getLayer(id)) map.removeLayer(id);
        const sel = state.selection;
        if (!sel) return;
        const theme = currentTheme();
        // A vector-tile source needs its layer named (the dataset's name).
        const sourceOf = source => {
            const name = theme.sources[source];
            const tiled = SITE.datasets[name] && SITE.datasets[name].tiles;
            return tiled ? {source, 'source-layer': name} : {source};
        };
        if (sel.kind === 'county' && theme.click.county) {
            map.addLayer({id: 'jinmap-selection-area', type: 'line', ...sourceOf(theme.click.county.source),
                          filter: ['==', ['to-string', ['get', 'adcode']], sel.id],
                          paint: {'line-color': '#d7301f', 'line-width': 3}});
        } else if (['town', 'park', 'platform'].includes(sel.kind)) {
            const layer = (theme.click[sel.kind] || [])[0];
            const src = layer && map.getLayer(layer) && map.getLayer(layer).source;
            if (src) map.addLayer({id: 'jinmap-selection-point', type: 'circle', ...sourceOf(src),
                                   filter: ['==', ['to-string', ['get', 'id']], sel.id],
                                   paint: {'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)',
                                           'circle-stroke-color': '#d7301f', 'circle-stroke-width': 2.5}});
        }
    }

    function ringContains(ring, x, y) {
        let inside = false;
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const [xi, yi] = ring[i], [xj, yj] = ring[j];
            if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }
    function polygonContains(geometry, x, y) {
        const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
        let inside = false;
        for (const rings of polygons) for (const ring of rings) if (ringContains(ring, x, y)) inside = !inside;
        return inside;
    }
    // The county under a point: its polygon in the county dataset, among the
    // counties the theme draws; for vector tiles (no dataset in the page),
    // the county fill MapLibre drew there.
    function countyAt(lngLat, point) {
        const theme = currentTheme();
        const c = theme.click.county;
        if (!c) return null;
        const shown = new Set(c.ids);
        const geojson = data[theme.sources[c.source]];
        if (!geojson) {
            const layers = map.getStyle().layers.filter(l => l.source === c.source && l.type === 'fill').map(l => l.id);
            const hit = layers.length ? map.queryRenderedFeatures(point, {layers}).find(h => shown.has(String(h.properties.adcode))) : null;
            return hit ? String(hit.properties.adcode) : null;
        }
        for (const f of geojson.features) {
            const code = f.properties.adcode;
            if (shown.has(code) && polygonContains(f.geometry, lngLat.lng, lngLat.lat)) return code;
        }
        return null;
    }

    // Point features (towns, parks, platforms) under a click: the nearest
    // within a marker's reach; icon boxes are larger than the markers drawn.
    const REACH = 10;
    function pointHit(kind, p) {
        const theme = currentTheme();
        const layers = (theme.click[kind] || []).filter(id => map.getLayer(id));
        if (!layers.length) return null;
        const box = [[p.x - REACH, p.y - REACH], [p.x + REACH, p.y + REACH]];
        let best = null, bestD = Infinity;
        for (const h of map.queryRenderedFeatures(box, {layers})) {
            if (h.geometry.type !== 'Point') {
                if (!best) best = h;  // layout lines and areas: any hit
                continue;
            }
            const q = map.project(h.geometry.coordinates);
            const d = Math.hypot(q.x - p.x, q.y - p.y);
            if (d <= REACH && d < bestD) {
                bestD = d;
                best = h;
            }
        }
        return best;
    }

    function onClick(e) {
        if (!SITE.summaries) return;  // a map-only site (no facts model)
        for (const kind of ['town', 'platform', 'park', 'layout']) {
            const hit = pointHit(kind, e.point);
            if (hit) {
                select(kind, String(hit.properties.id));
                return;
            }
        }
        const county = countyAt(e.lngLat, e.point);
        select(county ? 'county' : null, county);
    }

    function onMove(e) {
        if (!SITE.summaries) return;
        const hit = ['town', 'platform', 'park', 'layout'].some(k => pointHit(k, e.point));
        map.getCanvas().style.cursor = hit || countyAt(e.lngLat, e.point) ? 'pointer' : '';
    }

    // ------------------------------------------------------------ language and chrome

    function applyLanguage() {
        document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
        for (const b of document.querySelectorAll('#lang-switch button'))
            b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
        for (const e of document.querySelectorAll('[data-t]')) e.textContent = w(e.dataset.t);
        const search = document.getElementById('search');
        search.placeholder = w('search');
        search.setAttribute('aria-label', w('search'));
        const select = document.getElementById('theme');
        select.replaceChildren(...SITE.themes.map(t => el('option', {value: t.id, selected: t.id === state.theme}, pick(t.name))));
        const theme = currentTheme();
        document.getElementById('title').textContent = pick(theme.name);
        document.title = pick(theme.name) + ' · ' + w('siteTitle');
        renderNotes();
        renderFilters();
        renderLegend();
        const q = search.value;
        if (q) renderResults(searchPlaces(q), q);
    }
    function searchPlaces(q) {
        return search(q);
    }

    function setLanguage(lang) {
        if (lang === state.lang || !WORDS[lang]) return;
        state.lang = lang;
        applyLanguage();
        if (map && map.isStyleLoaded()) {
            const theme = currentTheme();
            for (const layer of theme.style.layers) {
                const english = theme.englishText[layer.id];
                if (!english || !map.getLayer(layer.id)) continue;
                const original = (layer.layout || {})['text-field'];
                map.setLayoutProperty(layer.id, 'text-field', lang === 'en' ? english : original);
            }
        }
        if (state.selection) select(state.selection.kind, state.selection.id, {fromHash: true});
        writeHash();
    }

    async function setTheme(id) {
        if (id === state.theme && map) return;
        state.theme = themeById(id).id;
        applyLanguage();
        const style = await styleFor(currentTheme());
        holdPaint();
        map.setStyle(style, {diff: false});
        map.once('style.load', () => {
            performance.mark('jinmap:style');
            applyFilters();
            highlight();
        });
        warnTiles();
        writeHash();
    }

    function renderNotes() {
        const box = document.getElementById('notes');
        const texts = SITE.texts;
        const aboutList = el('ul', {}, SITE.documents.map(d =>
            el('li', {}, pick(d.citation), ' ', el('span', {class: 'provenance', text: fmt(w('file'), d.file, d.sha256)}))));
        // Town placement and coverage speak of the facts model's towns.
        const towns = SITE.summaries ? [el('p', {text: pick(texts.placement) + ' ' + pick(texts.coverage)})] : [];
        box.replaceChildren(
            el('p', {class: 'schematic', text: pick(texts.schematic)}),
            ...towns,
            el('p', {class: 'boundary', text: pick(texts.boundary)}),
            el('p', {class: 'version'}, fmt(w('dataVersion'), SITE.dataVersion), ' · ',
               fmt(w('generated'), SITE.generator, SITE.maplibre.replace('maplibre-gl@', '')), ' ', w('licenses')),
            el('details', {}, el('summary', {text: w('about')}), el('h3', {text: w('documents')}), aboutList));
    }

    function warnTiles() {
        const status = document.getElementById('map-status');
        const theme = currentTheme();
        const tiled = Object.values(theme.sources).some(n => SITE.datasets[n] && SITE.datasets[n].tiles);
        status.textContent = tiled && location.protocol === 'file:' ? w('needsServer') : '';
        status.hidden = !status.textContent;
    }

    // ------------------------------------------------------------ address (#theme=…&lang=…&sel=…)

    function readHash() {
        const h = new URLSearchParams(location.hash.replace(/^#/, ''));
        if (h.get('lang') && WORDS[h.get('lang')]) state.lang = h.get('lang');
        if (h.get('theme') && SITE.themes.some(t => t.id === h.get('theme'))) state.theme = h.get('theme');
        for (const g of ['level', 'sector', 'city']) {
            state.filters[g] = new Set((h.get(g) || '').split(',').filter(Boolean));
        }
        const sel = h.get('sel');
        if (sel && sel.includes(':')) {
            const i = sel.indexOf(':');
            state.selection = {kind: sel.slice(0, i), id: sel.slice(i + 1)};
        }
    }
    function writeHash() {
        const h = new URLSearchParams();
        h.set('theme', state.theme);
        h.set('lang', state.lang);
        for (const [g, set] of Object.entries(state.filters)) if (set.size) h.set(g, [...set].join(','));
        if (state.selection) h.set('sel', state.selection.kind + ':' + state.selection.id);
        history.replaceState(null, '', '#' + h.toString());
    }

    function wireChrome() {
        document.getElementById('search-box').hidden = !SITE.places.entries.length;
        for (const b of document.querySelectorAll('#lang-switch button'))
            b.addEventListener('click', () => setLanguage(b.dataset.lang));
        document.getElementById('theme').addEventListener('change', e => setTheme(e.target.value));
        const input = document.getElementById('search');
        input.addEventListener('input', () => renderResults(search(input.value), input.value.trim()));
        input.addEventListener('keydown', e => {
            if (e.key === 'Enter') {
                const first = search(input.value)[0];
                if (first) choosePlace(first);
            } else if (e.key === 'Escape') {
                document.getElementById('search-results').hidden = true;
            }
        });
        document.getElementById('print').addEventListener('click', () => window.print());
        // Print the map as an image of the current frame (WebGL canvases do
        // not print). The drawing buffer is not preserved between frames
        // (preserving it costs a copy of every frame): draw one now and read
        // it in the same task, before the browser may clear it.
        window.addEventListener('beforeprint', () => {
            if (!map) return;
            map.redraw();
            document.getElementById('print-map').src = map.getCanvas().toDataURL('image/png');
        });
    }

    // ------------------------------------------------------------ start

    // Labels are drawn by MapLibre from local fonts (no glyph server): the
    // label font must be ready before the first frame, or the first labels
    // come out in a fallback font.
    async function fontsReady() {
        const fonts = new Set();
        for (const t of SITE.themes)
            for (const l of t.style.layers)
                for (const f of ((l.layout || {})['text-font'] || ['Noto Sans CJK SC'])) if (typeof f === 'string') fonts.add(f);
        const loads = [...fonts].map(f => document.fonts.load('16px "' + f + '"', '山西专业镇 Shanxi'));
        const timeout = new Promise(resolve => setTimeout(resolve, 3000));
        await Promise.race([Promise.all(loads).catch(() => null), timeout]);
        await Promise.race([document.fonts.ready, timeout]);
    }

    // One complete first frame. While a style loads, MapLibre draws a frame
    // each time a tile arrives; in a browser without a GPU (SwiftShader,
    // the frame read back for the compositor) each costs 100–700 ms, and
    // the first load drew six to eight of them before the map was complete.
    // The page holds MapLibre's drawing (its painter; placement, tile
    // loading and events run as usual) until the map reports everything
    // loaded, and draws the complete frame then. Until then the previous
    // frame stays on screen (the page background at the start, the old
    // theme while switching). If loading stalls, drawing resumes after
    // PAINT_HOLD_MS so that a slow part cannot keep the map blank.
    const PAINT_HOLD_MS = 5000;
    let paintHeldSince = null;
    function wrapPaint() {
        const painter = map.painter;
        if (!painter || typeof painter.render !== 'function') return;  // another MapLibre: draw as it does
        const render = painter.render.bind(painter);
        painter.render = (style, options) => {
            if (paintHeldSince !== null) {
                // Arriving tiles read the painter's style (their buckets
                // are made for its layers) even when nothing is drawn.
                painter.style = style;
                if (!map.loaded() && performance.now() - paintHeldSince < PAINT_HOLD_MS) return;
                paintHeldSince = null;
                performance.mark('jinmap:first-frame');
            }
            render(style, options);
        };
    }
    function holdPaint() {
        paintHeldSince = performance.now();
    }

    async function start() {
        readHash();
        wireChrome();
        applyLanguage();
        // Phases of the first render, as performance marks (read by the
        // browser test's first-render report).
        const mark = (name, job) => job.then(v => (performance.mark('jinmap:' + name), v));
        const [style] = await Promise.all([mark('data', styleFor(currentTheme())), mark('fonts', fontsReady()),
                                           mark('images', decodeImages()), maplibreReady]);
        map = new maplibregl.Map({
            container: 'map',
            style,
            bounds: viewBounds(),
            fitBoundsOptions: {padding: 0},
            dragRotate: false,
            pitchWithRotate: false,
            touchPitch: false,
            maxPitch: 0,
            renderWorldCopies: false,
            attributionControl: {compact: true},
            // Labels appear at once, as on the desktop (a fade costs frames,
            // and frames are what a software-rendered browser waits for).
            fadeDuration: 0,
        });
        wrapPaint();
        holdPaint();
        map.touchZoomRotate.disableRotation();
        map.keyboard.disableRotation();
        map.addControl(new maplibregl.NavigationControl({showCompass: false}), 'top-right');
        map.addControl(new maplibregl.ScaleControl({unit: 'metric'}), 'bottom-left');
        map.on('styleimagemissing', addMissingImage);
        map.on('click', onClick);
        map.on('mousemove', onMove);
        map.on('error', e => console.error('map error:', e.error ? e.error.message : e));
        warnTiles();
        map.once('style.load', () => {
            performance.mark('jinmap:style');
            applyFilters();
            highlight();
        });
        await new Promise(resolve => map.once('idle', resolve));
        performance.mark('jinmap:idle');
        api.firstIdleMs = performance.now();
        api.scriptStartMs = T0;
        if (state.selection) select(state.selection.kind, state.selection.id, {fromHash: true});
        writeHash();
    }

    // For tests and embedding: the map, and promises to wait on.
    const api = {
        get map() {
            return map;
        },
        state,
        data,
        select,
        setLanguage,
        setTheme,
        search,
        // Frames the lon/lat box [minx, miny, maxx, maxy] grown by `margin`
        // (a fraction per side) in Web Mercator, like `jinmap render --extent`.
        fitExtent(bounds, margin) {
            map.fitBounds(viewBounds(bounds, margin), {padding: 0, animate: false});
        },
        // The next 'idle' (every tile loaded, every fade done).
        idle: () => new Promise(resolve => {
            map.once('idle', () => resolve());
            map.triggerRepaint();
        }),
    };
    window.jinmap = api;
    api.ready = start().catch(err => {
        console.error('jinmap: the map could not start:', err);
        document.getElementById('map-status').textContent = String(err && err.message || err);
        throw err;
    });
})();
