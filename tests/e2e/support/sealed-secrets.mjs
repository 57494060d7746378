// The real Sealed Secrets controller and kubeseal, built from their Go module
// by harness/build-sealed-secrets.sh (harness/bootstrap.sh exports the folder
// as KEYHOLE_SEALED_SECRETS), run against the harness's cluster as a process.
//
// Two things stand between the controller and a cluster it does not run in:
// - it only knows `rest.InClusterConfig()` (no kubeconfig flag): the token and
//   CA live at the fixed path /var/run/secrets/kubernetes.io/serviceaccount,
//   so it starts in a private mount namespace (`unshare -m`, root only) with a
//   folder of ours bound there, and KUBERNETES_SERVICE_HOST/PORT naming the
//   test apiserver;
// - kubeseal and Keyhole fetch its certificate through the apiserver's service
//   proxy, which proxies only to an EndpointSlice endpoint whose targetRef is a
//   Pod of the Service's namespace with that IP in status.podIPs (kube-apiserver
//   1.37 `isValidAddress`), and dials no loopback address: so the controller
//   listens on the machine's first non-loopback IPv4, and a placeholder Pod
//   (never scheduled: there is no kubelet) carries that IP in its status.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Proc, waitFor } from '../../../harness/process.mjs';
import { freePort } from '../../../harness/free-port.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export const CONTROLLER = 'sealed-secrets-controller';
export const CONTROLLER_NAMESPACE = 'kube-system';

// KEYHOLE_SEALED_SECRETS, else the folder the build script caches for the
// pinned version: `controller`, `kubeseal`, `sealedsecret-crd.yaml`.
export function sealedSecretsDir() {
  if (process.env.KEYHOLE_SEALED_SECRETS) return process.env.KEYHOLE_SEALED_SECRETS;
  const versions = fs.readFileSync(path.join(root, 'harness/versions.env'), 'utf8');
  const version = versions.match(/^SEALED_SECRETS_VERSION=(\S+)/m)?.[1];
  const cache = process.env.KEYHOLE_CACHE ?? path.join(os.homedir(), '.cache/keyhole');
  const dir = path.join(cache, `sealed-secrets-${version}`, 'bin');
  if (!fs.existsSync(path.join(dir, 'controller'))) {
    throw new Error(`no Sealed Secrets controller in ${dir}: run harness/build-sealed-secrets.sh`);
  }
  return dir;
}

// The address the apiserver can dial: the first non-internal IPv4.
function hostAddress() {
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('no non-loopback IPv4 address: the apiserver service proxy refuses loopback');
}

async function must(cluster, args, input) {
  const r = await cluster.kubectl(args, { input });
  if (!r.ok) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// Installs the module's CRD and starts the controller with a fresh 2048-bit
// key (kubeseal's default 4096 only slows the test). Resolves to
// { stop(), kubeseal(args, input) }; stop() removes what it created.
export async function startController(cluster) {
  const dir = sealedSecretsDir();
  const ip = hostAddress();
  const port = await freePort();
  await must(cluster, ['apply', '-f', path.join(dir, 'sealedsecret-crd.yaml')]);
  await must(cluster, ['wait', '--for=condition=Established', 'crd/sealedsecrets.bitnami.com']);
  const ns = ['-n', CONTROLLER_NAMESPACE];
  await must(cluster, [...ns, 'create', 'serviceaccount', CONTROLLER]);
  await must(cluster, ['create', 'clusterrolebinding', 'keyhole-test-sealed-secrets',
    '--clusterrole=cluster-admin', `--serviceaccount=${CONTROLLER_NAMESPACE}:${CONTROLLER}`]);

  const sa = fs.mkdtempSync(path.join(cluster.dir, 'sealed-secrets-sa-'));
  fs.writeFileSync(path.join(sa, 'token'), (await must(cluster, [...ns, 'create', 'token', CONTROLLER, '--duration=24h'])).trim());
  fs.copyFileSync(cluster.ca.cert, path.join(sa, 'ca.crt'));
  fs.writeFileSync(path.join(sa, 'namespace'), CONTROLLER_NAMESPACE);
  // A tmpfs over /run (where /var/run points) first, so that the mount point
  // is made there and nothing is left on the machine's own file system.
  const mountPoint = '/run/secrets/kubernetes.io/serviceaccount';
  const script = `mount -t tmpfs keyhole /run && mkdir -p ${mountPoint} && mount --bind "$1" ${mountPoint} && shift && exec "$@"`;
  const apiPort = new URL(cluster.server).port;
  const proc = new Proc('sealed-secrets-controller', 'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', sa, path.join(dir, 'controller'),
      `--listen-addr=${ip}:${port}`, `--listen-metrics-addr=127.0.0.1:${await freePort()}`, '--key-size=2048'],
    { logFile: path.join(cluster.logDir, 'sealed-secrets-controller.log'),
      env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: apiPort, POD_NAMESPACE: CONTROLLER_NAMESPACE } });
  await waitFor('the controller to serve its certificate',
    async () => (await fetch(`http://${ip}:${port}/v1/cert.pem`)).ok, { proc });

  const placeholder = `${CONTROLLER}-process`;
  await must(cluster, ['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'Service',
        metadata: { name: CONTROLLER, namespace: CONTROLLER_NAMESPACE, labels: { 'app.kubernetes.io/name': 'sealed-secrets' } },
        spec: { ports: [{ name: 'http', port: 8080, targetPort: port, protocol: 'TCP' }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: placeholder, namespace: CONTROLLER_NAMESPACE },
        spec: { containers: [{ name: 'controller', image: 'keyhole.invalid/runs-as-a-process' }] } },
    ],
  }));
  await must(cluster, [...ns, 'patch', 'pod', placeholder, '--subresource=status', '--type=merge',
    '-p', JSON.stringify({ status: { podIP: ip, podIPs: [{ ip }] } })]);
  await must(cluster, ['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: placeholder, namespace: CONTROLLER_NAMESPACE, labels: { 'kubernetes.io/service-name': CONTROLLER } },
    addressType: 'IPv4', ports: [{ name: 'http', port, protocol: 'TCP' }],
    endpoints: [{ addresses: [ip], conditions: { ready: true },
      targetRef: { kind: 'Pod', namespace: CONTROLLER_NAMESPACE, name: placeholder } }],
  }));

  const kubeseal = (args, input) => new Promise((resolve, reject) => {
    const child = execFile(path.join(dir, 'kubeseal'), args,
      { env: { PATH: process.env.PATH, KUBECONFIG: cluster.adminKubeconfig }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`kubeseal ${args.join(' ')} failed: ${stderr}`)) : resolve(stdout)));
    if (input !== undefined) child.stdin.end(input);
  });
  const stop = async () => {
    await proc.stop();
    for (const args of [
      [...ns, 'delete', 'service', CONTROLLER], [...ns, 'delete', 'endpointslice', placeholder],
      [...ns, 'delete', 'pod', placeholder, '--grace-period=0', '--force'],
      ['delete', 'clusterrolebinding', 'keyhole-test-sealed-secrets'], [...ns, 'delete', 'serviceaccount', CONTROLLER],
      [...ns, 'delete', 'secret', '-l', 'sealedsecrets.bitnami.com/sealed-secrets-key'],
    ]) await cluster.kubectl([...args, '--ignore-not-found']);
  };
  return { stop, kubeseal, proc };
}
