// The real helm, built from its Go module by harness/build-helm.sh
// (harness/bootstrap.sh exports its path as KEYHOLE_HELM), run against the
// harness's cluster as its admin.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

// The chart of Keyhole's own tests: one Opaque Secret rendered from its values.
export const demoChart = path.join(root, 'tests/e2e/charts/keyhole-demo');

// KEYHOLE_HELM, else the binary the build script caches for the pinned version.
export function helmBinary() {
  if (process.env.KEYHOLE_HELM) return process.env.KEYHOLE_HELM;
  const versions = fs.readFileSync(path.join(root, 'harness/versions.env'), 'utf8');
  const version = versions.match(/^HELM_VERSION=(\S+)/m)?.[1];
  const cache = process.env.KEYHOLE_CACHE ?? path.join(os.homedir(), '.cache/keyhole');
  const bin = path.join(cache, `helm-${version}`, 'bin', 'helm');
  if (!fs.existsSync(bin)) throw new Error(`no helm at ${bin}: run harness/build-helm.sh (or harness/test.sh)`);
  return bin;
}

// A helm bound to one kubeconfig, with its own config/cache/data folders so a
// test never reads or writes the user's ~/.config/helm. `run(args)` resolves
// to stdout; a failure rejects with helm's stderr.
export function helmFor(kubeconfig) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-helm-'));
  const env = {
    PATH: process.env.PATH, HOME: home, KUBECONFIG: kubeconfig,
    HELM_CONFIG_HOME: path.join(home, 'config'), HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_DATA_HOME: path.join(home, 'data'),
  };
  const bin = helmBinary();
  return {
    run: (args) => new Promise((resolve, reject) => {
      execFile(bin, args, { env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`helm ${args[0]} failed: ${stderr}`));
        else resolve(stdout);
      });
    }),
    cleanup: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}
