// Turns the Chromium trace of one first visit (bench/trace.mjs) into the
// phases of the start-up and the renderer main thread's busy time, in ms on
// the page's own clock (0 = navigation start, the clock `__bench` marks use).
// Pure: events in, numbers out — every decision about which trace event means
// what is made here (bench/trace.test.mjs). URLs are reported without the
// proxy's secret path prefix: app files by their last path segment, API
// requests by their path after the prefix, with the `continue` token elided.

// Main-thread work by kind. An event's self time (its duration minus its
// children's) counts for its own kind, or, when its name is not listed, for
// the kind of the nearest listed event around it; task time in no listed
// event is "other". The names are those a trace of Chromium 156 holds (the
// WebAssembly ones: wasm.StartStreamingCompilation, wasm.OnBytesReceived,
// wasm.FinishStreaming, v8.wasm.compileConsume, wasm.AsyncInstantiate /
// wasm.SyncInstantiate, wasm.CompileLazy; `eventNames` lists a trace's).
export const KINDS = [
  // Lazy compilation of a WebAssembly function on its first call (V8 compiles
  // each function with Liftoff only when it first runs).
  ['wasm-lazy', /^(wasm\.CompileLazy|V8\.WasmLazyCompil|wasm\.LazyCompil)/],
  // The rest of V8's WebAssembly work on the main thread: starting the
  // streaming compile, finishing it, instantiating.
  ['wasm-compile', /^(wasm\.|v8\.wasm\.)/],
  ['gc', /(^MinorGC$|^MajorGC$|^V8\.GC|^BlinkGC|^ScheduledGC|^ThreadState::|^CppGC)/],
  ['parse', /^(ParseHTML|ParseAuthorStyleSheet|HTMLDocumentParser::.*|DecodedDataDocumentParser::.*)$/],
  // Committing the navigation: the new document, its window and V8 context.
  ['document', /^(DocumentLoader::.*|LocalWindowProxy::.*|ContextCreatedNotification|InstallConditionalFeatures|V8\.DeserializeContext|CommitLoad)$/],
  ['style-layout', /^(UpdateLayoutTree|RecalculateStyles|Layout|InvalidateLayout|LayoutShift|HitTest)$/],
  ['paint', /^(Paint|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|PaintImage|CompositeLayers|Commit|Decode Image|ScrollLayer|AnimationFrame::Render|Animation|Rasterize)$/],
  ['script', /^(FunctionCall|EvaluateScript|TimerFire|EventDispatch|FireAnimationFrame|FireIdleCallback|RunMicrotasks|XHRReadyStateChange|XHRLoad|V8\.Execute|V8\.CompileCode|V8\.Compile|V8\.ParseFunction|V8\.ParseProgram|V8\.CompileLazy|v8\..*|V8\..*)$/],
];

export const KIND_LABELS = {
  script: 'script (JS and WebAssembly running, JS compile)',
  'wasm-lazy': 'WebAssembly lazy compile (first call of each function)',
  'wasm-compile': 'WebAssembly compile and instantiate (main-thread part)',
  gc: 'garbage collection',
  parse: 'HTML and CSS parsing (and the preloads the parser starts)',
  document: 'committing the navigation: new document, window, V8 context',
  'style-layout': 'style recalc + layout',
  paint: 'paint, layerize, commit',
  other: 'other task time (IPC messages, task scheduling)',
  idle: 'idle (waiting for the network or other threads)',
};

export function kindOf(name) {
  for (const [kind, re] of KINDS) if (re.test(name)) return kind;
  return null;
}

const us2ms = (us) => us / 1000;

// Spans (complete events, and B/E pairs matched per thread) and instants.
function spansOf(events) {
  const spans = [];
  const open = new Map();
  for (const e of events) {
    if (e.ph === 'X') spans.push({ ...e, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === 'B') {
      const key = `${e.pid}:${e.tid}`;
      if (!open.has(key)) open.set(key, []);
      open.get(key).push(e);
    } else if (e.ph === 'E') {
      const stack = open.get(`${e.pid}:${e.tid}`);
      const b = stack?.pop();
      if (b) spans.push({ ...b, ph: 'X', dur: e.ts - b.ts, end: e.ts, args: { ...b.args, ...e.args } });
    }
  }
  return spans;
}

// Async spans (b/e, or S/F), matched by category, name and id.
function asyncSpansOf(events) {
  const open = new Map();
  const spans = [];
  for (const e of events) {
    const id = e.id ?? e.id2?.local ?? e.id2?.global;
    const key = `${e.cat}|${e.name}|${id}`;
    if (e.ph === 'b' || e.ph === 'S') open.set(key, e);
    else if ((e.ph === 'e' || e.ph === 'F') && open.has(key)) {
      const b = open.get(key);
      open.delete(key);
      spans.push({ ...b, end: e.ts, dur: e.ts - b.ts, args: { ...b.args, ...e.args } });
    }
  }
  return spans;
}

// The navigation start of the visit: the `navigationStart` mark of the main
// frame's document at `url` (the last one, should a redirect add another).
function findNavigation(events, url) {
  const navs = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame !== false);
  const own = navs.filter((e) => e.args?.data?.documentLoaderURL === url);
  return own.at(-1) ?? navs.filter((e) => /^https?:/.test(e.args?.data?.documentLoaderURL ?? '')).at(-1) ?? null;
}

