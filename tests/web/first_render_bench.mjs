// First render of a published site in headless Chromium, measured (never
// asserted; not a ctest): each theme is opened --runs times, each time in a
// fresh browser with the HTTP cache off (cold, as a colleague opening the
// link), with the flags of the web test. Reads the page's phase marks
// (jinmap:maplibre, data, fonts, images, style, first-frame = the first
// complete frame, idle) and the CPU time the browser's processes used
// between navigation and the first idle (less inflated than wall-clock time
// by other programs on a shared machine). Prints medians and writes the
// samples as JSON. With --trace, one extra load per theme is traced (CDP
// Tracing; busiest thread/event pairs printed, --trace-file keeps the trace
// for chrome://tracing or Perfetto).
//   node tests/web/first_render_bench.mjs --site DIR [--runs 5] [--mode http|file]
//        [--themes towns,datong-layout,admin] [--trace [--trace-file F]] [--out FILE]
// (publish the site first: jinmap --db DB publish --style … -o DIR)
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';

import {Browser} from './cdp.mjs';
import {serve} from './support.mjs';

const {values: opt} = parseArgs({options: {
    site: {type: 'string'}, runs: {type: 'string', default: '5'}, mode: {type: 'string', default: 'http'},
    themes: {type: 'string', default: 'towns,datong-layout,admin'}, trace: {type: 'boolean', default: false},
    'trace-file': {type: 'string'},
    out: {type: 'string'},
}});
if (!opt.site) {
    console.error('missing --site');
    process.exit(2);
}
const VIEWPORT = {width: 1280, height: 800};
// V8's compile and GC categories show the background JIT work.
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8',
                          'disabled-by-default-v8.compile', 'blink.user_timing', 'gpu', 'toplevel'];
const median = xs => {
    const s = xs.filter(x => typeof x === 'number').sort((a, b) => a - b);
    return s.length ? s[s.length >> 1] : null;
};

// CPU time (ms) used so far by the processes of a process group (the
// browser started by cdp.mjs leads its own); with `byType`, also per process
// type and, for renderer and GPU processes, per thread name.
function groupCpuMs(pgid, byType = null) {
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
        let stat;
        try {
            stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        } catch (e) {
            continue;  // exited
        }
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (+f[2] !== pgid) continue;
        const t = +f[11] + +f[12] + +f[13] + +f[14];
        ticks += t;
        if (byType) {
            let type = 'browser';
            try {
                const m = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
                if (m) type = m[1] + ' ' + pid;
            } catch (e) {
                continue;
            }
            byType[type] = t * 10;
            if (type.startsWith('renderer') || type.startsWith('gpu'))
                for (const tid of readdirSync(`/proc/${pid}/task`)) {
                    try {
                        const ts = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
                        const name = ts.slice(ts.indexOf('(') + 1, ts.lastIndexOf(')'));
                        const g = ts.slice(ts.lastIndexOf(')') + 2).split(' ');
                        const key = type.split(' ')[0] + '/' + name;
                        byType[key] = (byType[key] || 0) + (+g[11] + +g[12]) * 10;
                    } catch (e) {
                        // thread ended
                    }
                }
        }
    }
    return ticks * 10;  // USER_HZ = 100
}

