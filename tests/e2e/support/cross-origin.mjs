// Tools for the proxy-exposure tests: a page on another origin, what that page
// can do to a running `kubectl proxy`, raw HTTP requests with headers a
// browser would not let us set.
// Nothing here prints a secret value: watches report names, key names and
// digests only.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

// A tiny HTML page served on loopback and opened as http://localhost:PORT/:
// another origin than the proxy's http://127.0.0.1:PORT (host and port differ).
// It has no CSP, so the tests can run any script in it.
export async function serveOtherOrigin() {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another origin</title><p>Not Keyhole.</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

// Debian's Chromium with extra command-line switches (support/browser.mjs
// launches it with the standard ones only).
export async function launchChromium(extraArgs) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

// `fetch` from inside the page: the outcome as the page's script sees it.
export function fetchFromPage(page, url, init = {}) {
  return page.evaluate(async ([u, i]) => {
    try {
      const r = await fetch(u, i);
      const text = await r.text();
      return { ok: true, type: r.type, status: r.status, bodyLength: text.length };
    } catch (e) {
      return { ok: false, error: e.name };
    }
  }, [url, init]);
}

// A list read with same-origin `fetch` inside the page: status, and for a
// 200 the secrets' names and key names (never their values).
export function listFromPage(page, pathname) {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    if (r.status !== 200) return { status: r.status, text: (await r.text()).trim() };
    const list = await r.json();
    return { status: 200, items: list.items.map((s) => ({ name: s.metadata.name, keys: Object.keys(s.data ?? {}).sort() })) };
  }, pathname);
}

// Opens a WebSocket from inside the page and collects watch events until an
// event for `untilName` arrived or `timeoutMs` passed. Each event is reduced
// to its type, name, key names and a sha256 digest (16 hex) of each decoded
// value, computed in the page: values never leave it. While it runs, the
// names seen so far are in `window.__watchNames`, so a test can wait for the
// first events, act, and then await the result.
export async function watchFromPage(page, url, { protocols = [], untilNames = [], timeoutMs = 10000 } = {}) {
  return page.evaluate(([u, protos, names, timeout]) => new Promise((resolve) => {
    const out = { opened: false, protocol: null, closeCode: null, events: [] };
    window.__watchNames = [];
    const pending = [];
    const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 16);
    const digest = (b64) => crypto.subtle.digest('SHA-256', Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))).then(hex);
    let ws;
    const finish = async () => {
      clearTimeout(timer);
      await Promise.all(pending);
      if (ws.readyState === WebSocket.OPEN) ws.close();
      resolve(out);
    };
    const timer = setTimeout(finish, timeout);
    try {
      ws = new WebSocket(u, protos);
    } catch (e) {
      out.error = e.name;
      finish();
      return;
    }
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => { out.opened = true; out.protocol = ws.protocol; };
    ws.onerror = () => { out.error = 'error'; };
    ws.onclose = (e) => { out.closeCode = e.code; finish(); };
    ws.onmessage = (m) => {
      const text = typeof m.data === 'string' ? m.data : new TextDecoder().decode(m.data);
      const event = JSON.parse(text);
      const object = event.object ?? {};
      const data = object.data ?? {};
      const summary = {
        type: event.type, kind: object.kind, namespace: object.metadata?.namespace,
        name: object.metadata?.name, keys: Object.keys(data).sort(), digests: {},
      };
      out.events.push(summary);
      window.__watchNames.push(summary.name);
      pending.push(Promise.all(Object.entries(data).map(async ([k, v]) => { summary.digests[k] = await digest(v); })));
      const seen = new Set(out.events.map((e) => e.name));
      if (names.length > 0 && names.every((n) => seen.has(n))) finish();
    };
  }), [url, protocols, untilNames, timeoutMs]);
}

// One HTTP request from Node, where any header can be set (Host, Origin,
// Upgrade). Resolves { status, headers, body } — or, for a WebSocket
// handshake, { status: 101, headers } without reading the stream.
export function rawRequest(port, { method = 'GET', path: p, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode, headers: res.headers, body: '' });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
