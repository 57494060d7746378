#!/usr/bin/env node
// Keyhole's "All namespaces" list on a large cluster (issue #18): by default
// 50,000 secrets in 500 namespaces, a realistic mix of types
// (bench/secret-mix.mjs), against `kubectl get secrets -A` and the
// full-object list `kubectl get secrets -A -o json`, turn by turn in the
// same run, on the same cluster.
//
//   node bench/all-namespaces.mjs [--namespaces 500] [--per-namespace 100] [--runs 3]
//                                 [--out bench/RESULTS-all-namespaces.md]
//
// The page's bytes are counted twice: by Chromium (what the list's own
// requests brought), and, in one more visit after the timed ones, by a relay
// between a second `kubectl proxy` and the apiserver (TLS records as they
// cross the socket, as kubectl's are counted). Where the page's time goes is
// read from Chromium's request timings and from /proc (bench/cpu.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from './session.mjs';
import { childPid, cpuNow, cpuUsed } from './cpu.mjs';
import { countSecrets } from './seed.mjs';
import { createNamespacesOfSecrets } from './secret-mix.mjs';
import { summary, spread, ms, kb, mb, int, ratio } from './stats.mjs';
import { previousSimpleTargets } from './previous.mjs';
import { cpuDescription, keyholeCommit } from './machine.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    namespaces: { type: 'string', default: '500' },
    'per-namespace': { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(root, 'bench/RESULTS-all-namespaces.md') },
  },
});
const [namespaces, perNamespace, runs] = ['namespaces', 'per-namespace', 'runs'].map((k) => Number(values[k]));
if (![namespaces, perNamespace, runs].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('--namespaces, --per-namespace and --runs take positive integers');
  process.exit(2);
}
const log = (msg) => console.error(`[bench-all-ns] ${new Date().toISOString().slice(11, 19)} ${msg}`);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// The page's requests on a timeline, in ms from its first request (the
// document, i.e. navigation start): when the anchor, the namespaces and the
// per-namespace snapshot were answered, and how long each snapshot read took.
function timeline(requests, base) {
  const all = [...requests.values()];
  const t0 = Math.min(...all.map((r) => r.sentAt));
  const at = (t) => (t - t0) * 1000;
  const kind = (r) => {
    const url = new URL(r.url);
    const p = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
    if (p === '/api/v1/secrets') return url.searchParams.has('watch') ? 'watch' : 'anchor';
    if (p === '/api/v1/namespaces') return 'namespaces';
    if (/^\/api\/v1\/namespaces\/[^/]+\/secrets$/.test(p)) return 'snapshot';
    return 'other';
  };
  const of = (k) => all.filter((r) => kind(r) === k);
  const done = (rs) => rs.filter((r) => r.doneAt).map((r) => at(r.doneAt));
  const snapshot = of('snapshot');
  return {
    anchorDone: Math.min(...done(of('anchor'))),
    namespacesDone: Math.min(...done(of('namespaces'))),
    snapshotFirstSent: Math.min(...snapshot.map((r) => at(r.sentAt))),
    snapshotFirstDone: Math.min(...done(snapshot)),
    snapshotLastDone: Math.max(...done(snapshot)),
    snapshotRequests: snapshot.length,
    snapshotRequestMs: summary(snapshot.filter((r) => r.doneAt).map((r) => (r.doneAt - r.sentAt) * 1000)).median,
    watchSent: Math.min(...of('watch').map((r) => at(r.sentAt))),
  };
}

