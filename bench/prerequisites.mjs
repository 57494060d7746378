// What every bench script needs before it starts a cluster: a built dist/,
// and the harness's control-plane binaries, found where harness/bootstrap.sh
// caches them (or in $KEYHOLE_BIN). Exits with a hint when either is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function checkPrerequisites(root) {
  const srcDist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(srcDist, 'index.html'))) {
    console.error('dist/ is missing: build Keyhole first (harness/build-app.sh)');
    process.exit(2);
  }
  if (!process.env.KEYHOLE_BIN) {
    const env = Object.fromEntries(fs.readFileSync(path.join(root, 'harness/versions.env'), 'utf8')
      .split('\n').filter((l) => /^\w+=/.test(l)).map((l) => l.split('=')));
    const cache = process.env.KEYHOLE_CACHE ?? path.join(os.homedir(), '.cache/keyhole');
    process.env.KEYHOLE_BIN = path.join(cache, `control-plane-${env.K8S_VERSION}-etcd-${env.ETCD_VERSION}`, 'bin');
  }
  if (!fs.existsSync(path.join(process.env.KEYHOLE_BIN, 'kube-apiserver'))) {
    console.error(`no control-plane binaries in ${process.env.KEYHOLE_BIN}: run harness/test.sh once, or set KEYHOLE_BIN`);
    process.exit(2);
  }
  return srcDist;
}