function mainThreadOf(events, nav) {
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === nav.pid);
  const main = names.find((e) => e.args?.name === 'CrRendererMain');
  return { pid: nav.pid, tid: main?.tid ?? nav.tid };
}

// The path of a request after the proxy's prefix (`base`, '' for none).
function relativePath(url, base) {
  const u = new URL(url);
  return u.pathname.startsWith(base) ? u.pathname.slice(base.length) : u.pathname;
}

// How a request appears in the report: never with the prefix, never with a
// continue token.
export function requestLabel(url, base) {
  const u = new URL(url);
  const rel = relativePath(url, base);
  if (!rel.startsWith('/api/') && !rel.startsWith('/apis/')) return rel.split('/').filter(Boolean).at(-1) ?? '/';
  const q = [...u.searchParams.keys()]
    .filter((k) => k !== 'continue' || u.searchParams.get(k))
    .map((k) => (k === 'continue' ? 'continue=…' : `${k}=${u.searchParams.get(k)}`));
  return rel + (q.length ? `?${q.join('&')}` : '');
}

// Every request of the page, on the network's clock where the trace has it
// (trace ts, µs): `sent` when the page or browser issued it (the earliest of
// ResourceWillSendRequest, ResourceSendRequest and the network stack's
// requestTime: a navigation's ResourceSendRequest is only emitted at commit),
// `response` when the network had the headers (requestTime +
// receiveHeadersEnd), `finish` its last byte (ResourceFinish finishTime);
// `handled` when the renderer's main thread got to the finish (the
// ResourceFinish event itself, later when that thread was busy). Bytes on
// the wire and decoded.
function requestsOf(events) {
  const byId = new Map();
  const get = (id) => {
    if (!byId.has(id)) byId.set(id, { id });
    return byId.get(id);
  };
  for (const e of events) {
    const d = e.args?.data;
    if (!d?.requestId) continue;
    const r = get(d.requestId);
    if (e.name === 'ResourceWillSendRequest') r.sent = Math.min(r.sent ?? Infinity, e.ts);
    else if (e.name === 'ResourceSendRequest') {
      r.sent = Math.min(r.sent ?? Infinity, e.ts);
      r.url ??= d.url;
      r.method ??= d.requestMethod;
    } else if (e.name === 'ResourceReceiveResponse') {
      const t = d.timing;
      if (t && t.requestTime > 0) r.sent = Math.min(r.sent ?? Infinity, t.requestTime * 1e6);
      r.response ??= t && t.requestTime > 0 && t.receiveHeadersEnd >= 0 ? t.requestTime * 1e6 + t.receiveHeadersEnd * 1000 : e.ts;
      r.status = d.statusCode;
      r.fromCache = d.fromCache;
    } else if (e.name === 'ResourceFinish') {
      r.handled = e.ts;
      r.finish = d.finishTime > 0 ? d.finishTime * 1e6 : e.ts;
      r.wire = d.encodedDataLength;
      r.decoded = d.decodedBodyLength;
    }
  }
  return [...byId.values()].filter((r) => r.url && Number.isFinite(r.sent));
}

// Per-thread nesting of spans: each span's self time and the kind it counts
// for, clipped to [from, to] (µs).
function busyTime(spans, from, to) {
  const sorted = spans.filter((s) => s.end > from && s.ts < to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = Object.fromEntries([...KINDS.map(([k]) => k), 'other'].map((k) => [k, 0]));
  const clip = (a, b) => Math.max(0, Math.min(b, to) - Math.max(a, from));
  const stack = [];
  const close = (node) => {
    // Self time = the clipped span minus its clipped children.
    totals[node.kind] += clip(node.s.ts, node.s.end) - node.children;
    const parent = stack.at(-1);
    if (parent) parent.children += clip(node.s.ts, node.s.end);
  };
  for (const s of sorted) {
    while (stack.length && stack.at(-1).s.end <= s.ts) close(stack.pop());
    const parent = stack.at(-1);
    // A span that overlaps its parent's end (clock jitter) is cut to it.
    const span = parent && s.end > parent.s.end ? { ...s, end: parent.s.end } : s;
    stack.push({ s: span, kind: kindOf(s.name) ?? parent?.kind ?? 'other', children: 0 });
  }
  while (stack.length) close(stack.pop());
  const busy = Object.values(totals).reduce((a, b) => a + b, 0);
  const out = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, us2ms(v)]));
  out.idle = us2ms(Math.max(0, to - from - busy));
  out.windowMs = us2ms(to - from);
  return out;
}

