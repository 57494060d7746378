// A real local Kubernetes control plane, the way controller-runtime's envtest
// does it: etcd + kube-apiserver (RBAC on) + kube-controller-manager, on free
// loopback ports, with users as client certificates, and `kubectl proxy`
// processes serving Keyhole's dist/ for a chosen user, as the run command does.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { clientCert, makeCa, serviceAccountKeys, servingCert } from './certs.mjs';
import { freePort } from './free-port.mjs';
import { newPrefix, proxyArgs, proxyUrls, servingCopy } from './keyhole-proxy.mjs';
import { currentContext, writeKubeconfig } from './kubeconfig.mjs';
import { Proc, waitFor } from './process.mjs';

export const ADMIN_USER = 'keyhole-admin';

export class ControlPlane {
  // bin: folder with etcd, kube-apiserver, kube-controller-manager, kubectl.
  constructor({ bin, dir } = {}) {
    this.bin = bin ?? process.env.KEYHOLE_BIN;
    if (!this.bin) throw new Error('KEYHOLE_BIN (the control-plane binaries folder) is not set');
    this.dir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-cluster-'));
    this.logDir = path.join(this.dir, 'logs');
    this.pkiDir = path.join(this.dir, 'pki');
    this.usersDir = path.join(this.dir, 'users');
    for (const d of [this.logDir, this.pkiDir, this.usersDir]) fs.mkdirSync(d, { recursive: true });
    this.procs = [];
    this.proxies = [];
  }

  tool(name) {
    return path.join(this.bin, name);
  }

