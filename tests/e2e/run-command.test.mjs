// The run command's proxy (harness/serve.mjs, which harness/run.sh execs for a
// kube context): the printed address with its unguessable prefix is a lasting
// bookmark and the only way in; --new-prefix retires it; --context serves
// the named context and the header says which; --read-only refuses writes.
// The prefix is never printed: the command's output is read, not echoed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../../harness/free-port.mjs';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { row, uiUrl, waitConnected } from './support/app.mjs';
import { rawRequest } from './support/cross-origin.mjs';

const { state, cluster } = attachCluster();
const serveScript = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../harness/serve.mjs');
const ADMIN_CONTEXT = 'keyhole-admin@keyhole-local';
const VIEWER_CONTEXT = 'keyhole-viewer@keyhole-local';
let browser;
let home; // stands in for the user's home: the kubeconfig and ~/.config
let kubeconfig;
const running = [];

// One kubeconfig with two contexts, as a user with several clusters or
// identities has: the admin (current) and a viewer who may read nothing.
function twoContextKubeconfig(dir) {
  const admin = JSON.parse(fs.readFileSync(state.adminKubeconfig, 'utf8'));
  const viewer = JSON.parse(fs.readFileSync(cluster.createUser('keyhole-viewer'), 'utf8'));
  const merged = {
    ...admin,
    users: [...admin.users, ...viewer.users],
    contexts: [...admin.contexts, ...viewer.contexts],
    'current-context': ADMIN_CONTEXT,
  };
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(file, JSON.stringify(merged), { mode: 0o600 });
  return file;
}

// Starts the run command's proxy; resolves once it printed its URL (kept
// here, never logged). Its messages are kept for a failure, prefix hidden.
function serve(args, { port }) {
  const child = spawn(process.execPath, [serveScript, '--dist', distDir, '--port', String(port),
    '--kubectl', cluster.tool('kubectl'), ...args], {
    env: { ...process.env, KUBECONFIG: kubeconfig, XDG_CONFIG_HOME: path.join(home, '.config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { err += c; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    return exited;
  };
  running.push(stop);
  const hidden = () => err.replace(/k-[0-9a-f]{32}/g, 'k-<prefix>');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the run command printed no URL:\n${hidden()}`)), 30000);
    child.stdout.on('data', () => {
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve({ url: out.split('\n')[0], messages: hidden, stop, exited });
    });
    exited.then((code) => { clearTimeout(timer); reject(new Error(`the run command exited (${code}):\n${hidden()}`)); });
  });
}

before(async () => {
  browser = await launchBrowser();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-home-'));
  kubeconfig = twoContextKubeconfig(home);
});
after(async () => {
  for (const stop of running) await stop();
  await browser?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

const prefixOf = (url) => new URL(url).pathname.split('/')[1];
const servingCopies = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('keyhole-www-')).length;

test('the run command serves the current context under a kept, unguessable prefix; its URL is the only way in', async () => {
  const port = await freePort();
  const copiesBefore = servingCopies();
  const first = await serve([], { port });
  assert.match(first.url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/k-[0-9a-f]{32}/ui/$`), 'a 128-bit prefix in the URL');
  const prefix = prefixOf(first.url);
  assert.ok(first.messages().includes('ps'), 'the command warns that local users can see the prefix');

  // Kept for the bookmark, readable by the user only.
  const file = path.join(home, '.config', 'keyhole', 'proxy-prefix');
  assert.equal(fs.readFileSync(file, 'utf8').trim(), prefix);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the prefix file is 0600');
  assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700, 'its folder is 0700');

  // The app finds the API under its own prefix; the header names the context.
  const page = await openPage(browser.context, uiUrl(first.url, { ns: 'default' }));
  await waitConnected(page);
  await row(page, 'db-credentials').waitFor();
  assert.equal(await page.getByTestId('context-name').textContent(), ADMIN_CONTEXT);
  assert.equal(await page.getByTestId('read-only-badge').count(), 0);
  assert.ok(!(await page.title()).includes(prefix), 'the title does not hold the prefix');
  await page.close();

  // Without the prefix, nothing answers: not the API, not the app, not a watch.
  for (const p of ['/', '/ui/', '/version', '/api/v1/secrets', '/api/v1/namespaces/default/secrets?watch=1']) {
    assert.equal((await rawRequest(port, { path: p })).status, 404, `${p} without the prefix`);
  }

  // Restarted, the same address works again: the bookmark survives.
  await first.stop();
  assert.equal(servingCopies(), copiesBefore, 'the served copy of dist/ is removed on Ctrl-C');
  const again = await serve([], { port });
  assert.equal(again.url, first.url, 'the same URL after a restart');
  assert.equal((await rawRequest(port, { path: `/${prefix}/version` })).status, 200);

  // --new-prefix retires it: the old bookmark and API paths stop working.
  await again.stop();
  const renewed = await serve(['--new-prefix'], { port });
  const newPrefix = prefixOf(renewed.url);
  assert.notEqual(newPrefix, prefix);
  assert.equal(fs.readFileSync(file, 'utf8').trim(), newPrefix);
  assert.equal((await rawRequest(port, { path: `/${prefix}/ui/` })).status, 404, 'the old bookmark');
  assert.equal((await rawRequest(port, { path: `/${prefix}/version` })).status, 404, 'the old API path');
  assert.equal((await rawRequest(port, { path: `/${newPrefix}/version` })).status, 200, 'the new one');
  await renewed.stop();
});

test('--context serves the chosen context and --read-only refuses writes; the header says both', async () => {
  const port = await freePort();
  const viewer = await serve(['--context', VIEWER_CONTEXT, '--read-only'], { port });
  const page = await openPage(browser.context, uiUrl(viewer.url, { ns: 'default' }));
  await waitConnected(page);
  assert.equal(await page.getByTestId('context-name').textContent(), VIEWER_CONTEXT);
  await page.getByTestId('read-only-badge').waitFor();
  // The viewer's own credentials: it may not list secrets, and the page says so.
  await page.getByTestId('list-error').waitFor();
  assert.match(await page.getByTestId('list-error').textContent(), /may not list secrets/);
  await page.close();

  // The proxy itself refuses a write, even one the viewer's RBAC would decide.
  const prefix = prefixOf(viewer.url);
  const create = await rawRequest(port, {
    method: 'POST', path: `/${prefix}/api/v1/namespaces/default/secrets`, headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'planted-read-only' }, stringData: { a: 'b' } }),
  });
  assert.deepEqual([create.status, create.body], [403, 'Forbidden\n']);
  assert.equal((await cluster.kubectl(['get', 'secret', 'planted-read-only', '-n', 'default'])).ok, false, 'nothing was written');
  await viewer.stop();
});

test('the run command refuses a bad port and a missing build with a clear message', async () => {
  await assert.rejects(serve([], { port: 'eighty' }), /--port takes a port number/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-nodist-'));
  try {
    const child = spawn(process.execPath, [serveScript, '--dist', empty, '--kubectl', cluster.tool('kubectl')], {
      env: { ...process.env, KUBECONFIG: kubeconfig, XDG_CONFIG_HOME: path.join(home, '.config') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => { err += c; });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.notEqual(code, 0);
    assert.match(err, /has no index\.html: build Keyhole first/);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
