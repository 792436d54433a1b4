// A small Chrome DevTools Protocol client for the browser tests: starts
// Debian's headless Chromium with a fresh profile, talks to its pages over
// the DevTools pipe, collects console errors and exceptions, and stops the
// browser it started (by its pid).
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const CHROMIUM = process.env.JINMAP_CHROMIUM || '/usr/bin/chromium';

// The DevTools protocol over a pipe (--remote-debugging-pipe: Chromium reads
// commands on fd 3 and writes replies and events on fd 4, each message JSON
// ending in a NUL byte). No WebSocket and no port: works with Debian's node 18
// as with node 20, and no other process on the machine can reach the browser.
class Connection {
    constructor(input, output) {
        this.input = input;
        this.nextId = 1;
        this.pending = new Map();
        this.listeners = [];
        this.closed = null;
        let buffer = Buffer.alloc(0);
        output.on('data', chunk => {
            buffer = Buffer.concat([buffer, chunk]);
            for (let end = buffer.indexOf(0); end >= 0; end = buffer.indexOf(0)) {
                const text = buffer.subarray(0, end).toString('utf8');
                buffer = buffer.subarray(end + 1);
                this.dispatch(JSON.parse(text));
            }
        });
        output.on('close', () => this.fail(new Error('chromium closed the DevTools pipe')));
        input.on('error', err => this.fail(err));
    }

    fail(err) {
        this.closed = err;
        for (const {reject} of this.pending.values()) reject(err);
        this.pending.clear();
    }

    dispatch(msg) {
        if (msg.id && this.pending.has(msg.id)) {
            const {resolve, reject, method} = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
            else resolve(msg.result);
        } else if (msg.method) {
            for (const fn of this.listeners) fn(msg);
        }
    }

    send(method, params = {}, sessionId = undefined) {
        if (this.closed) return Promise.reject(this.closed);
        const id = this.nextId++;
        const msg = sessionId ? {id, method, params, sessionId} : {id, method, params};
        this.input.write(JSON.stringify(msg) + '\0');
        return new Promise((resolve, reject) => this.pending.set(id, {resolve, reject, method}));
    }
}

// `promise`, or a rejection after `ms` (the timer never outlives the promise).
function withTimeout(promise, ms, message) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class Browser {
    static async launch({width = 1280, height = 800, extraArgs = []} = {}) {
        const profile = mkdtempSync(join(tmpdir(), 'jinmap-chromium-'));
        const args = [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--disable-default-apps', '--hide-scrollbars', '--mute-audio',
            `--user-data-dir=${profile}`, `--window-size=${width},${height}`,
            '--remote-debugging-pipe', ...extraArgs, 'about:blank',
        ];
        // Its own process group, so that close() stops its helpers with it.
        const proc = spawn(CHROMIUM, args, {stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true});
        let stderr = '';
        proc.stderr.on('data', chunk => {
            stderr = (stderr + chunk).slice(-4000);
        });
        const started = new Promise((resolve, reject) => {
            proc.once('spawn', resolve);
            proc.once('error', reject);
        });
        await started;
        const b = new Browser(proc, profile, new Connection(proc.stdio[3], proc.stdio[4]));
        proc.on('exit', code => b.conn.fail(new Error(`chromium exited (${code}): ${stderr}`)));
        const version = await withTimeout(b.conn.send('Browser.getVersion'), 30000,
                                          () => 'chromium did not answer: ' + stderr);
        b.version = version.product;
        return b;
    }

    constructor(proc, profile, conn) {
        this.proc = proc;
        this.profile = profile;
        this.conn = conn;
    }

    async newPage({width = 1280, height = 800} = {}) {
        const {targetId} = await this.conn.send('Target.createTarget', {url: 'about:blank'});
        const {sessionId} = await this.conn.send('Target.attachToTarget', {targetId, flatten: true});
        const page = new Page(this.conn, targetId, sessionId);
        await page.open();
        await page.send('Emulation.setDeviceMetricsOverride',
                        {width, height, deviceScaleFactor: 1, mobile: false});
        return page;
    }

    // Stops the browser this client started (its process group, by its pid)
    // and removes its profile.
    async close() {
        if (this.proc.exitCode === null && this.proc.signalCode === null) {
            const exited = new Promise(resolve => this.proc.once('exit', resolve));
            try {
                process.kill(-this.proc.pid, 'SIGKILL');
            } catch (e) {
                this.proc.kill('SIGKILL');
            }
            await exited;
        }
        // Helpers that inherited the pipes must not keep node waiting.
        for (const stream of [this.proc.stdio[2], this.proc.stdio[3], this.proc.stdio[4]]) stream.destroy();
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
    constructor(conn, targetId, sessionId) {
        this.conn = conn;
        this.targetId = targetId;
        this.sessionId = sessionId;
        this.listeners = new Map();
        this.errors = [];    // console errors, exceptions, failed loads
        this.messages = [];  // every console line, for the log
        conn.listeners.push(msg => {
            if (msg.sessionId !== this.sessionId) return;
            for (const fn of this.listeners.get(msg.method) || []) fn(msg.params);
        });
    }

    async open() {
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

    on(method, fn) {
        if (!this.listeners.has(method)) this.listeners.set(method, []);
        this.listeners.get(method).push(fn);
    }

    send(method, params = {}) {
        return this.conn.send(method, params, this.sessionId);
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
        const r = await withTimeout(
            this.send('Runtime.evaluate', {expression, awaitPromise: true, returnByValue: true}), timeoutMs,
            () => `timeout evaluating: ${expression.slice(0, 120)}`);
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
        this.conn.send('Target.closeTarget', {targetId: this.targetId}).catch(() => {});
    }
}
