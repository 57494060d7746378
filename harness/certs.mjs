// Certificates and keys for the local control plane, made with openssl:
// a CA, the API server's serving certificate, the service-account signing
// key pair, and client certificates (one per user: CN = user, O = groups).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeCa(dir) {
  fs.mkdirSync(dir, { recursive: true });
  openssl(['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '365',
    '-subj', '/CN=keyhole-local-ca'], dir);
  return { cert: path.join(dir, 'ca.crt'), key: path.join(dir, 'ca.key') };
}

// Signs a new EC key's certificate with the CA. `subject` like "/CN=x/O=y".
export function signCert(dir, name, subject, extensions, ca) {
  const ext = path.join(dir, `${name}.ext`);
  fs.writeFileSync(ext, extensions.join('\n') + '\n');
  openssl(['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', ca.cert, '-CAkey', ca.key,
    '-CAcreateserial', '-out', `${name}.crt`, '-days', '365', '-extfile', ext], dir);
  return { cert: path.join(dir, `${name}.crt`), key: path.join(dir, `${name}.key`) };
}

export function servingCert(dir, ca) {
  return signCert(dir, 'apiserver', '/CN=kube-apiserver', [
    'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes.default.svc',
    'extendedKeyUsage=serverAuth',
  ], ca);
}

// A client certificate: Kubernetes takes the user from CN and groups from O.
export function clientCert(dir, user, groups, ca) {
  const safe = user.replace(/[^a-zA-Z0-9_.-]/g, '_');
  const subject = `/CN=${user}` + groups.map((g) => `/O=${g}`).join('');
  return signCert(dir, `user-${safe}`, subject, ['extendedKeyUsage=clientAuth'], ca);
}

export function serviceAccountKeys(dir) {
  openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
  return { key: path.join(dir, 'sa.key'), pub: path.join(dir, 'sa.pub') };
}

// A self-signed certificate for the guide's sample TLS secret.
export function sampleTlsPair(dir, commonName) {
  const ext = path.join(dir, 'sample-tls.ext');
  fs.writeFileSync(ext, `subjectAltName=DNS:${commonName}\n`);
  openssl(['req', '-x509', ...EC, '-keyout', 'sample-tls.key', '-out', 'sample-tls.crt',
    '-days', '90', '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=DNS:${commonName}`], dir);
  return {
    cert: fs.readFileSync(path.join(dir, 'sample-tls.crt')),
    key: fs.readFileSync(path.join(dir, 'sample-tls.key')),
  };
}
