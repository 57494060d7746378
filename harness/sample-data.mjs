// The sample data of the Python-client guide (shared/seed-guide.md), created
// through the API with kubectl: the Opaque secret `db-credentials`, a TLS
// secret `tls-cert` with a freshly made certificate, and the Role
// `secret-reader` that may only `get` db-credentials.
import { sampleTlsPair } from './certs.mjs';

const b64 = (v) => Buffer.from(v).toString('base64');

export const SAMPLE = {
  namespace: 'default',
  dbCredentials: {
    username: 'admin',
    password: 's3cr3t-db-pass',
    'connection-string': 'postgresql://admin:s3cr3t-db-pass@postgres:5432/mydb',
  },
};

export function sampleManifests(tls) {
  return [
    {
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name: 'db-credentials', namespace: SAMPLE.namespace },
      data: Object.fromEntries(Object.entries(SAMPLE.dbCredentials).map(([k, v]) => [k, b64(v)])),
    },
    {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls',
      metadata: { name: 'tls-cert', namespace: SAMPLE.namespace },
      data: { 'tls.crt': tls.cert.toString('base64'), 'tls.key': tls.key.toString('base64') },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role',
      metadata: { name: 'secret-reader', namespace: SAMPLE.namespace },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db-credentials'], verbs: ['get'] }],
    },
  ];
}

export async function createSampleData(cluster) {
  const tls = sampleTlsPair(cluster.pkiDir, 'myapp.example.com');
  const list = { apiVersion: 'v1', kind: 'List', items: sampleManifests(tls) };
  const result = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(list) });
  if (!result.ok) throw new Error(`creating the sample data failed: ${result.stderr}`);
}
