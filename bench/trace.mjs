// A Chromium performance trace of one first visit: a new browser context
// (empty HTTP cache), the page opened at the same URL as the timed first
// visits, with the same marks (benchInit), until the same "complete list";
// tracing runs from just before the navigation to just after that mark.
// The trace stays in memory (its URLs carry the proxy's prefix); only the
// phases bench/trace-phases.mjs makes of it are kept.
import { benchInit, VIEWPORT } from './browser.mjs';
import { tracePhases } from './trace-phases.mjs';

// What the phases need: loading (Resource*, ParseHTML), the main thread's
// tasks and what runs in them, V8's compile and WebAssembly events, GC, and
// the navigationStart mark.
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'loading',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'v8.wasm',
  'disabled-by-default-v8.compile',
  'disabled-by-default-v8.gc',
];

async function readStream(cdp, handle) {
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle, size: 1 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64') : Buffer.from(data));
    if (eof) break;
  }
  await cdp.send('IO.close', { handle });
  return Buffer.concat(chunks).toString('utf8');
}

// Records the trace of opening `url` in a new page of `context` and returns
// its events and the page's marks (ms, page clock).
export async function recordFirstVisit(context, url, { expected, timeoutMs = 180000 }) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await page.addInitScript(benchInit, expected);
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      streamFormat: 'json',
      traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: TRACE_CATEGORIES, excludedCategories: ['*'] },
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench?.complete !== null, null, { timeout: timeoutMs, polling: 100 });
    const marks = await page.evaluate(() => {
      const b = window.__bench;
      return { firstRow: b.firstRow, complete: b.complete, wasmAsked: b.wasmAsked, wasmReady: b.wasmReady };
    });
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await done;
    const json = JSON.parse(await readStream(cdp, stream));
    const events = Array.isArray(json) ? json : json.traceEvents;
    return { events, marks };
  } finally {
    await page.close();
  }
}

// One traced first visit of `url` in a fresh context of `browser`, turned
// into phases. `base`: the proxy's path prefix, kept out of the result.
export async function traceFirstVisit(browser, url, { namespace, expected, base }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const { events, marks } = await recordFirstVisit(context, url, { expected });
    return { ...tracePhases(events, { url, base, namespace, marks }), traceEvents: events.length };
  } finally {
    await context.close();
  }
}
