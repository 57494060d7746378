// What the results were measured on: machine, versions, and the app build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const firstLine = (s) => s.split('\n').find((l) => l.trim()) ?? '';
function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: root }).trim();
  } catch {
    return 'unknown';
  }
}

// "model × cores", as the reports name the machine.
export function cpuDescription() {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`;
}

// HEAD's short hash, marked when the app's sources differ from it.
export function keyholeCommit() {
  const dirty = run('git', ['status', '--porcelain', '--', 'src', 'index.html', 'Cargo.toml', 'Cargo.lock', 'style']);
  return run('git', ['rev-parse', '--short', 'HEAD']) + (dirty && dirty !== 'unknown' ? ' (app sources modified since)' : '');
}

export async function describeMachine(cluster, browser, distDir) {
  const kubectl = JSON.parse(run(cluster.tool('kubectl'), [`--kubeconfig=${cluster.adminKubeconfig}`, 'version', '-o', 'json']));
  const wasm = path.join(distDir, 'keyhole_bg.wasm');
  return {
    date: new Date().toISOString(),
    cpu: cpuDescription(),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${firstLine(fs.readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="?([^"\n]*)/)?.[1] ?? '')})`,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    node: process.version,
    chromium: browser.version(),
    playwright: JSON.parse(fs.readFileSync(path.join(root, 'node_modules/playwright-core/package.json'), 'utf8')).version,
    kubectl: kubectl.clientVersion?.gitVersion,
    apiserver: kubectl.serverVersion?.gitVersion,
    etcd: firstLine(run(cluster.tool('etcd'), ['--version'])),
    commit: keyholeCommit(),
    distBuilt: fs.existsSync(wasm) ? fs.statSync(wasm).mtime.toISOString() : 'unknown',
  };
}

// harness/bundle-size.mjs's table for `distDir`, and its totals in bytes.
export function bundleSize(distDir) {
  const text = execFileSync(process.execPath, [path.join(root, 'harness/bundle-size.mjs'), distDir], { encoding: 'utf8' });
  const m = text.match(/total\s+([\d.]+) KB\s+([\d.]+) KB\s+([\d.]+) KB/);
  const total = m ? { raw: m[1] * 1024, gzip: m[2] * 1024, brotli: m[3] * 1024 } : null;
  return { text: text.replace(/\s+$/, ''), total };
}
