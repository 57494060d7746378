// Creating typed secrets through their own forms: TLS, docker registry,
// basic auth, SSH and service-account token. Each write is checked with
// kubectl; each bad input gets a message on its field and writes nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { clusterValues, freshNamespace, kubectlJson, uiUrl, waitConnected } from './support/app.mjs';
import { assertSameBytes } from './support/values.mjs';
import { sshKey, tlsPair } from './support/keys.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-typed-'));

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'typed');
});
after(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

const exists = async (name) => (await cluster.kubectl(['get', 'secret', name, '-n', ns])).ok;

async function startCreate(page, type) {
  await page.goto(uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  await page.getByTestId('new-secret').click();
  await page.getByTestId('secret-editor').waitFor();
  await page.getByTestId('secret-type').selectOption(type);
}

async function reviewAndCreate(page) {
  await page.getByTestId('review').click();
  await page.getByTestId('preview').waitFor();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('secret-detail').waitFor();
}

const fieldErrors = (page) => page.getByTestId('field-error').allTextContents();

test('TLS: a pasted certificate and key are checked, then written exactly', async () => {
  const good = tlsPair(tmp, 'web', 'web.example.com');
  const other = tlsPair(tmp, 'other', 'other.example.com');
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/tls');
  await page.getByTestId('secret-name').fill('web-tls');

  // A key that belongs to another certificate: an error on the key, no write.
  await page.getByTestId('tls-cert').fill(good.cert.toString());
  await page.getByTestId('tls-key').fill(other.key.toString());
  await page.getByTestId('review').click();
  let errors = await fieldErrors(page);
  assert.ok(errors.some((e) => /does not match/.test(e)), `errors: ${errors}`);
  assert.equal(await page.getByTestId('preview').count(), 0);

  // A truncated certificate: an error on the certificate.
  const cert = good.cert.toString();
  await page.getByTestId('tls-cert').fill(cert.slice(0, cert.length / 2));
  await page.getByTestId('tls-key').fill(good.key.toString());
  await page.getByTestId('review').click();
  errors = await fieldErrors(page);
  assert.ok(errors.some((e) => /cut off|END|truncat/i.test(e)), `errors: ${errors}`);
  assert.equal(await exists('web-tls'), false);
  await screenshot(page, 'tls-form-errors');

  // The right pair, the certificate uploaded as a file: written byte for byte.
  fs.writeFileSync(path.join(tmp, 'upload.crt'), good.cert);
  await page.getByTestId('tls-cert-file').setInputFiles(path.join(tmp, 'upload.crt'));
  await page.waitForFunction(() => document.querySelector('[data-testid=tls-cert]').value.includes('END CERTIFICATE'));
  await reviewAndCreate(page);
  const secret = await kubectlJson(cluster, ['get', 'secret', 'web-tls', '-n', ns]);
  assert.equal(secret.type, 'kubernetes.io/tls');
  const values = await clusterValues(cluster, ns, 'web-tls');
  assertSameBytes(values['tls.crt'], good.cert, 'tls.crt');
  assertSameBytes(values['tls.key'], good.key, 'tls.key');
  await page.close();
});

test('TLS: a certificate about to expire is warned about, and can still be written', async () => {
  const soon = tlsPair(tmp, 'soon', 'soon.example.com', 10);
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/tls');
  await page.getByTestId('secret-name').fill('soon-tls');
  await page.getByTestId('tls-cert').fill(soon.cert.toString());
  await page.getByTestId('tls-key').fill(soon.key.toString());
  await page.getByTestId('review').click();
  await page.getByTestId('preview').waitFor();
  assert.match(await page.getByTestId('preview').textContent(), /expires|days/);
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('secret-detail').waitFor();
  assert.ok(await exists('soon-tls'));
  await page.close();
});

test('docker registry: the .dockerconfigjson matches kubectl create secret docker-registry', async () => {
  const creds = { server: 'registry.example.com:5000', username: 'robot$ci', password: 'p@ss:w0rd"<&>', email: 'ci@example.com' };
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/dockerconfigjson');
  await page.getByTestId('secret-name').fill('pull-secret');

  // Empty server: a message on it, nothing written.
  await page.getByTestId('registry-username').fill(creds.username);
  await page.getByTestId('registry-password').fill(creds.password);
  await page.getByTestId('review').click();
  assert.ok((await fieldErrors(page)).some((e) => /server/i.test(e)));
  assert.equal(await exists('pull-secret'), false);

  await page.getByTestId('registry-server').fill(creds.server);
  await page.getByTestId('registry-email').fill(creds.email);
  await screenshot(page, 'docker-form');
  await reviewAndCreate(page);

  const ours = JSON.parse((await clusterValues(cluster, ns, 'pull-secret'))['.dockerconfigjson']);
  const r = await cluster.kubectl(['create', 'secret', 'docker-registry', 'pull-secret', '-n', ns,
    `--docker-server=${creds.server}`, `--docker-username=${creds.username}`,
    `--docker-password=${creds.password}`, `--docker-email=${creds.email}`, '--dry-run=client', '-o', 'json']);
  assert.ok(r.ok, r.stderr);
  const theirs = JSON.parse(Buffer.from(JSON.parse(r.stdout).data['.dockerconfigjson'], 'base64'));
  assert.ok(JSON.stringify(ours.auths) === JSON.stringify(theirs.auths), 'auths differ from kubectl\'s');
  assert.equal((await kubectlJson(cluster, ['get', 'secret', 'pull-secret', '-n', ns])).type, 'kubernetes.io/dockerconfigjson');
  await page.close();
});

test('docker registry: several registries from a config.json, then one removed and one changed by editing', async () => {
  const config = { auths: {
    'a.example.com': { auth: Buffer.from('alice:one').toString('base64') },
    'b.example.com': { username: 'bob', password: 'two', auth: Buffer.from('bob:two').toString('base64') },
  }, credsStore: 'desktop' };
  fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(tmp, 'broken.json'), '{"auths": {');
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/dockerconfigjson');
  await page.getByTestId('secret-name').fill('multi-registry');
  await page.getByTestId('docker-config-file').setInputFiles(path.join(tmp, 'broken.json'));
  await page.getByText(/broken\.json/).waitFor();
  assert.ok((await fieldErrors(page)).some((e) => /broken\.json/.test(e)));
  await page.getByTestId('docker-config-file').setInputFiles(path.join(tmp, 'config.json'));
  await page.getByTestId('registry-form-row').nth(1).waitFor();
  assert.match((await page.getByTestId('docker-note').allTextContents()).join(' '), /helper|credsStore/i);
  await reviewAndCreate(page);
  let auths = JSON.parse((await clusterValues(cluster, ns, 'multi-registry'))['.dockerconfigjson']).auths;
  assert.deepEqual(Object.keys(auths).sort(), ['a.example.com', 'b.example.com']);
  assert.equal(auths['a.example.com'].username, 'alice');

  // Edit: drop a.example.com, change bob's password.
  await page.getByTestId('edit').click();
  await page.getByTestId('docker-fields').waitFor();
  await page.getByTestId('remove-registry').first().click();
  await page.getByTestId('registry-password').fill('three');
  await page.getByTestId('review').click();
  await page.getByTestId('preview').waitFor();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('secret-detail').waitFor();
  auths = JSON.parse((await clusterValues(cluster, ns, 'multi-registry'))['.dockerconfigjson']).auths;
  assert.deepEqual(Object.keys(auths), ['b.example.com']);
  assertSameBytes(Buffer.from(auths['b.example.com'].auth, 'base64'), 'bob:three', 'auth');
  await page.close();
});

test('basic auth: both fields are required; the values are written as typed', async () => {
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/basic-auth');
  await page.getByTestId('secret-name').fill('basic');
  await page.getByTestId('basic-username').fill('admin');
  await page.getByTestId('review').click();
  assert.ok((await fieldErrors(page)).some((e) => /password/.test(e)));
  assert.equal(await exists('basic'), false);
  await page.getByTestId('basic-password').fill(' with spaces ');
  await reviewAndCreate(page);
  const values = await clusterValues(cluster, ns, 'basic');
  assertSameBytes(values.username, 'admin', 'username');
  assertSameBytes(values.password, ' with spaces ', 'password');
  assert.equal((await kubectlJson(cluster, ['get', 'secret', 'basic', '-n', ns])).type, 'kubernetes.io/basic-auth');
  await page.close();
});

test('SSH: a public key is refused; the private key is written exactly', async () => {
  const key = sshKey(tmp, 'deploy');
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/ssh-auth');
  await page.getByTestId('secret-name').fill('git-ssh');
  await page.getByTestId('ssh-key').fill(key.publicKey.toString());
  await page.getByTestId('review').click();
  assert.ok((await fieldErrors(page)).some((e) => /SSH private key/.test(e)));
  assert.equal(await exists('git-ssh'), false);
  await page.getByTestId('ssh-key').fill(key.privateKey.toString());
  await reviewAndCreate(page);
  assertSameBytes((await clusterValues(cluster, ns, 'git-ssh'))['ssh-privatekey'], key.privateKey, 'ssh-privatekey');
  await page.close();
});

test('service-account token: chosen from the namespace, filled in by the cluster', async () => {
  const r = await cluster.kubectl(['create', 'serviceaccount', 'builder', '-n', ns]);
  assert.ok(r.ok, r.stderr);
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/service-account-token');
  await page.getByTestId('secret-name').fill('builder-token');
  await page.getByTestId('review').click();
  assert.ok((await fieldErrors(page)).some((e) => /service account/.test(e)));
  await page.getByTestId('token-account').selectOption('builder');
  await reviewAndCreate(page);
  const secret = await kubectlJson(cluster, ['get', 'secret', 'builder-token', '-n', ns]);
  assert.equal(secret.type, 'kubernetes.io/service-account-token');
  assert.equal(secret.metadata.annotations['kubernetes.io/service-account.name'], 'builder');
  // The controller manager fills in the token.
  for (let i = 0; i < 60; i++) {
    const s = await kubectlJson(cluster, ['get', 'secret', 'builder-token', '-n', ns]);
    if (s.data?.token) return page.close();
    await new Promise((res) => setTimeout(res, 500));
  }
  assert.fail('the token was never filled in');
});

test('switching types keeps what was typed into each form', async () => {
  const page = await openPage(browser.context);
  await startCreate(page, 'kubernetes.io/basic-auth');
  await page.getByTestId('basic-username').fill('kept');
  await page.getByTestId('secret-type').selectOption('Opaque');
  await page.getByTestId('entry-row').first().waitFor();
  await page.getByTestId('secret-type').selectOption('kubernetes.io/basic-auth');
  assert.equal(await page.getByTestId('basic-username').inputValue(), 'kept');
  await page.close();
});
