#!/usr/bin/env node
// The scale benchmark (issue #8): Keyhole against `kubectl get` on the same
// local cluster, in the same run.
//
//   node bench/run.mjs [--sizes 1000,10000] [--runs 5] [--out bench/RESULTS.md]
//                      [--skip-size-floor] [--skip-trace]
//
// Starts etcd + kube-apiserver + kube-controller-manager (harness/), serves a
// copy of dist/ with `kubectl proxy --www`, fills one namespace per size with
// N secrets, then measures kubectl and headless Chromium turn by turn, prints
// a Markdown report and writes it to --out. Every process and temp directory
// it made is removed at the end, on failure and on Ctrl-C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ControlPlane } from '../harness/control-plane.mjs';
import { checkPrerequisites } from './prerequisites.mjs';
import { launchChromium, measureLoad, timeRowChange, VIEWPORT } from './browser.mjs';
import { CountingRelay, kubectlCacheDir, kubectlRequests, timeKubectl } from './kubectl.mjs';
import { bundleSize, describeMachine } from './machine.mjs';
import { wasmBreakdown } from './wasm-breakdown.mjs';
import { measureSizeFloor } from './size-floor.mjs';
import { renderReport } from './report.mjs';
import { previousTargets } from './previous.mjs';
import { traceFirstVisit } from './trace.mjs';
import { createSecrets } from './seed.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(root, 'bench/RESULTS.md') },
    previous: { type: 'string', default: path.join(root, 'bench/RESULTS.md') },
    'skip-size-floor': { type: 'boolean', default: false },
    'skip-trace': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: node bench/run.mjs [--sizes 1000,10000] [--runs 5] [--out bench/RESULTS.md] [--skip-size-floor] [--skip-trace]');
  process.exit(0);
}
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
  console.error('--sizes takes positive integers separated by commas, --runs a positive integer');
  process.exit(2);
}

const log = (msg) => console.error(`[bench] ${msg}`);
const srcDist = checkPrerequisites(root);

// Everything this run starts, so that one function can stop it all.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-bench-'));
let cluster;
let relay;
let browser;
let eagerBrowser;
let cleaning;
let interrupted = false;
function cleanup() {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    await eagerBrowser?.close().catch(() => {});
    await relay?.close().catch(() => {});
    await cluster?.stop().catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    interrupted = true;
    log(`${signal}: stopping everything…`);
    cleanup().finally(() => process.exit(code));
  });
}

async function kubectl(args) {
  return timeKubectl(cluster, args, { cacheDir: kubectlCacheDir(work) });
}

