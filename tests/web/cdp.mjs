// A small Chrome DevTools Protocol client for the browser tests: starts
// Debian's headless Chromium with a fresh profile, talks to one page over the
// DevTools WebSocket (node 20: --experimental-websocket), collects console
// errors and exceptions, and stops the browser it started (by its pid).
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const CHROMIUM = process.env.JINMAP_CHROMIUM || '/usr/bin/chromium';

export class Browser {
    static async launch({width = 1280, height = 800, extraArgs = []} = {}) {
        const profile = mkdtempSync(join(tmpdir(), 'jinmap-chromium-'));
        const args = [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--disable-default-apps', '--hide-scrollbars', '--mute-audio',
            `--user-data-dir=${profile}`, `--window-size=${width},${height}`,
            '--remote-debugging-port=0', ...extraArgs, 'about:blank',
        ];
        const proc = spawn(CHROMIUM, args, {stdio: ['ignore', 'ignore', 'pipe']});
        const endpoint = await new Promise((resolve, reject) => {
            let text = '';
            const timer = setTimeout(() => reject(new Error('chromium did not start: ' + text)), 30000);
            proc.stderr.on('data', chunk => {
                text += chunk;
                const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
                if (m) {
                    clearTimeout(timer);
                    resolve(m[1]);
                }
            });
            proc.on('exit', code => reject(new Error(`chromium exited (${code}): ${text}`)));
        });
        const port = new URL(endpoint).port;
        const b = new Browser(proc, profile, port);
        return b;
    }

    constructor(proc, profile, port) {
        this.proc = proc;
        this.profile = profile;
        this.port = port;
    }

    async newPage({width = 1280, height = 800} = {}) {
        const res = await fetch(`http://127.0.0.1:${this.port}/json/new?about:blank`, {method: 'PUT'});
        const info = await res.json();
        const page = new Page(info.webSocketDebuggerUrl);
        await page.open();
        await page.send('Emulation.setDeviceMetricsOverride',
                        {width, height, deviceScaleFactor: 1, mobile: false});
        return page;
    }

    // Stops the browser this client started (by its pid) and removes its profile.
    async close() {
        if (this.proc.exitCode === null && this.proc.signalCode === null) {
            const exited = new Promise(resolve => this.proc.once('exit', resolve));
            this.proc.kill('SIGKILL');
            await exited;
        }
        for (let i = 0; i < 10; ++i) {
            try {
                rmSync(this.profile, {recursive: true, force: true});
                return;
            } catch (e) {
                await new Promise(r => setTimeout(r, 200));  // helper processes still writing
            }
        }
    }
}

export class Page {
    constructor(url) {
        this.url = url;
        this.nextId = 1;
        this.pending = new Map();
        this.listeners = new Map();
        this.errors = [];    // console errors, exceptions, failed loads
        this.messages = [];  // every console line, for the log
    }

    async open() {
        this.ws = new WebSocket(this.url);
        await new Promise((resolve, reject) => {
            this.ws.onopen = resolve;
            this.ws.onerror = () => reject(new Error('DevTools WebSocket failed'));
        });
        this.ws.onmessage = ev => this.dispatch(JSON.parse(ev.data));
        await this.send('Page.enable');
        await this.send('Runtime.enable');
        await this.send('Log.enable');
        await this.send('Network.enable');
        this.on('Runtime.consoleAPICalled', p => {
            const text = p.args.map(a => a.value ?? a.description ?? '').join(' ');
            this.messages.push(`${p.type}: ${text}`);
            if (p.type === 'error' || p.type === 'assert') this.errors.push(`console.${p.type}: ${text}`);
        });
        this.on('Runtime.exceptionThrown', p => {
            const d = p.exceptionDetails;
            this.errors.push(`exception: ${d.exception?.description || d.text} at ${d.url}:${d.lineNumber}`);
        });
        this.on('Log.entryAdded', p => {
            this.messages.push(`log ${p.entry.level}: ${p.entry.text} ${p.entry.url || ''}`);
            if (p.entry.level === 'error') this.errors.push(`log: ${p.entry.text} ${p.entry.url || ''}`);
        });
        this.on('Network.loadingFailed', p => {
            if (!p.canceled) this.errors.push(`load failed: ${p.errorText} (${p.requestId})`);
        });
    }

    dispatch(msg) {
        if (msg.id && this.pending.has(msg.id)) {
            const {resolve, reject, method} = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
            else resolve(msg.result);
        } else if (msg.method) {
            for (const fn of this.listeners.get(msg.method) || []) fn(msg.params, msg.sessionId);
        }
    }

    on(method, fn) {
        if (!this.listeners.has(method)) this.listeners.set(method, []);
        this.listeners.get(method).push(fn);
    }

    send(method, params = {}, sessionId = undefined) {
        const id = this.nextId++;
        this.ws.send(JSON.stringify(sessionId ? {id, method, params, sessionId} : {id, method, params}));
        return new Promise((resolve, reject) => this.pending.set(id, {resolve, reject, method}));
    }

    async navigate(url) {
        const loaded = new Promise(resolve => {
            const fn = () => resolve();
            this.on('Page.loadEventFired', fn);
        });
        const r = await this.send('Page.navigate', {url});
        if (r.errorText) throw new Error(`navigate ${url}: ${r.errorText}`);
        await loaded;
    }

    // Evaluates an expression (awaiting a promise) and returns its JSON value.
    async eval(expression, timeoutMs = 60000) {
        const r = await Promise.race([
            this.send('Runtime.evaluate', {expression, awaitPromise: true, returnByValue: true}),
            new Promise((_, reject) =>
                setTimeout(() => reject(new Error(`timeout evaluating: ${expression.slice(0, 120)}`)),
                           timeoutMs)),
        ]);
        if (r.exceptionDetails)
            throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description ||
                                               r.exceptionDetails.text}\n  in: ${expression.slice(0, 200)}`);
        return r.result.value;
    }

    // PNG (base64) of the viewport, or of `clip` {x, y, width, height}.
    async screenshot(clip) {
        const params = {format: 'png', captureBeyondViewport: false};
        if (clip) params.clip = {...clip, scale: 1};
        const r = await this.send('Page.captureScreenshot', params);
        return r.data;
    }

    async click(x, y) {
        for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'])
            await this.send('Input.dispatchMouseEvent',
                            {type, x, y, button: type === 'mouseMoved' ? 'none' : 'left', clickCount: 1});
    }

    async type(text) {
        await this.send('Input.insertText', {text});
    }

    close() {
        try {
            this.ws.close();
        } catch (e) { /* closed */ }
    }
}