  async start() {
    this.ca = makeCa(this.pkiDir);
    this.serving = servingCert(this.pkiDir, this.ca);
    this.sa = serviceAccountKeys(this.pkiDir);
    [this.etcdPort, this.etcdPeerPort, this.apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
    this.server = `https://127.0.0.1:${this.apiPort}`;
    this.adminKubeconfig = this.createUser(ADMIN_USER, ['system:masters']);

    await this.startEtcd();
    await this.startApiserver();
    await this.startControllerManager();
    return this;
  }

  async startEtcd() {
    const client = `http://127.0.0.1:${this.etcdPort}`;
    const peer = `http://127.0.0.1:${this.etcdPeerPort}`;
    this.etcd = this.spawn('etcd', this.tool('etcd'), [
      '--name=keyhole', `--data-dir=${path.join(this.dir, 'etcd-data')}`,
      `--listen-client-urls=${client}`, `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=keyhole=${peer}`,
      // Throw-away data: skip fsync, it makes tests much faster.
      '--unsafe-no-fsync=true',
    ]);
    await waitFor('etcd', async () => (await fetch(`${client}/health`)).ok, { proc: this.etcd });
  }

  apiserverArgs() {
    return [
      `--etcd-servers=http://127.0.0.1:${this.etcdPort}`,
      `--secure-port=${this.apiPort}`, '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1',
      `--tls-cert-file=${this.serving.cert}`, `--tls-private-key-file=${this.serving.key}`,
      `--client-ca-file=${this.ca.cert}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${this.sa.pub}`,
      `--service-account-signing-key-file=${this.sa.key}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--allow-privileged=true',
      // No Endpoints object for the 'kubernetes' Service: it would reject a loopback address.
      '--endpoint-reconciler-type=none',
      ...(this.extraApiserverArgs ?? []),
    ];
  }

  async startApiserver() {
    this.apiserver = this.spawn('kube-apiserver', this.tool('kube-apiserver'), this.apiserverArgs());
    await waitFor('kube-apiserver /readyz', () => this.readyz(), { proc: this.apiserver, timeoutMs: 120000 });
  }

  // For fault tests: the API server goes away and comes back on the same port.
  async stopApiserver() {
    await this.apiserver.stop();
  }

  async startControllerManager() {
    this.controllerManager = this.spawn('kube-controller-manager', this.tool('kube-controller-manager'), [
      `--kubeconfig=${this.adminKubeconfig}`,
      `--authentication-kubeconfig=${this.adminKubeconfig}`,
      `--authorization-kubeconfig=${this.adminKubeconfig}`,
      '--bind-address=127.0.0.1', `--secure-port=${await freePort()}`,
      `--service-account-private-key-file=${this.sa.key}`,
      `--root-ca-file=${this.ca.cert}`,
      '--leader-elect=false',
      '--use-service-account-credentials=false',
    ]);
    // The controllers are working once the `default` ServiceAccount exists.
    await waitFor('kube-controller-manager',
      async () => (await this.kubectl(['get', 'serviceaccount', 'default', '-n', 'default'])).ok,
      { proc: this.controllerManager, timeoutMs: 90000 });
  }

  spawn(name, command, args) {
    const proc = new Proc(name, command, args, { logFile: path.join(this.logDir, `${name}.log`) });
    this.procs.push(proc);
    return proc;
  }

  readyz() {
    return new Promise((resolve) => {
      const req = https.get(`${this.server}/readyz`, {
        ca: fs.readFileSync(this.ca.cert),
        cert: fs.readFileSync(path.join(this.pkiDir, 'user-keyhole-admin.crt')),
        key: fs.readFileSync(path.join(this.pkiDir, 'user-keyhole-admin.key')),
        timeout: 2000,
      }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
  }

  // A user as a client certificate, with a kubeconfig of its own.
  createUser(user, groups = []) {
    const cert = clientCert(this.pkiDir, user, groups, this.ca);
    const safe = user.replace(/[^a-zA-Z0-9_.-]/g, '_');
    return writeKubeconfig(path.join(this.usersDir, `${safe}.kubeconfig`), {
      server: this.server, caFile: this.ca.cert, certFile: cert.cert, keyFile: cert.key, user,
    });
  }

  // Runs our kubectl; resolves { ok, code, stdout, stderr } (never rejects).
  kubectl(args, { kubeconfig = this.adminKubeconfig, input } = {}) {
    return new Promise((resolve) => {
      const child = execFile(this.tool('kubectl'), [`--kubeconfig=${kubeconfig}`, ...args],
        { maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
          resolve({ ok: !err, code: err ? err.code : 0, stdout, stderr });
        });
      if (input !== undefined) child.stdin.end(input);
    });
  }

  // `kubectl proxy --www` for one user, serving Keyhole the way the run
  // command does (harness/keyhole-proxy.mjs): under a fresh random prefix
  // unless one is given, or at the plain /ui/ with `prefix: null`. Options
  // beyond these go to proxyArgs (context, readOnly, rejectPaths, extra).
  async startProxy({ www, kubeconfig = this.adminKubeconfig, port, prefix = newPrefix(), ...options } = {}) {
    port = port ?? await freePort();
    const name = `kubectl-proxy-${port}`;
    const context = options.context ?? currentContext(kubeconfig);
    const served = servingCopy(www, { context, readOnly: options.readOnly });
    const proc = this.spawn(name, this.tool('kubectl'), [
      `--kubeconfig=${kubeconfig}`, ...proxyArgs({ port, www: served, prefix, ...options }),
    ]);
    const urls = proxyUrls(port, prefix);
    // The proxy serves the app itself, so this answers even when the cluster does not.
    await waitFor(name, async () => (await fetch(urls.uiUrl)).ok, { proc });
    const stop = async () => {
      await proc.stop();
      fs.rmSync(served, { recursive: true, force: true });
    };
    const proxy = { port, prefix, ...urls, proc, stop };
    this.proxies.push(proxy);
    return proxy;
  }

  logTails(lines = 20) {
    return this.procs.map((p) => `----- ${p.name} (${p.logFile}) -----\n${p.tail(lines)}`).join('\n');
  }

  // Stops every process this object started, newest first, and removes
  // the proxies' copies of dist/.
  async stopProcesses() {
    for (const proxy of this.proxies) await proxy.stop();
    for (const proc of [...this.procs].reverse()) await proc.stop();
  }

  // Stops every process and removes the temp directory.
  async stop() {
    await this.stopProcesses();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