async function benchSize(n, proxy) {
  const ns = `bench-${n}`;
  const cacheDir = kubectlCacheDir(work);
  await kubectl(['create', 'namespace', ns]);
  log(`creating ${n} secrets in ${ns}…`);
  const seedStart = Date.now();
  await createSecrets(cluster, ns, n, (done) => log(`  ${done}/${n}`));
  const seedSeconds = (Date.now() - seedStart) / 1000;
  log(`  created in ${seedSeconds.toFixed(1)} s`);

  const url = `${proxy.uiUrl}?ns=${ns}`;
  const noAppUrl = `${proxy.uiUrl}no-app/?ns=${ns}`;
  const getArgs = ['get', 'secrets', '-n', ns];
  const jsonArgs = [...getArgs, '-o', 'json'];
  const load = async (context, measureMemory = true, pageUrl = url) => {
    const { page, result } = await measureLoad(context, pageUrl, { namespace: ns, expected: n, measureMemory });
    await page.close();
    return result;
  };
  const freshContext = () => browser.newContext({ viewport: VIEWPORT });

  log('warm-up (not counted)…');
  await kubectl(getArgs);
  await kubectl(jsonArgs);
  {
    const context = await freshContext();
    try { await load(context, false); } finally { await context.close(); }
  }

  // Turn by turn, so that a slow moment of the machine hits both sides.
  const samples = { get: [], json: [], cold: [], warm: [], noApp: [], eager: [] };
  for (let r = 1; r <= runs; r++) {
    samples.get.push(await kubectl(getArgs));
    samples.json.push(await kubectl(jsonArgs));
    // A new browser context has an empty HTTP cache: a first visit. The second
    // page in the same context is a return visit (app files cached).
    const context = await freshContext();
    try {
      samples.cold.push(await load(context, true));
      samples.warm.push(await load(context, false));
    } finally {
      await context.close();
    }
    // The floor: a first visit of a page with no app that fetches the same pages.
    const bare = await freshContext();
    try {
      samples.noApp.push(await load(bare, false, noAppUrl));
    } finally {
      await bare.close();
    }
    // What the first-call compiles cost: the same first visit in a Chromium
    // with V8's lazy WebAssembly compilation off.
    const eager = await eagerBrowser.newContext({ viewport: VIEWPORT });
    try {
      samples.eager.push(await load(eager, false));
    } finally {
      await eager.close();
    }
    const [g, j, c, f, e] = [samples.get.at(-1), samples.json.at(-1), samples.cold.at(-1), samples.noApp.at(-1), samples.eager.at(-1)];
    log(`  run ${r}/${runs}: kubectl get ${g.wallMs.toFixed(0)} ms, -o json ${j.wallMs.toFixed(0)} ms; ` +
      `Keyhole first rows ${c.firstRowMs.toFixed(0)} ms, complete ${c.completeMs.toFixed(0)} ms; ` +
      `no-app page complete ${f.completeMs.toFixed(0)} ms; lazy compilation off: complete ${e.completeMs.toFixed(0)} ms`);
  }

  log('bytes kubectl reads, and its requests…');
  await relay.measure(cluster, getArgs, cacheDir); // fills the discovery cache for the relay's address
  const bytes = {
    get: await relay.measure(cluster, getArgs, cacheDir),
    json: await relay.measure(cluster, jsonArgs, cacheDir),
    empty: await relay.measure(cluster, ['get', 'secrets', '-n', 'bench-empty'], cacheDir),
  };
  const requests = {
    get: await kubectlRequests(cluster, getArgs, cacheDir),
    json: await kubectlRequests(cluster, jsonArgs, cacheDir),
  };

  log('a change made with kubectl, until the open page shows it…');
  const change = { create: [], remove: [] };
  {
    const context = await freshContext();
    try {
      const { page } = await measureLoad(context, url, { namespace: ns, expected: n, measureMemory: false });
      for (let r = 1; r <= runs; r++) {
        // Sorts before every bench-NNNNN, so its row is the first one on screen.
        const name = `aaaa-change-${r}`;
        change.create.push(await timeRowChange(page, name, true,
          () => kubectl(['create', 'secret', 'generic', name, '-n', ns, '--from-literal=token=changed'])));
        change.remove.push(await timeRowChange(page, name, false,
          () => kubectl(['delete', 'secret', name, '-n', ns])));
      }
    } finally {
      await context.close();
    }
  }
  // After everything timed: one first visit again, under a Chromium trace
  // (bench/trace.mjs), to see where its time goes.
  let trace = null;
  if (!values['skip-trace']) {
    log('a Chromium trace of one first visit…');
    trace = await traceFirstVisit(browser, url, {
      namespace: ns, expected: n, base: new URL(proxy.uiUrl).pathname.split('/ui/')[0],
    });
    log(`  ${trace.traceEvents} trace events; complete list at ${trace.completeMs.toFixed(0)} ms`);
  }
  return { n, ns, seedSeconds, samples, bytes, requests, change, trace };
}

async function main() {
  const dist = path.join(work, 'dist');
  // A copy, so a rebuild of dist/ during the run cannot change what is measured.
  fs.cpSync(srcDist, dist, { recursive: true });
  const bundle = bundleSize(dist);
  // The smallest bundle the fixed choices allow (bench/size-floor.mjs), built
  // before the cluster starts so the builds do not disturb the timings.
  const sizeFloor = values['skip-size-floor'] ? null : measureSizeFloor(dist, bundle);
  // Beside the app, after sizing it: the no-app page, same origin and proxy.
  fs.cpSync(path.join(root, 'bench/no-app'), path.join(dist, 'no-app'), { recursive: true });

  log(`starting etcd, kube-apiserver, kube-controller-manager (${process.env.KEYHOLE_BIN})…`);
  cluster = new ControlPlane({ dir: path.join(work, 'cluster') });
  await cluster.start();
  const proxy = await cluster.startProxy({ www: dist });
  relay = await CountingRelay.start(cluster, work);
  browser = await launchChromium();
  eagerBrowser = await launchChromium({ eagerWasm: true });
  const machine = await describeMachine(cluster, browser, srcDist);
  await kubectl(['create', 'namespace', 'bench-empty']);

  const results = [];
  for (const n of sizes) results.push(await benchSize(n, proxy));

  const breakdown = wasmBreakdown(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../target/wasm32-unknown-unknown/release/keyhole.wasm'));
  // The report being replaced: its targets become the "previous run" column.
  const previous = previousTargets(fs.existsSync(values.previous) ? fs.readFileSync(values.previous, 'utf8') : '');
  const report = renderReport({ machine, bundle, results, runs, sizes, breakdown, sizeFloor, previous });
  fs.writeFileSync(values.out, report);
  console.log(report);
  log(`written to ${path.relative(process.cwd(), values.out) || values.out}`);
}

try {
  await main();
  await cleanup();
} catch (e) {
  // After Ctrl-C the run fails on the closed browser: nothing to report.
  if (!interrupted) {
    log(`failed: ${e.stack ?? e}`);
    if (cluster) console.error(cluster.logTails(15));
  }
  await cleanup();
  process.exit(interrupted ? 130 : 1);
}
