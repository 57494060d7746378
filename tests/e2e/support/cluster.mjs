// The running local control plane, as described by the harness's state file
// (KEYHOLE_STATE), plus helpers to act on it in tests.
import fs from 'node:fs';
import path from 'node:path';
import { ControlPlane } from '../../../harness/control-plane.mjs';

export function clusterState() {
  const file = process.env.KEYHOLE_STATE;
  if (!file) throw new Error('KEYHOLE_STATE is not set: run the tests with harness/test.sh');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// A handle on the harness's cluster that can create users and proxies in the
// same temp directory (removed by the harness when it stops).
export function attachCluster() {
  const state = clusterState();
  const cluster = Object.create(ControlPlane.prototype);
  Object.assign(cluster, {
    bin: state.bin, dir: state.dir, server: state.server, ca: state.ca,
    adminKubeconfig: state.adminKubeconfig, logDir: state.logDir,
    pkiDir: path.join(state.dir, 'pki'), usersDir: path.join(state.dir, 'users'),
    procs: [], proxies: [],
  });
  return { state, cluster };
}

export const distDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../dist');
