// The Keyhole side: headless Debian Chromium (the flags of
// tests/e2e/support/browser.mjs), timed from inside the page.
//
// Launched here rather than with that helper because Playwright, by default,
// answers Ctrl-C by closing the browser and exiting at once — before the
// benchmark has stopped etcd and kube-apiserver. With its signal handlers off,
// run.mjs closes everything itself, in order.
import { chromium } from 'playwright-core';

//
// `eagerWasm` turns V8's lazy WebAssembly compilation off (a browser flag; a
// page cannot choose it): the whole module is then compiled while it
// downloads, instead of each function on its first call. Measured beside the
// normal first visit, it says what the first-call compiles cost.
export function launchChromium({ eagerWasm = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(eagerWasm ? ['--js-flags=--no-wasm-lazy-compilation'] : [])],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export const VIEWPORT = { width: 1280, height: 800 };

// Runs in the page before any of its scripts. Marks, on the page's own clock
// (ms since navigation start), when the first secret row enters the DOM and
// when the list is complete: the progress bar gone and the count reading
// "N secrets". Keeps the WebAssembly memory so its size can be read later
// (Rust's data lives there, outside the JS heap). `watch` lets the benchmark
// ask "when does the row NAME appear / disappear?".
export function benchInit(expected) {
  const b = { firstRow: null, complete: null, memory: null, watch: null, wasmAsked: null, wasmReady: null };
  window.__bench = b;
  const keep = (result) => {
    const mem = (result.instance ?? result).exports?.memory;
    if (mem instanceof WebAssembly.Memory) b.memory = mem;
    b.wasmReady ??= performance.now();
    return result;
  };
  // Also marks when the app asks for its module and when it is instantiated:
  // where the app's own start-up begins and how long compiling it takes.
  for (const f of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[f];
    WebAssembly[f] = function (...args) {
      b.wasmAsked ??= performance.now();
      return original.apply(this, args).then(keep);
    };
  }
  const want = `${expected} secrets`;
  const check = () => {
    const now = performance.now();
    if (b.firstRow === null && document.querySelector('[data-testid=secret-row]')) b.firstRow = now;
    if (b.complete === null && b.firstRow !== null
        && !document.querySelector('[data-testid=list-progress]')
        && document.querySelector('[data-testid=list-count]')?.textContent === want) {
      b.complete = now;
    }
    const w = b.watch;
    if (w && w.at === null) {
      const present = !!document.querySelector(`[data-testid=secret-row][data-name="${w.name}"]`);
      if (present === w.present) w.at = performance.timeOrigin + now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
}

// Records every response's URL, wire size (CDP encodedDataLength: headers +
// body as received, compressed if the server compressed), decoded body size,
// and when it was sent and finished (CDP timestamps, in seconds).
async function recordNetwork(cdp) {
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId,
    { id: e.requestId, url: e.request.url, decoded: 0, sentAt: e.timestamp }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.contentEncoding = headers['content-encoding'] ?? 'identity';
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) { r.wire = e.encodedDataLength; r.finished = true; r.doneAt = e.timestamp; }
  });
  await cdp.send('Network.enable');
  return requests;
}

// The list's own requests: one namespace's pages, or for all namespaces
// (`namespace` '*') the cluster-wide anchor, the namespaces' names and each
// namespace's pages.
function isListPath(pathname, namespace) {
  if (namespace !== '*') return pathname === `/api/v1/namespaces/${namespace}/secrets`;
  return /^\/api\/v1\/(secrets|namespaces|namespaces\/[^/]+\/secrets)$/.test(pathname);
}

