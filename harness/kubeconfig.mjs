// Writes a kubeconfig (JSON is valid YAML) for one user of the local cluster.
import fs from 'node:fs';

export function writeKubeconfig(file, { server, caFile, certFile, keyFile, user }) {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'keyhole-local', cluster: { server, 'certificate-authority': caFile } }],
    users: [{ name: user, user: { 'client-certificate': certFile, 'client-key': keyFile } }],
    contexts: [{ name: `${user}@keyhole-local`, context: { cluster: 'keyhole-local', user } }],
    'current-context': `${user}@keyhole-local`,
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  return file;
}

// The current context's name of a kubeconfig this harness wrote (JSON).
export function currentContext(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))['current-context'] ?? null;
  } catch {
    return null;
  }
}