runBench('bench-ns-', async ({ cluster, proxy, relayedProxy, pageRelay, firstVisit, turns }) => {
  const loadAtStart = load();
  log(`creating ${namespaces} namespaces of ${perNamespace} secrets (load ${loadAtStart})…`);
  const seedStart = Date.now();
  await createNamespacesOfSecrets(cluster, namespaces, perNamespace, (d) => { if (d % 5000 === 0) log(`  ${d} secrets`); });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const expected = await countSecrets(cluster);
  log(`  ${expected} secrets in the cluster after ${seedSeconds.toFixed(0)} s`);

  const getArgs = ['get', 'secrets', '-A'];
  const jsonArgs = [...getArgs, '-o', 'json'];
  const url = `${proxy.uiUrl}?ns=*`;
  const base = new URL(proxy.uiUrl).pathname.replace(/\/ui\/$/, '');
  // Whose CPU time the load took, from navigation to the complete list.
  const roots = { bench: process.pid, chromium: childPid(process.pid, /chrom/i) };
  for (const p of cluster.procs) {
    if (p !== relayedProxy.proc) roots[p.name.replace(/-\d+$/, '')] = p.child.pid;
  }
  const visit = async () => {
    let cpuBefore;
    let cpu;
    const { result, requests } = await firstVisit(url, {
      namespace: '*', expected, timeoutMs: 600000,
      onStart: () => { cpuBefore = cpuNow(roots); },
      onComplete: () => { cpu = cpuUsed(cpuBefore, cpuNow(roots)); },
    });
    return { ...result, ...timeline(requests, base), cpu };
  };
  log('warm-up (not counted), then turn by turn…');
  const { samples, bytes } = await turns({
    runs, getArgs, jsonArgs, visit,
    onTurn: (r, s) => {
      const k = s.keyhole.at(-1);
      log(`  run ${r}/${runs}: kubectl get -A ${ms(s.get.at(-1).wallMs)}, -o json ${ms(s.json.at(-1).wallMs)}, ` +
        `Keyhole first rows ${ms(k.firstRowMs)}, complete ${ms(k.completeMs)}, ${k.domElements} elements (load ${load()})`);
    },
  });
  log('bytes the page reads, through the relay…');
  pageRelay.received = 0;
  await firstVisit(`${relayedProxy.uiUrl}?ns=*`, { namespace: '*', expected, measureMemory: false, timeoutMs: 600000 });
  bytes.keyhole = pageRelay.received;
  const loadAtEnd = load();

  const k = (key) => summary(samples.keyhole.map((s) => s[key]));
  const t = {
    get: summary(samples.get.map((s) => s.wallMs)),
    json: summary(samples.json.map((s) => s.wallMs)),
    first: k('firstRowMs'),
    complete: k('completeMs'),
  };
  const page = { list: k('listWire'), decoded: k('listDecoded'), elements: k('domElements') };
  const vsGet = (s) => ratio(s.median / t.get.median);
  const vsJson = (b) => ratio(b / bytes.json);
  const met = (ok) => (ok ? 'yes' : '**no**');
  const targets = [
    ['first rows / `kubectl get secrets -A`', vsGet(t.first), '≤ 0.5x', t.first.median <= 0.5 * t.get.median],
    ['complete list / `kubectl get secrets -A`', vsGet(t.complete), '≤ 1.0x', t.complete.median <= t.get.median],
    ['bytes the page read / `kubectl get secrets -A -o json`', vsJson(bytes.keyhole), '≤ 0.1x', bytes.keyhole <= 0.1 * bytes.json],
    ['DOM elements, complete list', int(page.elements.median), '< 3,000', page.elements.median < 3000],
  ];
  // The report being replaced: its figures become the "previous run" column.
  const previous = previousSimpleTargets(fs.existsSync(values.out) ? fs.readFileSync(values.out, 'utf8') : '');
  const before = (what) => previous?.measured.get(what) ?? '–';
  const previousHead = previous ? `previous run (${[previous.commit, previous.written && `${previous.written} UTC`].filter(Boolean).join(', ')})` : 'previous run';
  const step = (key) => spread(k(key), ms);
  const cpuMedian = (key) => summary(samples.keyhole.map((s) => s.cpu.seconds[key] ?? s.cpu[key])).median;
  const n = expected.toLocaleString('en-US');
  const report = `# All namespaces: ${n} secrets in ${namespaces.toLocaleString('en-US')} namespaces

\`node bench/all-namespaces.mjs --namespaces ${namespaces} --per-namespace ${perNamespace} --runs ${runs}\`, ${runs} runs, medians (min–max), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Keyhole commit ${keyholeCommit()}, ${cpuDescription()}, load average ${loadAtStart} at start, ${loadAtEnd} at end.
Per namespace a registry and a TLS secret under names every namespace repeats, then small Opaque configs, one made by \`kubectl apply\` (values again in its annotation), TLS, registry, basic-auth and SSH secrets (\`bench/secret-mix.mjs\`); seeded in ${seedSeconds.toFixed(0)} s.
Keyhole opens \`/ui/?ns=*\` in a fresh browser context (app files not cached) and is complete when the count reads "${expected} secrets" and the progress bar is gone.
Bytes: what kubectl and the page read from the apiserver, TLS included, counted by a relay in front of it in separate, untimed runs (for the page, one more visit through a second proxy).

| target | measured | ${previousHead} | limit | met |
|---|---|---|---|---|
${targets.map(([what, got, limit, ok]) => `| ${what} | ${got} | ${before(what)} | ${limit} | ${met(ok)} |`).join('\n')}

| | time | vs \`kubectl get -A\` | bytes read | vs full-object list |
|---|---|---|---|---|
| \`kubectl get secrets -A\` (${n} rows) | ${spread(t.get, ms)} | 1.000x | ${mb(bytes.get)} | ${vsJson(bytes.get)} |
| \`kubectl get secrets -A -o json\` (full objects) | ${spread(t.json, ms)} | ${vsGet(t.json)} | ${mb(bytes.json)} | 1.000x |
| Keyhole, first rows | ${spread(t.first, ms)} | ${vsGet(t.first)} | | |
| Keyhole, complete list | ${spread(t.complete, ms)} | ${vsGet(t.complete)} | ${mb(bytes.keyhole)} | ${vsJson(bytes.keyhole)} |

Where Keyhole's time goes, in ms from navigation (Chromium's request timings; medians of the runs):

| step | at |
|---|---|
| WebAssembly instantiated | ${step('wasmReadyMs')} |
| anchor answered (cluster-wide Table, \`limit=1\`) | ${step('anchorDone')} |
| namespaces answered | ${step('namespacesDone')} |
| first namespace's Table asked for / answered | ${step('snapshotFirstSent')} / ${step('snapshotFirstDone')} |
| first rows shown | ${step('firstRowMs')} |
| last namespace's Table answered | ${step('snapshotLastDone')} |
| complete list shown | ${step('completeMs')} |
| cluster-wide watch asked for | ${step('watchSent')} |

| the page | |
|---|---|
| per-namespace Table requests; each took | ${int(k('snapshotRequests').median)}; ${spread(k('snapshotRequestMs'), ms)} |
| list requests' bytes as Chromium received them (decoded) | ${spread(page.list, kb)} (${spread(page.decoded, mb)}) |
| DOM elements / nodes, complete list | ${int(page.elements.median)} / ${int(k('domNodes').median)} (${int(k('renderedRows').median)} rows rendered) |
| JS heap used after GC; WebAssembly memory | ${spread(k('jsHeapUsed'), mb)}; ${spread(k('wasmMemory'), mb)} |
| CPU seconds used from navigation to the complete list (the cores offered ${cpuMedian('machineTotal').toFixed(1)}) | ${Object.keys(roots).map((g) => `${g} ${cpuMedian(g).toFixed(1)}`).join(', ')}; the whole machine ${cpuMedian('machineBusy').toFixed(1)} (every user's processes) |
`;
  fs.writeFileSync(values.out, report);
  console.log(report);
}, { pageRelay: true });