// `base`: the proxy's path prefix ('' for none), which API and app paths share.
function classify(requests, namespace, base) {
  const list = [];
  const app = [];
  const otherApi = [];
  for (const r of requests.values()) {
    const url = new URL(r.url);
    const pathname = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
    if (isListPath(pathname, namespace)) {
      if (!url.searchParams.has('watch')) list.push(r);
    } else if (pathname.startsWith('/ui/')) app.push(r);
    else if (url.protocol.startsWith('http')) otherApi.push(r);
  }
  const sum = (rs, k) => rs.reduce((a, r) => a + (r[k] ?? 0), 0);
  return {
    firstListRequestId: list[0]?.id,
    listRequests: list.length,
    listWire: sum(list, 'wire'),
    listDecoded: sum(list, 'decoded'),
    listEncodings: [...new Set(list.map((r) => r.contentEncoding))].join(','),
    listPageSize: list[0] ? new URL(list[0].url).searchParams.get('limit') : null,
    listUnfinished: list.filter((r) => !r.finished).length,
    appRequests: app.length,
    appWire: sum(app, 'wire'),
    otherApiRequests: otherApi.length,
  };
}

// Opens `url` in a new page of `context`, waits for the complete list, and
// returns the timings, bytes and — when `measureMemory` — heap and DOM size,
// and every request the page made (see `recordNetwork`). `onStart` is called
// just before the navigation, `onComplete` as soon as the list is complete.
export async function measureLoad(context, url, {
  namespace, expected, measureMemory = true, timeoutMs = 180000, onStart = () => {}, onComplete = () => {},
}) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = await recordNetwork(cdp);
  await page.addInitScript(benchInit, expected);
  onStart();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.complete !== null, null, { timeout: timeoutMs, polling: 100 });
  onComplete();
  const marks = await page.evaluate(() => {
    const b = window.__bench;
    return { firstRow: b.firstRow, complete: b.complete, wasmAsked: b.wasmAsked, wasmReady: b.wasmReady };
  });
  const result = {
    firstRowMs: marks.firstRow,
    completeMs: marks.complete,
    wasmAskedMs: marks.wasmAsked,
    wasmReadyMs: marks.wasmReady,
  };
  // Let the last network events arrive and the page settle before sizing it.
  await page.waitForTimeout(1000);
  const { firstListRequestId, ...network } = classify(requests, namespace, new URL(url).pathname.split('/ui/')[0]);
  Object.assign(result, network);
  // kube-apiserver indents its JSON for a browser's User-Agent unless the
  // request says pretty=false: worth knowing when reading the byte counts.
  if (firstListRequestId) {
    const body = await cdp.send('Network.getResponseBody', { requestId: firstListRequestId }).catch(() => null);
    result.listPretty = body && !body.base64Encoded ? /^\{\s*\n/.test(body.body) : null;
  }
  if (measureMemory) {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value;
    const dom = await page.evaluate(() => {
      let nodes = 0;
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      while (walker.nextNode()) nodes++;
      return {
        elements: document.getElementsByTagName('*').length,
        nodes: nodes + 1,
        rows: document.querySelectorAll('[data-testid=secret-row]').length,
        wasmBytes: window.__bench.memory?.buffer.byteLength ?? null,
      };
    });
    Object.assign(result, {
      jsHeapUsed: heap.usedSize,
      jsHeapTotal: heap.totalSize,
      wasmMemory: dom.wasmBytes,
      domElements: dom.elements,
      domNodes: dom.nodes,
      renderedRows: dom.rows,
      cdpNodes: metric('Nodes'),
    });
  }
  return { page, cdp, result, requests };
}

// The page's own clock as a Unix time in ms (the clock `watch` marks use).
export const pageNow = (page) => page.evaluate(() => performance.timeOrigin + performance.now());

// Times how long the page takes to show (present=true) or drop (present=false)
// the row `name` after `act` — a kubectl command — starts. Returns the time
// from kubectl's start and from kubectl's exit, both on the page's clock.
export async function timeRowChange(page, name, present, act) {
  await page.evaluate(([n, p]) => { window.__bench.watch = { name: n, present: p, at: null }; }, [name, present]);
  const start = await pageNow(page);
  await act();
  const exit = await pageNow(page);
  await page.waitForFunction(() => window.__bench.watch.at !== null, null, { timeout: 30000, polling: 20 });
  const at = await page.evaluate(() => window.__bench.watch.at);
  return { fromStartMs: at - start, fromExitMs: at - exit };
}
