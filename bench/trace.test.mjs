// node --test bench/trace.test.mjs — the event → phase decisions of
// bench/trace-phases.mjs on a tiny synthetic trace (no browser needed).
import test from 'node:test';
import assert from 'node:assert/strict';
import { kindOf, requestLabel, tracePhases } from './trace-phases.mjs';

const BASE = '/s3cr3tprefix';
const ORIGIN = 'http://127.0.0.1:9999';
const URL_ = `${ORIGIN}${BASE}/ui/?ns=bench-5`;
const T0 = 1_000_000_000; // µs
const at = (ms) => T0 + ms * 1000;
const main = { pid: 7, tid: 1 };
const X = (name, from, to, args = {}, where = main) => ({ ph: 'X', cat: 'x', name, ts: at(from), dur: (to - from) * 1000, args, ...where });
const req = (id, url, sent, response, finish, wire, decoded = wire) => [
  { ph: 'I', cat: 'devtools.timeline', name: 'ResourceSendRequest', ts: at(sent), ...main, args: { data: { requestId: id, url, requestMethod: 'GET' } } },
  { ph: 'I', cat: 'devtools.timeline', name: 'ResourceReceiveResponse', ts: at(response), ...main, args: { data: { requestId: id, statusCode: 200 } } },
  { ph: 'I', cat: 'devtools.timeline', name: 'ResourceFinish', ts: at(finish), ...main, args: { data: { requestId: id, encodedDataLength: wire, decodedBodyLength: decoded } } },
];

const listUrl = `${ORIGIN}${BASE}/api/v1/namespaces/bench-5/secrets?limit=1000`;
const events = [
  { ph: 'M', name: 'thread_name', pid: 7, tid: 1, args: { name: 'CrRendererMain' } },
  // A navigation of another page must not be taken for this one.
  { ph: 'R', cat: 'blink.user_timing', name: 'navigationStart', ts: at(-500), pid: 3, tid: 1, args: { data: { documentLoaderURL: 'about:blank', isLoadingMainFrame: true } } },
  { ph: 'R', cat: 'blink.user_timing', name: 'navigationStart', ts: T0, ...main, args: { data: { documentLoaderURL: URL_, isLoadingMainFrame: true } } },
  ...req('1', URL_, 1, 4, 5, 900),
  // The initial empty document's parse is not the page's.
  X('RunTask', 0.5, 0.6), X('ParseHTML', 0.5, 0.6, { beginData: { url: '' } }),
  X('RunTask', 5, 9), X('ParseHTML', 5, 8, { beginData: { url: URL_ } }),
  ...req('2', `${ORIGIN}${BASE}/ui/loader.js`, 6, 10, 11, 300),
  // The network had the module's last byte at 40 ms; the busy main thread
  // took it at 42 (the event's ts); the network's own clock counts.
  ...req('3', `${ORIGIN}${BASE}/ui/keyhole_bg.wasm`, 7, 12, 42, 2_000_000).map((e) => (e.name === 'ResourceFinish'
    ? { ...e, args: { data: { ...e.args.data, finishTime: at(40) / 1e6 } } } : e)),
  { ph: 'X', cat: 'v8.wasm', name: 'wasm.StartStreamingCompilation', ts: at(13), dur: 1000, ...main, args: {} },
  X('RunTask', 13, 14),
  { ph: 'X', cat: 'v8.wasm', name: 'wasm.BackgroundCompile', ts: at(15), dur: 25_000, pid: 7, tid: 9, args: {} },
  // The instance, the Rust start-up and the list request from it.
  X('RunTask', 42, 60), X('FunctionCall', 42, 60), X('wasm.CompileLazy', 45, 47), X('wasm.CompileLazy', 50, 51),
  X('Layout', 55, 57), X('V8.GC_SCAVENGER', 58, 59),
  ...req('4', listUrl, 59, 70, 72, 5000),
  ...req('5', `${ORIGIN}${BASE}/api/v1/namespaces/bench-5/secrets?watch=1&resourceVersion=9`, 81, 82, 82, 10),
  X('RunTask', 72, 90), X('FunctionCall', 72, 85), X('UpdateLayoutTree', 85, 86), X('Paint', 87, 89),
];

const marks = { wasmAsked: 12, wasmReady: 42, firstRow: 84, complete: 90 };

