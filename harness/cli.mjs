#!/usr/bin/env node
// The harness as one command:
//   node harness/cli.mjs up [--www DIR] [--port N] [--sample-data] [--state FILE]
//                           [--keep-prefix [--new-prefix]] [--read-only]
// starts etcd, kube-apiserver and kube-controller-manager, optionally the
// guide's sample data, and Keyhole's `kubectl proxy` (harness/keyhole-proxy.mjs)
// serving DIR as the admin user; on Ctrl-C (or SIGTERM) stops every process it
// started and removes its temp directory. With --keep-prefix (the run
// command) the proxy uses the user's kept prefix and the URL is printed;
// otherwise (the tests) a fresh random prefix that is never printed. With
// --state it writes a JSON file describing the cluster, which the tests read.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ControlPlane } from './control-plane.mjs';
import { announce, keptPrefix, newPrefix } from './keyhole-proxy.mjs';
import { currentContext } from './kubeconfig.mjs';
import { createSampleData } from './sample-data.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    www: { type: 'string' },
    port: { type: 'string' },
    'sample-data': { type: 'boolean', default: false },
    state: { type: 'string' },
    'keep-prefix': { type: 'boolean', default: false },
    'new-prefix': { type: 'boolean', default: false },
    'read-only': { type: 'boolean', default: false },
  },
});
if (positionals[0] !== 'up') {
  console.error('usage: node harness/cli.mjs up [--www DIR] [--port N] [--sample-data] [--state FILE]');
  process.exit(2);
}

const log = (msg) => console.error(`[harness] ${msg}`);
const cluster = new ControlPlane();
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping the control plane…');
  await cluster.stop();
  if (values.state) fs.rmSync(values.state, { force: true });
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  log(`starting etcd, kube-apiserver and kube-controller-manager (logs: ${cluster.logDir})…`);
  await cluster.start();
  if (values['sample-data']) {
    log('creating the guide\'s sample data in namespace default…');
    await createSampleData(cluster);
  }
  const state = {
    dir: cluster.dir, bin: cluster.bin, server: cluster.server, logDir: cluster.logDir,
    adminKubeconfig: cluster.adminKubeconfig, ca: cluster.ca,
  };
  if (values.www) {
    const keep = values['keep-prefix'];
    const readOnly = values['read-only'];
    const proxy = await cluster.startProxy({
      www: path.resolve(values.www), port: values.port ? Number(values.port) : undefined,
      prefix: keep ? keptPrefix({ renew: values['new-prefix'] }) : newPrefix(), readOnly,
    });
    Object.assign(state, { proxyUrl: proxy.url, proxyBase: proxy.base, uiUrl: proxy.uiUrl, proxyPrefix: proxy.prefix });
    if (keep) announce(proxy.uiUrl, { context: currentContext(cluster.adminKubeconfig), readOnly, local: true });
    else log(`Keyhole is served on port ${proxy.port} under a random prefix (in the state file)`);
  }
  log(`admin kubeconfig: ${cluster.adminKubeconfig}`);
  if (values.state) fs.writeFileSync(values.state, JSON.stringify(state, null, 2), { mode: 0o600 });
} catch (e) {
  log(`failed: ${e.message}`);
  console.error(cluster.logTails());
  await shutdown(1);
}
