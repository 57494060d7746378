// Fills a namespace with N Opaque secrets of three keys, each key 1 KiB of
// random bytes (about 1.4 KB once base64-encoded in the object).
//
// Straight POSTs to the apiserver over a few keep-alive connections: one
// `kubectl create -f` of 10,000 objects is throttled client-side to a few
// requests a second, which would make seeding take longer than measuring.
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { ADMIN_USER } from '../harness/control-plane.mjs';

export const KEY_BYTES = 1024;
const CONCURRENCY = 8;

export const secretName = (i) => `bench-${String(i).padStart(5, '0')}`;

// An https agent that authenticates as the harness's admin user.
export function adminAgent(cluster, maxSockets = CONCURRENCY) {
  return new https.Agent({
    keepAlive: true,
    maxSockets,
    ca: fs.readFileSync(cluster.ca.cert),
    cert: fs.readFileSync(path.join(cluster.pkiDir, `user-${ADMIN_USER}.crt`)),
    key: fs.readFileSync(path.join(cluster.pkiDir, `user-${ADMIN_USER}.key`)),
  });
}

function post(agent, url, body) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json' },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode < 300 ? resolve()
        : reject(new Error(`POST ${url}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// How many secrets the cluster holds, all namespaces and types: the
// cluster-wide list's first item and the count of those after it.
export function countSecrets(cluster) {
  const agent = adminAgent(cluster, 1);
  return new Promise((resolve, reject) => {
    https.get(`${cluster.server}/api/v1/secrets?limit=1`, { agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        agent.destroy();
        const list = JSON.parse(Buffer.concat(chunks).toString());
        if (res.statusCode !== 200) reject(new Error(`GET /api/v1/secrets: ${res.statusCode} ${list.message}`));
        else resolve(list.items.length + (list.metadata.remainingItemCount ?? 0));
      });
    }).on('error', (e) => { agent.destroy(); reject(e); });
  });
}

function secretBody(namespace, name) {
  const value = () => crypto.randomBytes(KEY_BYTES).toString('base64');
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
    metadata: { name, namespace, labels: { app: 'keyhole-bench' } },
    data: { username: value(), password: value(), 'ca.crt': value() },
  });
}

export async function createSecrets(cluster, namespace, count, onProgress = () => {}) {
  const url = `${cluster.server}/api/v1/namespaces/${namespace}/secrets`;
  await postAll(cluster, count, (i) => [url, secretBody(namespace, secretName(i))], onProgress);
}

// POSTs `count` objects, `request(i)` giving the i-th's [url, body], over
// `concurrency` keep-alive connections; `onProgress(done)` every thousand.
export async function postAll(cluster, count, request, onProgress = () => {}, concurrency = CONCURRENCY) {
  const agent = adminAgent(cluster, concurrency);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const [url, body] = request(next++);
      await post(agent, url, body);
      if (++done % 1000 === 0) onProgress(done);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
}

// Helm release records as Helm writes them: type helm.sh/release.v1, the
// labels Helm's storage driver sets, and one key `release` holding base64 of
// a gzip stream (random bytes here: gzip output does not compress further).
// `approxBytes` is the size of that key's stored (decoded) value.
export async function createReleaseRecords(cluster, namespace, count, approxBytes, onProgress = () => {}) {
  const url = `${cluster.server}/api/v1/namespaces/${namespace}/secrets`;
  const perRelease = 10;
  const body = (i) => {
    const release = `app-${String(Math.floor(i / perRelease)).padStart(4, '0')}`;
    const version = (i % perRelease) + 1;
    const payload = crypto.randomBytes(Math.floor(approxBytes * 0.75)).toString('base64');
    return JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1',
      metadata: { name: `sh.helm.release.v1.${release}.v${version}`, namespace,
        labels: { owner: 'helm', name: release, status: version === perRelease ? 'deployed' : 'superseded', version: String(version) } },
      data: { release: Buffer.from(payload).toString('base64') },
    });
  };
  await postAll(cluster, count, (i) => [url, body(i)], onProgress);
}
