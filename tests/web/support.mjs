// Helpers of the browser tests: a static HTTP server for a published site,
// running jinmap, image comparison inside the browser (PNG decoding and
// pixel arithmetic need no npm package there), and a tiny check collector.
import {execFileSync} from 'node:child_process';
import {createReadStream, existsSync, readFileSync, statSync} from 'node:fs';
import {createServer} from 'node:http';
import {extname, join, normalize} from 'node:path';

const MIME = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.pbf': 'application/x-protobuf',
    '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.png': 'image/png',
};

// Serves `root` on 127.0.0.1 (a free port); resolves to {url, close()}.
export function serve(root) {
    const server = createServer((req, res) => {
        const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
        const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
        if (!file.startsWith(normalize(root)) || !existsSync(file) || !statSync(file).isFile()) {
            res.writeHead(404);
            res.end('not found');
            return;
        }
        res.writeHead(200, {'Content-Type': MIME[extname(file)] || 'application/octet-stream'});
        createReadStream(file).pipe(res);
    });
    return new Promise(resolve => server.listen(0, '127.0.0.1', () => {
        resolve({url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close()});
    }));
}

export function jinmap(bin, args) {
    return execFileSync(bin, args, {encoding: 'utf8', env: {...process.env, QT_QPA_PLATFORM: 'offscreen'}});
}

// Checks are collected so one run reports every failure, then exits non-zero.
export class Checks {
    constructor() {
        this.failures = [];
        this.count = 0;
    }
    ok(condition, what, detail = '') {
        this.count++;
        if (condition) {
            console.log(`ok: ${what}`);
        } else {
            this.failures.push(`${what}${detail ? ': ' + detail : ''}`);
            console.log(`FAIL: ${what}${detail ? ': ' + detail : ''}`);
        }
        return condition;
    }
    finish() {
        console.log(`${this.count - this.failures.length}/${this.count} checks passed`);
        if (this.failures.length) {
            for (const f of this.failures) console.log(`  failed: ${f}`);
            process.exit(1);
        }
    }
}

export function png(path) {
    return readFileSync(path).toString('base64');
}

// Runs in the page: decodes two PNGs (base64), samples both at `points`,
// and compares every pixel. Returns samples, the share of pixels within `tolerance` on
// every channel, the mean absolute channel difference and a diff image.
export const compareInPage = `async (a, b, points, tolerance) => {
    async function decode(b64) {
        const blob = await (await fetch('data:image/png;base64,' + b64)).blob();
        const bmp = await createImageBitmap(blob);
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = c.getContext('2d', {willReadFrequently: true});
        ctx.drawImage(bmp, 0, 0);
        return ctx.getImageData(0, 0, bmp.width, bmp.height);
    }
    const A = await decode(a), B = await decode(b);
    if (A.width !== B.width || A.height !== B.height)
        return {error: 'sizes differ: ' + A.width + 'x' + A.height + ' vs ' + B.width + 'x' + B.height};
    const W = A.width, H = A.height;
    // Fill colour at a label point: the median of a 9×9 window in each image,
    // and how much of the other image's window lies within tolerance of it
    // (hatching is drawn by different engines: blurred tile-space patterns
    // in MapLibre, crisp 1 px lines on the desktop).
    const R = 4;
    function windowOf(img, x, y) {
        const px = [];
        for (let dy = -R; dy <= R; dy++) for (let dx = -R; dx <= R; dx++) {
            const qx = Math.min(W - 1, Math.max(0, Math.round(x) + dx));
            const qy = Math.min(H - 1, Math.max(0, Math.round(y) + dy));
            const i = (qy * W + qx) * 4;
            px.push([img.data[i], img.data[i + 1], img.data[i + 2]]);
        }
        return px;
    }
    function median(px) {
        return [0, 1, 2].map(ch => px.map(p => p[ch]).sort((p, q) => p - q)[px.length >> 1]);
    }
    function shareNear(px, c) {
        return px.filter(p => Math.max(...p.map((v, i) => Math.abs(v - c[i]))) <= tolerance).length / px.length;
    }
    const samples = points.filter(p => p.x >= 0 && p.y >= 0 && p.x < W && p.y < H).map(p => {
        const wa = windowOf(A, p.x, p.y), wb = windowOf(B, p.x, p.y);
        const ca = median(wa), cb = median(wb);
        const share = Math.min(shareNear(wa, cb), shareNear(wb, ca));
        return {id: p.id, name: p.name, x: Math.round(p.x), y: Math.round(p.y), a: ca, b: cb, share,
                diff: Math.max(...ca.map((v, i) => Math.abs(v - cb[i])))};
    });
    let close = 0, sum = 0;
    const diff = new ImageData(W, H);
    for (let i = 0; i < W * H; i++) {
        let m = 0;
        for (let ch = 0; ch < 3; ch++) {
            const d = Math.abs(A.data[i * 4 + ch] - B.data[i * 4 + ch]);
            sum += d;
            if (d > m) m = d;
        }
        if (m <= tolerance) close++;
        // Diff image: grey copy of A, differing pixels in red by strength.
        const g = (A.data[i * 4] + A.data[i * 4 + 1] + A.data[i * 4 + 2]) / 3;
        const red = m > tolerance;
        diff.data[i * 4] = red ? 255 : 200 + g / 5;
        diff.data[i * 4 + 1] = red ? 255 - Math.min(255, m * 2) : 200 + g / 5;
        diff.data[i * 4 + 2] = red ? 255 - Math.min(255, m * 2) : 200 + g / 5;
        diff.data[i * 4 + 3] = 255;
    }
    const c = new OffscreenCanvas(W, H);
    c.getContext('2d').putImageData(diff, 0, 0);
    const blob = await c.convertToBlob({type: 'image/png'});
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return {samples, closeShare: close / (W * H), meanDiff: sum / (W * H * 3), diffPng: btoa(bin)};
}`;

// Runs in the page: the colours of a PNG (base64), quantised to 4 bits a
// channel, that each cover at least `minShare` of its pixels. A map drawn
// has many (fills, lines, labels, markers); a frame not drawn has one.
export const coloursInPage = `async (b64, minShare) => {
    const bmp = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) {
        const key = (d[i] >> 4) << 8 | (d[i + 1] >> 4) << 4 | d[i + 2] >> 4;
        counts.set(key, (counts.get(key) || 0) + 1);
    }
    const pixels = d.length / 4;
    return [...counts.values()].filter(n => n >= minShare * pixels).length;
}`;

// Runs in the page: puts A and B side by side (with a 10 px gap) as one PNG.
export const sideBySideInPage = `async (a, b) => {
    async function bitmap(b64) {
        return createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
    }
    const A = await bitmap(a), B = await bitmap(b);
    const c = new OffscreenCanvas(A.width + B.width + 10, Math.max(A.height, B.height));
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(A, 0, 0);
    ctx.drawImage(B, A.width + 10, 0);
    const bytes = new Uint8Array(await (await c.convertToBlob({type: 'image/png'})).arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
}`;