test('event names map to the main-thread kinds', () => {
  assert.equal(kindOf('wasm.CompileLazy'), 'wasm-lazy');
  assert.equal(kindOf('wasm.StartStreamingCompilation'), 'wasm-compile');
  assert.equal(kindOf('FunctionCall'), 'script');
  assert.equal(kindOf('v8.compileModule'), 'script');
  assert.equal(kindOf('V8.GC_SCAVENGER'), 'gc');
  assert.equal(kindOf('Layout'), 'style-layout');
  assert.equal(kindOf('Paint'), 'paint');
  assert.equal(kindOf('LocalWindowProxy::CreateContext'), 'document');
  assert.equal(kindOf('HTMLDocumentParser::MaybeFetchQueuedPreloads'), 'parse');
  assert.equal(kindOf('RunTask'), null);
});

test('request labels never carry the prefix or a continue token', () => {
  assert.equal(requestLabel(`${ORIGIN}${BASE}/ui/keyhole_bg.wasm`, BASE), 'keyhole_bg.wasm');
  assert.equal(requestLabel(`${listUrl}&continue=abc`, BASE), '/api/v1/namespaces/bench-5/secrets?limit=1000&continue=…');
});

test('phases on the page clock, from the real navigation', () => {
  const t = tracePhases(events, { url: URL_, base: BASE, namespace: 'bench-5', marks });
  const find = (re) => t.phases.find((p) => re.test(p.phase));
  assert.deepEqual([find(/HTML document.*headers$/).fromMs, find(/HTML document.*headers$/).toMs], [1, 4]);
  assert.deepEqual([find(/^HTML parsed/).fromMs, find(/^HTML parsed/).toMs], [5, 8]);
  const wasm = find(/WebAssembly module.*last byte/);
  assert.deepEqual([wasm.fromMs, wasm.toMs], [12, 40]);
  assert.match(wasm.note, /2,000,000 B on the wire, main thread took the end at 42\.0 ms/);
  const compile = find(/^WebAssembly compile/);
  assert.deepEqual([compile.fromMs, compile.toMs], [13, 40]);
  assert.match(compile.note, /25\.0 ms on other threads/);
  const rust = find(/^Rust start-up/);
  assert.deepEqual([rust.fromMs, rust.toMs], [42, 59]);
  assert.equal(t.listRequests, 1, 'the watch is not a list request');
  assert.deepEqual([find(/list request 1.*headers$/).fromMs, find(/list request 1.*last byte$/).toMs], [59, 72]);
  assert.match(find(/lazy compile/).note, /2 functions, 3\.0 ms/);
  assert.equal(t.phases.at(-1).phase, 'page mark: complete list');
  for (const p of t.phases) assert.ok(!`${p.phase} ${p.note}`.includes(BASE), 'no prefix in the phases');
  for (let i = 1; i < t.phases.length; i++) assert.ok(t.phases[i].fromMs >= t.phases[i - 1].fromMs, 'ordered by start');
});

test('consecutive steps add up to the complete list', () => {
  const { path } = tracePhases(events, { url: URL_, base: BASE, namespace: 'bench-5', marks });
  assert.deepEqual(path.map((p) => [p.fromMs, p.toMs]), [[0, 5], [5, 8], [8, 12], [12, 42], [42, 59], [59, 72], [72, 90]]);
});

test('main-thread time by kind, split at the first list response', () => {
  const { busy } = tracePhases(events, { url: URL_, base: BASE, namespace: 'bench-5', marks });
  // Whole window 0 → 90 ms; tasks 0.5–0.6, 5–9, 13–14, 42–60, 72–90 = 41.1 ms busy.
  assert.equal(busy.total.windowMs, 90);
  assert.ok(Math.abs(busy.total.idle - 48.9) < 1e-9);
  assert.ok(Math.abs(busy.total.parse - 3.1) < 1e-9);
  // RunTask 5–9 outside ParseHTML 5–8, and 86–87, 89–90 of RunTask 72–90.
  assert.equal(busy.total.other, 3);
  assert.equal(busy.total['wasm-compile'], 1);
  assert.equal(busy.total['wasm-lazy'], 3);
  assert.equal(busy.total['style-layout'], 3);
  assert.equal(busy.total.gc, 1);
  assert.equal(busy.total.paint, 2);
  // FunctionCall 42–60 minus lazy (3), Layout (2), GC (1) = 12; 72–85 = 13.
  assert.equal(busy.total.script, 25);
  assert.equal(busy.splitMs, 70);
  assert.equal(busy.before.windowMs, 70);
  assert.equal(busy.after.windowMs, 20);
  assert.equal(busy.after.script, 13);
  const sum = (b) => Object.entries(b).filter(([k]) => k !== 'windowMs').reduce((a, [, v]) => a + v, 0);
  assert.ok(Math.abs(sum(busy.total) - 90) < 1e-9, 'kinds and idle add up to the window');
});
