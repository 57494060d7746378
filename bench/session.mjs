// What a one-scenario bench script (helm-records.mjs, all-namespaces.mjs)
// runs in: a temp dir with a copy of dist/ (a rebuild during the run changes
// nothing), etcd + kube-apiserver + kube-controller-manager, `kubectl proxy
// --www` serving that copy, a CountingRelay for the bytes kubectl reads, and
// headless Chromium. Everything is stopped and removed at the end, on failure
// and on Ctrl-C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ControlPlane } from '../harness/control-plane.mjs';
import { checkPrerequisites } from './prerequisites.mjs';
import { launchChromium, measureLoad, VIEWPORT } from './browser.mjs';
import { CountingRelay, kubectlCacheDir, timeKubectl } from './kubectl.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// Runs `main(bench)` with `bench` = { work, cluster, proxy, relay, browser,
// cacheDir, kubectl(args), firstVisit, turns } (the last two below). With
// `pageRelay`, also `relayedProxy`, a second proxy that reaches the apiserver
// through a CountingRelay of its own (`pageRelay`), so the bytes a page reads
// from the cluster are counted as kubectl's are. Time pages on `proxy`: the
// relay, in this process, slows every request down.
export function runBench(tmpPrefix, main, { pageRelay = false } = {}) {
  const srcDist = checkPrerequisites(root);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const bench = { work };
  let cleaning;
  const cleanup = () => {
    cleaning ??= (async () => {
      await bench.browser?.close().catch(() => {});
      await bench.pageRelay?.close().catch(() => {});
      await bench.relay?.close().catch(() => {});
      await bench.cluster?.stop().catch(() => {});
      fs.rmSync(work, { recursive: true, force: true });
    })();
    return cleaning;
  };
  let interrupted = false;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      interrupted = true;
      cleanup().finally(() => process.exit(code));
    });
  }
  const start = async () => {
    const dist = path.join(work, 'dist');
    fs.cpSync(srcDist, dist, { recursive: true });
    bench.cluster = new ControlPlane({ dir: path.join(work, 'cluster') });
    await bench.cluster.start();
    bench.proxy = await bench.cluster.startProxy({ www: dist });
    if (pageRelay) {
      const dir = path.join(work, 'page-relay');
      fs.mkdirSync(dir);
      bench.pageRelay = await CountingRelay.start(bench.cluster, dir);
      bench.relayedProxy = await bench.cluster.startProxy({ www: dist, kubeconfig: bench.pageRelay.kubeconfig });
    }
    bench.relay = await CountingRelay.start(bench.cluster, work);
    bench.browser = await launchChromium();
    bench.cacheDir = kubectlCacheDir(work);
    bench.kubectl = (args) => timeKubectl(bench.cluster, args, { cacheDir: bench.cacheDir });
    bench.firstVisit = (url, options) => firstVisit(bench.browser, url, options);
    bench.turns = (options) => turns(bench, options);
    await main(bench);
  };
  start().then(cleanup, async (e) => {
    // After Ctrl-C the run fails on the closed browser: nothing to report.
    if (!interrupted) {
      console.error(e);
      if (bench.cluster) console.error(bench.cluster.logTails(15));
    }
    await cleanup();
    process.exit(interrupted ? 130 : 1);
  });
}

// A first visit of `url`, in a fresh browser context (nothing cached):
// measureLoad's result and the page's requests.
async function firstVisit(browser, url, options) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const { page, result, requests } = await measureLoad(context, url, options);
    await page.close();
    return { result, requests };
  } finally {
    await context.close();
  }
}

// After a warm-up (not counted), `runs` turns of `kubectl <getArgs>`,
// `kubectl <jsonArgs>` and `visit()` — turn by turn, so a slow moment of the
// machine hits every side — then the bytes kubectl reads for each, through
// the relay. `onTurn(r, samples)` after each turn.
async function turns({ cluster, relay, cacheDir, kubectl }, { runs, getArgs, jsonArgs, visit, onTurn = () => {} }) {
  await kubectl(getArgs);
  await visit();
  const samples = { get: [], json: [], keyhole: [] };
  for (let r = 1; r <= runs; r++) {
    samples.get.push(await kubectl(getArgs));
    samples.json.push(await kubectl(jsonArgs));
    samples.keyhole.push(await visit());
    onTurn(r, samples);
  }
  await relay.measure(cluster, getArgs, cacheDir); // fills the discovery cache for the relay's address
  const bytes = {
    get: (await relay.measure(cluster, getArgs, cacheDir)).receivedBytes,
    json: (await relay.measure(cluster, jsonArgs, cacheDir)).receivedBytes,
  };
  return { samples, bytes };
}
