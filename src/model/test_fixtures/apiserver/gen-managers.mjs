// Captures what a real kube-apiserver returns for the custom resources that
// write secrets, for the tests of their purpose-made read structs
// (model::managed::objects, model::seal::object). Against a running harness:
//   KEYHOLE_STATE=<the harness's state file> node gen-managers.mjs
// The SealedSecrets are the real controller's (v0.40.0, built by
// harness/build-sealed-secrets.sh): one sealed by kubeseal, which it unseals,
// and one it cannot decrypt, so both Synced conditions are its own words.
// No External Secrets or cert-manager controller runs here: their statuses
// are written through the apiserver in the shape of the projects' Go types
// (ExternalSecretStatus, CertificateStatus). Strings Keyhole shows carry
// `fixture-` where the API allows any text, so a misread field is caught.
import fs from 'node:fs';
import path from 'node:path';
import { attachCluster } from '../../../../tests/e2e/support/cluster.mjs';
import { waitFor } from '../../../../harness/process.mjs';
import { startController } from '../../../../tests/e2e/support/sealed-secrets.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../../../..');
const ns = 'managers-fixture';
const { cluster } = attachCluster();

async function must(args, input) {
  const r = await cluster.kubectl(args, { input });
  if (!r.ok) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const controller = await startController(cluster);
try {
  await must(['create', 'namespace', ns]);
  for (const crd of ['externalsecret', 'certificate']) {
    await must(['apply', '-f', path.join(root, `tests/e2e/crds/${crd}.yaml`)]);
  }
  await must(['wait', '--for=condition=Established', 'crd/externalsecrets.external-secrets.io', 'crd/certificates.cert-manager.io']);

  const meta = (name) => ({ name, namespace: ns });
  await must(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
    { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('fixture-db'),
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'fixture-vault' }, refreshInterval: '15m0s',
        target: { name: 'fixture-db' }, data: [{ secretKey: 'password', remoteRef: { key: 'fixture-db/password' } }] },
      status: { refreshTime: '2026-12-04T10:00:00Z', syncedResourceVersion: '1-abc', binding: { name: 'fixture-db' },
        conditions: [{ type: 'Ready', status: 'False', reason: 'fixture-SecretSyncedError',
          message: 'fixture-could not get secret data from provider', lastTransitionTime: '2026-12-04T10:00:00Z' }] } },
    { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('fixture-never'),
      spec: { secretStoreRef: { name: 'fixture-store' }, refreshInterval: '0', target: { name: 'fixture-never' } },
      status: { refreshTime: null } },
    { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta('fixture-web'),
      spec: { secretName: 'fixture-web-tls', dnsNames: ['web.example.test'], issuerRef: { name: 'fixture-ca', kind: 'ClusterIssuer' } },
      status: { notBefore: '2026-11-04T10:00:00Z', notAfter: '2027-02-02T10:00:00Z', renewalTime: '2027-01-03T10:00:00Z', revision: 1,
        conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'fixture-Certificate is up to date and has not expired',
          lastTransitionTime: '2026-11-04T10:00:00Z', observedGeneration: 1 }] } },
  ] }));

  // Sealed for this cluster's controller, cluster-wide, so it unseals.
  const secret = { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/basic-auth',
    metadata: { name: 'fixture-sealed', namespace: ns }, stringData: { username: 'fixture-user', password: 'not-a-real-one' } };
  await must(['apply', '-f', '-'], await controller.kubeseal(['-o', 'json', '--scope', 'cluster-wide'], JSON.stringify(secret)));
  // Sealed for some other key: the controller says it cannot decrypt it.
  const bogus = Buffer.from('sealed for another controller').toString('base64');
  await must(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret',
    metadata: { name: 'fixture-undecryptable', namespace: ns },
    spec: { encryptedData: { token: bogus }, template: { metadata: { name: 'fixture-undecryptable', namespace: ns } } } }));
  const conditions = async () => JSON.parse(await must(['get', 'sealedsecrets', '-n', ns, '-o', 'json'])).items
    .filter((i) => i.status?.conditions?.some((c) => c.type === 'Synced')).length;
  await waitFor('the controller to report on both SealedSecrets', async () => (await conditions()) === 2, { timeoutMs: 60_000 });

  const capture = async (file, url) => fs.writeFileSync(path.join(here, file), await must(['get', '--raw', url]));
  await capture('externalsecrets.json', `/apis/external-secrets.io/v1/namespaces/${ns}/externalsecrets`);
  await capture('certificates.json', `/apis/cert-manager.io/v1/namespaces/${ns}/certificates`);
  await capture('sealedsecrets.json', `/apis/bitnami.com/v1alpha1/namespaces/${ns}/sealedsecrets`);
  // The unsealed Secret's metadata, as the SealedSecret page reads it.
  const metadata = await cluster.kubectl(['get', '--raw', `/api/v1/namespaces/${ns}/secrets/fixture-sealed`]);
  if (!metadata.ok) throw new Error(metadata.stderr);
  const body = JSON.parse(metadata.stdout);
  fs.writeFileSync(path.join(here, 'sealed-secret-metadata.json'),
    JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: body.metadata }));
} finally {
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await controller.stop();
}