async function sample(base, theme, trace) {
    const browser = await Browser.launch({...VIEWPORT, extraArgs: ['--enable-unsafe-swiftshader']});
    try {
        // Chromium's own start-up work (its WebUI pages) must not run in
        // the measured load.
        await new Promise(r => setTimeout(r, 4000));
        const page = await browser.newPage(VIEWPORT);
        await page.send('Network.setCacheDisabled', {cacheDisabled: true});
        let events = null;
        if (trace) {
            events = [];
            browser.conn.listeners.push(msg => {
                if (msg.method === 'Tracing.dataCollected') events.push(...msg.params.value);
            });
            await browser.conn.send('Tracing.start', {
                transferMode: 'ReportEvents',
                traceConfig: {includedCategories: TRACE_CATEGORIES},
            });
        }
        const before = {}, after = {};
        const cpu0 = groupCpuMs(browser.proc.pid, before);
        await page.navigate(base + 'index.html#theme=' + theme);
        await page.eval('window.jinmap.ready', 120000);
        const cpu = groupCpuMs(browser.proc.pid, after) - cpu0;
        const cpuByProcess = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] || 0)]).filter(([, v]) => v > 0));
        const t = await page.eval(`(() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const marks = Object.fromEntries(performance.getEntriesByType('mark').filter(m => m.name.startsWith('jinmap:'))
                                             .map(m => [m.name.slice(7), Math.round(m.startTime)]));
            return {idle: Math.round(window.jinmap.firstIdleMs), script: Math.round(window.jinmap.scriptStartMs),
                    dcl: Math.round(nav.domContentLoadedEventEnd), marks};
        })()`);
        t.cpu = cpu;
        t.cpuByProcess = cpuByProcess;
        if (trace) {
            const done = new Promise(r => browser.conn.listeners.push(m => m.method === 'Tracing.tracingComplete' && r()));
            await browser.conn.send('Tracing.end');
            await done;
            t.trace = summarise(events);
            if (opt['trace-file']) writeFileSync(opt['trace-file'], JSON.stringify({traceEvents: events}));
        }
        return t;
    } finally {
        await browser.close();
    }
}

// Sums complete ('X') top-level events per thread and name between the
// navigation and the page's first-idle mark.
function summarise(events) {
    const threads = {};
    for (const e of events)
        if (e.ph === 'M' && e.name === 'thread_name') threads[e.pid + ':' + e.tid] = e.args.name;
    const idleMark = events.find(e => e.name === 'jinmap:idle');
    // The page's own navigation (Chromium's WebUI pages navigate too).
    const nav = events.find(e => e.name === 'navigationStart' && /index\.html/.test(e.args?.data?.documentLoaderURL || ''));
    const t0 = nav ? nav.ts : Math.min(...events.filter(e => e.ts).map(e => e.ts));
    const t1 = idleMark ? idleMark.ts : Infinity;
    const sums = {};
    for (const e of events) {
        if (e.ph !== 'X' || !e.dur || e.ts < t0 || e.ts > t1) continue;
        const thread = threads[e.pid + ':' + e.tid] || 'thread ' + e.tid;
        const key = thread + ' / ' + e.name;
        sums[key] = (sums[key] || 0) + e.dur / 1000;
    }
    return Object.fromEntries(Object.entries(sums).filter(([, v]) => v > 20).sort((a, b) => b[1] - a[1]).slice(0, 40)
                                  .map(([k, v]) => [k, Math.round(v)]));
}

const server = await serve(resolve(opt.site));
const base = opt.mode === 'file' ? pathToFileURL(resolve(opt.site) + '/').href : server.url;
const out = {mode: opt.mode, runs: +opt.runs, themes: {}};
try {
    for (const theme of opt.themes.split(',')) {
        const samples = [];
        for (let i = 0; i < +opt.runs; ++i) samples.push(await sample(base, theme, false));
        const keys = new Set(samples.flatMap(s => Object.keys(s.marks)));
        const med = {script: median(samples.map(s => s.script)), dcl: median(samples.map(s => s.dcl)),
                     idle: median(samples.map(s => s.idle)), cpu: median(samples.map(s => s.cpu))};
        for (const k of keys) med[k] = median(samples.map(s => s.marks[k]));
        out.themes[theme] = {median: med, samples};
        console.log(`${theme} (${opt.mode}, median of ${samples.length}): ` + Object.entries(med).map(([k, v]) => `${k} ${v}`).join(', '));
        console.log('  idle samples: ' + samples.map(s => s.idle).join(' ') + '; cpu samples: ' + samples.map(s => s.cpu).join(' '));
        for (const s of samples) console.log('  cpu by process/thread (ms): ' + JSON.stringify(s.cpuByProcess));
        if (opt.trace) {
            const traced = await sample(base, theme, true);
            out.themes[theme].trace = traced.trace;
            console.log('  traced load: idle ' + traced.idle + ' ms; busiest (ms): ');
            for (const [k, v] of Object.entries(traced.trace)) console.log(`    ${v}\t${k}`);
        }
    }
} finally {
    server.close();
}
if (opt.out) writeFileSync(opt.out, JSON.stringify(out, null, 1) + '\n');
