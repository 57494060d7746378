// The harness is real: kubectl and the official Python client both read the
// guide's sample secret from it, byte for byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { SAMPLE } from '../../harness/sample-data.mjs';
import { attachCluster } from './support/cluster.mjs';
import { assertSameBytes } from './support/values.mjs';

const { state, cluster } = attachCluster();

test('kubectl reads the sample secret db-credentials exactly', async () => {
  const r = await cluster.kubectl(['get', 'secret', 'db-credentials', '-n', 'default', '-o', 'json']);
  assert.ok(r.ok, r.stderr);
  const secret = JSON.parse(r.stdout);
  assert.equal(secret.type, 'Opaque');
  assert.deepEqual(Object.keys(secret.data).sort(), Object.keys(SAMPLE.dbCredentials).sort());
  for (const [key, value] of Object.entries(SAMPLE.dbCredentials)) {
    assertSameBytes(Buffer.from(secret.data[key], 'base64'), value, `db-credentials/${key}`);
  }
});

test('kubectl sees the TLS sample and the secret-reader Role limited to db-credentials', async () => {
  const tls = JSON.parse((await cluster.kubectl(['get', 'secret', 'tls-cert', '-o', 'json'])).stdout);
  assert.equal(tls.type, 'kubernetes.io/tls');
  assert.match(Buffer.from(tls.data['tls.crt'], 'base64').toString(), /^-----BEGIN CERTIFICATE-----/);
  const role = JSON.parse((await cluster.kubectl(['get', 'role', 'secret-reader', '-o', 'json'])).stdout);
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db-credentials'], verbs: ['get'] }]);
});

test('the official Python client reads the same bytes', () => {
  const python = process.env.KEYHOLE_PYTHON ?? 'python3';
  const out = execFileSync(python, ['tests/cluster_truth/secret_digests.py', 'default', 'db-credentials'],
    { env: { ...process.env, KUBECONFIG: state.adminKubeconfig }, encoding: 'utf8' });
  const { type, digests } = JSON.parse(out);
  assert.equal(type, 'Opaque');
  for (const [key, value] of Object.entries(SAMPLE.dbCredentials)) {
    assert.equal(digests[key], crypto.createHash('sha256').update(value).digest('hex'), `digest of ${key}`);
  }
});
