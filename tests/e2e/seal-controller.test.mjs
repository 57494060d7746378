// The real Sealed Secrets controller runs against the test cluster
// (tests/e2e/support/sealed-secrets.mjs): kubeseal fetches its certificate
// through the apiserver's service proxy, as Keyhole will, and a strict
// SealedSecret decrypts only under its own namespace and name. The browser
// tests of "Seal for Git" build on this.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { waitFor } from '../../harness/process.mjs';
import { CONTROLLER, CONTROLLER_NAMESPACE, startController } from './support/sealed-secrets.mjs';

const { cluster } = attachCluster();
const ns = `seal-ctl-${Date.now().toString(36)}`;
let controller;

before(async () => {
  controller = await startController(cluster);
  await cluster.kubectl(['create', 'namespace', ns]);
});

after(async () => {
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await controller?.stop();
});

const certPath = `/api/v1/namespaces/${CONTROLLER_NAMESPACE}/services/${CONTROLLER}:http/proxy/v1/cert.pem`;

test('the certificate comes through the apiserver service proxy', async () => {
  const viaProxy = await cluster.kubectl(['get', '--raw', certPath]);
  assert.ok(viaProxy.ok, viaProxy.stderr);
  assert.match(viaProxy.stdout, /^-----BEGIN CERTIFICATE-----/);
  assert.equal(await controller.kubeseal(['--fetch-cert']), viaProxy.stdout);
});

async function secretData(name, namespace = ns) {
  const r = await cluster.kubectl(['get', 'secret', name, '-n', namespace, '-o', 'json']);
  return r.ok ? JSON.parse(r.stdout).data ?? {} : undefined;
}

test('a strict SealedSecret decrypts under its name only', async () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: ns },
    data: { bin: Buffer.from([0, 255, 1]).toString('base64') } };
  const sealed = JSON.parse(await controller.kubeseal(['-o', 'json'], JSON.stringify(secret)));
  await controller.kubeseal(['--validate'], JSON.stringify(sealed));
  const applied = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(sealed) });
  assert.ok(applied.ok, applied.stderr);
  await waitFor('the controller to unseal db', async () => (await secretData('db'))?.bin === 'AP8B',
    { proc: controller.proc });

  const renamed = structuredClone(sealed);
  renamed.metadata.name = 'db-renamed';
  const r = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(renamed) });
  assert.ok(r.ok, r.stderr);
  await waitFor('the controller to refuse db-renamed', async () => {
    const s = await cluster.kubectl(['get', 'sealedsecret', 'db-renamed', '-n', ns, '-o', 'json']);
    const synced = JSON.parse(s.stdout).status?.conditions?.find((c) => c.type === 'Synced');
    return synced?.status === 'False';
  }, { proc: controller.proc });
  assert.equal(await secretData('db-renamed'), undefined);
});
