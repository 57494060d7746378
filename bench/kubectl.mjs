// The kubectl side of the comparison: the harness's own kubectl binary, as
// the admin user, talking to kube-apiserver directly over TLS (no proxy) —
// what a user at a terminal pays.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ADMIN_USER } from '../harness/control-plane.mjs';
import { freePort } from '../harness/free-port.mjs';
import { writeKubeconfig } from '../harness/kubeconfig.mjs';

// Runs kubectl once. Wall time is from spawn to exit, with stdout read into
// a pipe and counted (not kept).
export function timeKubectl(cluster, args, { kubeconfig = cluster.adminKubeconfig, cacheDir } = {}) {
  return new Promise((resolve, reject) => {
    const argv = [`--kubeconfig=${kubeconfig}`, ...(cacheDir ? [`--cache-dir=${cacheDir}`] : []), ...args];
    const start = process.hrtime.bigint();
    const child = spawn(cluster.tool('kubectl'), argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (c) => { stdoutBytes += c.length; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`kubectl ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ wallMs, stdoutBytes, stderr });
    });
  });
}

// A TCP relay in front of kube-apiserver that counts the bytes kubectl reads
// (TLS records included, as they cross the socket). kubectl uses it through a
// kubeconfig of its own; the serving certificate names 127.0.0.1, so TLS
// verification still holds on the relay's port.
export class CountingRelay {
  static async start(cluster, dir) {
    const relay = new CountingRelay();
    relay.port = await freePort();
    relay.received = 0;
    relay.sockets = new Set();
    relay.server = net.createServer((client) => {
      const upstream = net.connect(cluster.apiPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        relay.sockets.add(s);
        s.on('close', () => relay.sockets.delete(s));
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      upstream.on('data', (c) => { relay.received += c.length; });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise((resolve, reject) => {
      relay.server.once('error', reject);
      relay.server.listen(relay.port, '127.0.0.1', resolve);
    });
    relay.kubeconfig = writeKubeconfig(path.join(dir, 'counted.kubeconfig'), {
      server: `https://127.0.0.1:${relay.port}`,
      caFile: cluster.ca.cert,
      certFile: path.join(cluster.pkiDir, `user-${ADMIN_USER}.crt`),
      keyFile: path.join(cluster.pkiDir, `user-${ADMIN_USER}.key`),
      user: ADMIN_USER,
    });
    return relay;
  }

  // Bytes kubectl read from the apiserver during one run of `args`.
  async measure(cluster, args, cacheDir) {
    this.received = 0;
    const run = await timeKubectl(cluster, args, { kubeconfig: this.kubeconfig, cacheDir });
    return { ...run, receivedBytes: this.received };
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

// The HTTP requests kubectl makes for `args`, from its own -v=6 log: how many
// list pages it fetched, and the first URL (to show its limit= and query).
export async function kubectlRequests(cluster, args, cacheDir) {
  const { stderr } = await timeKubectl(cluster, [...args, '-v=6'], { cacheDir });
  const urls = [];
  for (const line of stderr.split('\n')) {
    const m = line.match(/verb="GET" url="([^"]+)"/) ?? line.match(/\bGET (https:\/\/\S+)/);
    if (m && /\/secrets(\?|$)/.test(m[1])) urls.push(m[1]);
  }
  return { count: urls.length, first: urls[0] ?? null };
}

export function kubectlCacheDir(dir) {
  const cacheDir = path.join(dir, 'kubectl-cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  return cacheDir;
}