// `url`: the page as navigated (with the prefix; used only to find the
// navigation, never returned). `base`: the proxy's path prefix. `namespace`:
// whose list the page loads. `marks`: the page's __bench marks (ms, page
// clock): firstRow, complete, wasmAsked, wasmReady.
export function tracePhases(events, { url, base, namespace, marks }) {
  const nav = findNavigation(events, url);
  if (!nav) throw new Error('trace: no navigationStart for the visited page');
  const t0 = nav.ts;
  const at = (ts) => (ts === undefined || ts === null ? null : us2ms(ts - t0));
  const main = mainThreadOf(events, nav);
  const onMain = (e) => e.pid === main.pid && e.tid === main.tid;
  const spans = spansOf(events);
  const mainSpans = spans.filter(onMain);
  const asyncSpans = asyncSpansOf(events);
  const completeTs = t0 + marks.complete * 1000;

  const phases = [];
  const add = (phase, from, to, note = '') => {
    if (from === null || from === undefined) return;
    phases.push({ phase, fromMs: from, toMs: to ?? from, note });
  };

  // Requests of this page (after its navigation started), by what they are.
  const requests = requestsOf(events).filter((r) => r.sent >= t0 - 1e6 && r.sent <= completeTs);
  const rel = (r) => relativePath(r.url, base);
  const isList = (r) => rel(r) === `/api/v1/namespaces/${namespace}/secrets` && !new URL(r.url).searchParams.has('watch');
  const doc = requests.find((r) => r.url === url) ?? requests.find((r) => rel(r).endsWith('/ui/'));
  const file = (name) => requests.find((r) => rel(r).startsWith('/ui/') && rel(r).split('/').at(-1) === name);
  const wasmReq = requests.find((r) => rel(r).startsWith('/ui/') && rel(r).endsWith('.wasm'));
  const lists = requests.filter(isList).sort((a, b) => a.sent - b.sent);
  const bytes = (r) => [
    Number.isFinite(r.wire) ? `${r.wire.toLocaleString('en-US')} B on the wire` : '',
    Number.isFinite(r.decoded) && r.decoded !== r.wire ? `${r.decoded.toLocaleString('en-US')} B decoded` : '',
    r.handled - r.finish > 1000 ? `main thread took the end at ${at(r.handled).toFixed(1)} ms` : '',
  ].filter(Boolean).join(', ');
  const fetched = (label, r) => {
    if (!r) return;
    add(`${label}: request sent → response headers`, at(r.sent), at(r.response ?? r.finish));
    add(`${label}: response headers → last byte`, at(r.response ?? r.finish), at(r.finish), bytes(r));
  };

  fetched('HTML document (`index.html`)', doc);
  // The document's own parsing (not the initial empty document's).
  const parse = mainSpans.filter((s) => s.name === 'ParseHTML' && s.ts >= t0 && /^https?:/.test(s.args?.beginData?.url ?? ''));
  if (parse.length) add('HTML parsed (ParseHTML, first start → last end)', at(parse[0].ts), at(Math.max(...parse.map((s) => s.end))));
  for (const r of requests.filter((x) => rel(x).startsWith('/ui/') && x !== doc && x !== wasmReq)) {
    fetched(`\`${requestLabel(r.url, base)}\``, r);
  }
  // Module scripts: compiled and evaluated on the main thread.
  for (const name of ['v8.compileModule', 'v8.evaluateModule', 'EvaluateScript']) {
    for (const s of mainSpans.filter((x) => x.name === name && x.ts >= t0 && x.ts < completeTs)) {
      const u = s.args?.fileName ?? s.args?.data?.url ?? s.args?.data?.fileName;
      if (!u || !/^https?:/.test(u)) continue;
      add(`\`${requestLabel(u, base)}\`: ${name}`, at(s.ts), at(s.end));
    }
  }
  fetched(`WebAssembly module (\`${wasmReq ? requestLabel(wasmReq.url, base) : '?'}\`)`, wasmReq);

  // WebAssembly compile: from the start of the streaming (or async) compile to
  // the end of the last compile work before instantiation, on any thread.
  const wasmSpans = [...spans, ...asyncSpans].filter((s) => /^(wasm\.|v8\.wasm\.)/.test(s.name) && s.ts >= t0 && s.ts < completeTs);
  const lazy = wasmSpans.filter((s) => kindOf(s.name) === 'wasm-lazy');
  const instantiate = wasmSpans.filter((s) => /instantiate/i.test(s.name)).sort((a, b) => a.ts - b.ts)[0];
  const compile = wasmSpans.filter((s) => kindOf(s.name) !== 'wasm-lazy' && !/instantiate/i.test(s.name)
    && (!instantiate || s.ts < instantiate.ts));
  if (compile.length) {
    const from = Math.min(...compile.map((s) => s.ts));
    const to = Math.max(...compile.map((s) => s.end));
    const onOthers = compile.filter((s) => !onMain(s)).reduce((a, s) => a + s.dur, 0);
    add('WebAssembly compile (first → last compile event before instantiation)', at(from), at(to),
      `${[...new Set(compile.map((s) => s.name))].join(', ')}; ${us2ms(onOthers).toFixed(1)} ms on other threads`);
  }
  if (instantiate) add(`WebAssembly instantiate (${instantiate.name})`, at(instantiate.ts), at(instantiate.end));
  if (marks.wasmAsked !== null && marks.wasmAsked !== undefined) {
    add('page mark: `WebAssembly.instantiateStreaming` called → resolved', marks.wasmAsked, marks.wasmReady);
  }
  // The Rust start-up: from the module being ready to the first list request.
  const ready = marks.wasmReady ?? (instantiate ? at(instantiate.end) : null);
  if (ready !== null && lists.length) add('Rust start-up: instance ready → first list request sent', ready, at(lists[0].sent));
  lists.forEach((r, i) => {
    const label = `list request ${i + 1} (\`${requestLabel(r.url, base)}\`)`;
    fetched(label, r);
  });
  if (lazy.length) {
    const lazyMain = lazy.filter(onMain);
    add('WebAssembly lazy compile (first → last; sum of durations in the note)', at(lazy[0].ts), at(Math.max(...lazy.map((s) => s.end))),
      `${lazyMain.length} functions, ${us2ms(lazyMain.reduce((a, s) => a + s.dur, 0)).toFixed(1)} ms on the main thread`);
  }
  if (marks.firstRow !== null && marks.firstRow !== undefined) add('page mark: first row in the DOM', marks.firstRow, marks.firstRow);
  add('page mark: complete list', marks.complete, marks.complete);
  phases.sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs);

  // The same visit as consecutive steps that add up to the complete list:
  // each from the end of the one before (a step whose mark is missing is
  // left out and its time goes to the next).
  const steps = [
    ['navigation → the HTML document\'s last byte', doc ? at(doc.finish) : null],
    ['the document committed in the renderer and parsed (end of ParseHTML)', parse.length ? at(Math.max(...parse.map((x) => x.end))) : null],
    ['the app\'s scripts fetched and run, until they ask for the module (`instantiateStreaming`)', marks.wasmAsked],
    ['the module\'s remaining download, its compile and instantiation', marks.wasmReady],
    ['Rust start-up until the first list request is sent', lists.length ? at(lists[0].sent) : null],
    [`the list request${lists.length === 1 ? '' : 's'} answered (last byte of the last page)`, lists.length ? at(Math.max(...lists.map((r) => r.finish ?? r.sent))) : null],
    ['rows rendered until the list is complete', marks.complete],
  ];
  const path = [];
  let prev = 0;
  for (const [step, to] of steps) {
    if (to === null || to === undefined || !Number.isFinite(to)) continue;
    const end = Math.min(Math.max(to, prev), marks.complete);
    path.push({ step, fromMs: prev, toMs: end });
    prev = end;
  }

  // Main-thread time by kind: the whole first visit, and split at the first
  // list response (before: loading and starting the app; after: turning the
  // list into rows).
  const firstResponse = lists[0]?.response ?? lists[0]?.finish;
  const split = firstResponse !== undefined && firstResponse < completeTs ? firstResponse : null;
  const busy = {
    total: busyTime(mainSpans, t0, completeTs),
    before: split === null ? null : busyTime(mainSpans, t0, split),
    after: split === null ? null : busyTime(mainSpans, split, completeTs),
    splitMs: split === null ? null : at(split),
  };
  return { phases, path, busy, completeMs: marks.complete, listRequests: lists.length };
}

// The names in a trace and how often each occurs, "category name": for
// finding which names a Chromium emits when it changes.
export function eventNames(events) {
  const counts = new Map();
  for (const e of events) {
    if (e.ph === 'M') continue;
    const k = `${e.cat} ${e.name}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}
