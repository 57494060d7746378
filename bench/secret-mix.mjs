// A cluster's worth of secrets for the all-namespaces bench: many namespaces,
// each holding the mix a real one does. Values are random (nobody opens them)
// but of realistic size, and each type carries the keys the apiserver demands.
//
// Per namespace, in this order: a registry pull secret and a TLS secret under
// names every namespace repeats (as Helm charts and operators do), then a
// cycle of ten: four small Opaque configs, one Opaque made by `kubectl apply`
// (its values again in the last-applied-configuration annotation), two TLS,
// one registry, one basic-auth, one SSH key.
import crypto from 'node:crypto';
import { postAll } from './seed.mjs';

// Creating secrets is the apiserver's and etcd's work: more connections than
// cores keep both busy while each waits on the other.
const SEED_CONCURRENCY = 16;

const pad = (i, n) => String(i).padStart(n, '0');
export const namespaceName = (i) => `team-${pad(i, 4)}`;

// A value's text (random bytes in base64, as generated passwords and keys
// look), and its encoding in `data`.
const text = (bytes) => crypto.randomBytes(bytes).toString('base64');
const b64 = (s) => Buffer.from(s).toString('base64');
const pem = (label, bytes) => `-----BEGIN ${label}-----\n${text(bytes).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

const registry = () => ({
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'registry.example.com': { auth: b64(`ci:${text(24)}`) } } })) },
});
// A leaf and an intermediate certificate and an RSA 2048 key, as PEM sizes go.
const tls = () => ({
  type: 'kubernetes.io/tls',
  data: { 'tls.crt': b64(pem('CERTIFICATE', 1300) + pem('CERTIFICATE', 1100)), 'tls.key': b64(pem('PRIVATE KEY', 1200)) },
});
const opaque = (keys) => ({
  type: 'Opaque',
  data: Object.fromEntries(keys.map((k) => [k, b64(text(12 + crypto.randomInt(36)))])),
});
const CYCLE = [
  () => opaque(['DATABASE_URL', 'DATABASE_PASSWORD']),
  () => opaque(['API_KEY']),
  () => opaque(['REDIS_PASSWORD', 'SESSION_SECRET', 'JWT_SIGNING_KEY']),
  () => opaque(['SMTP_USER', 'SMTP_PASSWORD']),
  () => opaque(['token', 'webhook-secret']),
  tls,
  tls,
  registry,
  () => ({ type: 'kubernetes.io/basic-auth', data: { username: b64('svc'), password: b64(text(18)) } }),
  () => ({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': b64(pem('OPENSSH PRIVATE KEY', 300)) } }),
];
const CYCLE_NAMES = ['db', 'api', 'cache', 'smtp', 'applied', 'tls', 'ingress-tls', 'pull', 'basic', 'deploy-key'];
const APPLIED = 4;

// The j-th secret of `namespace`, as the JSON body of its POST.
export function mixedSecret(namespace, j) {
  let name;
  let made;
  if (j < 2) {
    name = ['registry-credentials', 'app-tls'][j];
    made = [registry, tls][j]();
  } else {
    const c = (j - 2) % CYCLE.length;
    name = `${CYCLE_NAMES[c]}-${pad(j, 4)}`;
    made = CYCLE[c]();
  }
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, labels: { app: 'keyhole-bench' } }, ...made };
  if (j >= 2 && (j - 2) % CYCLE.length === APPLIED) {
    secret.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(secret) + '\n' };
  }
  return JSON.stringify(secret);
}

// Creates `namespaces` namespaces of `perNamespace` secrets each, the
// secrets interleaved across namespaces so every one fills at the same pace.
export async function createNamespacesOfSecrets(cluster, namespaces, perNamespace, onProgress = () => {}) {
  const names = Array.from({ length: namespaces }, (_, i) => namespaceName(i));
  await postAll(cluster, namespaces, (i) => [`${cluster.server}/api/v1/namespaces`,
    JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: names[i] } })], () => {}, SEED_CONCURRENCY);
  await postAll(cluster, namespaces * perNamespace, (k) => {
    const ns = names[k % namespaces];
    return [`${cluster.server}/api/v1/namespaces/${ns}/secrets`, mixedSecret(ns, Math.floor(k / namespaces))];
  }, onProgress, SEED_CONCURRENCY);
  return names;
}
