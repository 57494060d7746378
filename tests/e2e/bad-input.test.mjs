// The bad-input catalogue: for every form, inputs the apiserver would refuse
// or that would write something broken. Each case must get a specific message
// next to its own field, no preview, and write nothing (kubectl checks the
// namespace stays empty). The runner prints how many cases ran.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { freshNamespace, kubectlJson, uiUrl, waitConnected } from './support/app.mjs';
import { sshKey, tlsPair } from './support/keys.mjs';

const { state, cluster } = attachCluster();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-bad-'));
let browser;
let ns;
let keys;

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'bad-input');
  const a = tlsPair(tmp, 'a', 'a.example.com');
  const b = tlsPair(tmp, 'b', 'b.example.com');
  keys = { a, b, ssh: sshKey(tmp, 'id') };
  fs.writeFileSync(path.join(tmp, 'big.bin'), Buffer.alloc(1024 * 1024 + 1, 0x61));
  fs.writeFileSync(path.join(tmp, 'latin1.env'), Buffer.from('NAME=caf\xe9\n', 'latin1'));
  fs.writeFileSync(path.join(tmp, 'broken-config.json'), '{"auths": {"r.example.com": ');
});
after(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

const entry = (page, i) => page.getByTestId('entry-row').nth(i);
const pem = (buf) => buf.toString();

// Each case: the form type, what the user does, which input the message
// must sit next to (a locator), and what the message must say.
const CASES = [
  // Opaque key/value editor
  { type: 'Opaque', what: 'name with capitals and an underscore',
    fill: async (p) => { await p.getByTestId('secret-name').fill('Bad_Name'); },
    near: (p) => p.getByTestId('secret-name'), says: /RFC 1123|lower case/ },
  { type: 'Opaque', what: 'name of 254 characters',
    fill: async (p) => { await p.getByTestId('secret-name').fill('a'.repeat(254)); },
    near: (p) => p.getByTestId('secret-name'), says: /253/ },
  { type: 'Opaque', what: 'no name',
    fill: async (p) => { await p.getByTestId('secret-name').fill(''); },
    near: (p) => p.getByTestId('secret-name'), says: /required/ },
  { type: 'Opaque', what: 'key with a space',
    fill: async (p) => { await entry(p, 0).getByTestId('entry-key').fill('has space'); await entry(p, 0).getByTestId('entry-value').fill('v'); },
    near: (p) => entry(p, 0).getByTestId('entry-key'), says: /consist of|alphanumeric/ },
  { type: 'Opaque', what: 'key with a slash',
    fill: async (p) => { await entry(p, 0).getByTestId('entry-key').fill('a/b'); await entry(p, 0).getByTestId('entry-value').fill('v'); },
    near: (p) => entry(p, 0).getByTestId('entry-key'), says: /consist of|alphanumeric/ },
  { type: 'Opaque', what: 'duplicate keys',
    fill: async (p) => {
      await entry(p, 0).getByTestId('entry-key').fill('dup'); await entry(p, 0).getByTestId('entry-value').fill('1');
      await p.getByTestId('add-entry').click();
      await entry(p, 1).getByTestId('entry-key').fill('dup'); await entry(p, 1).getByTestId('entry-value').fill('2');
    },
    near: (p) => entry(p, 1).getByTestId('entry-key'), says: /already used on row 1/ },
  { type: 'Opaque', what: 'a value of 1 MiB + 1 byte',
    fill: async (p) => {
      await entry(p, 0).getByTestId('entry-key').fill('big');
      await entry(p, 0).getByTestId('entry-mode').selectOption('file');
      await entry(p, 0).getByTestId('entry-file').setInputFiles(path.join(tmp, 'big.bin'));
      await p.getByText(/big\.bin \(/).waitFor();
    },
    // Exact bytes: rounded, 1 MiB + 1 byte reads "1.0 MiB", as if it fitted.
    near: (p) => entry(p, 0).getByTestId('entry-mode'),
    says: /^this value alone is 1,048,577 bytes; a Secret holds at most 1,048,576 bytes \(1 MiB\)$/,
    alsoSays: 'the values add up to 1,048,577 bytes; a Secret holds at most 1,048,576 bytes (1 MiB)' },
  { type: 'Opaque', what: 'invalid base64 pasted in raw mode',
    fill: async (p) => {
      await entry(p, 0).getByTestId('entry-key').fill('raw');
      await entry(p, 0).getByTestId('entry-mode').selectOption('base64');
      await entry(p, 0).getByTestId('entry-value-base64').fill('not*base64!');
    },
    near: (p) => entry(p, 0).getByTestId('entry-value-base64'), says: /base64/ },
  { type: 'Opaque', what: 'a .env file that is not UTF-8',
    fill: async (p) => {
      await p.getByTestId('env-file').setInputFiles(path.join(tmp, 'latin1.env'));
      await p.getByText(/latin1\.env/).waitFor();
    },
    near: (p) => p.getByTestId('env-file'), says: /UTF-8/, noReview: true },
  { type: 'Opaque', what: 'label key starting with a dash',
    fill: async (p) => {
      await p.getByTestId('labels-editor').getByRole('button', { name: /Add label/ }).click();
      await p.getByLabel('Labels key').fill('-bad'); await p.getByLabel('Labels value').fill('x');
    },
    near: (p) => p.getByLabel('Labels key'), says: /alphanumeric|must/ },
  { type: 'Opaque', what: 'label value of 64 characters',
    fill: async (p) => {
      await p.getByTestId('labels-editor').getByRole('button', { name: /Add label/ }).click();
      await p.getByLabel('Labels key').fill('app'); await p.getByLabel('Labels value').fill('v'.repeat(64));
    },
    near: (p) => p.getByLabel('Labels value'), says: /63/ },
  // TLS
  { type: 'kubernetes.io/tls', what: 'truncated certificate PEM',
    fill: async (p) => {
      const cert = pem(keys.a.cert);
      await p.getByTestId('tls-cert').fill(cert.slice(0, cert.length - 40)); await p.getByTestId('tls-key').fill(pem(keys.a.key));
    },
    near: (p) => p.getByTestId('tls-cert'), says: /cut off|END/ },
  { type: 'kubernetes.io/tls', what: 'a key that does not match the certificate',
    fill: async (p) => { await p.getByTestId('tls-cert').fill(pem(keys.a.cert)); await p.getByTestId('tls-key').fill(pem(keys.b.key)); },
    near: (p) => p.getByTestId('tls-key'), says: /does not match/ },
  { type: 'kubernetes.io/tls', what: 'the private key pasted as the certificate',
    fill: async (p) => { await p.getByTestId('tls-cert').fill(pem(keys.a.key)); await p.getByTestId('tls-key').fill(pem(keys.a.key)); },
    near: (p) => p.getByTestId('tls-cert'), says: /key|certificate/i },
  { type: 'kubernetes.io/tls', what: 'no private key',
    fill: async (p) => { await p.getByTestId('tls-cert').fill(pem(keys.a.cert)); },
    near: (p) => p.getByTestId('tls-key'), says: /private key/ },
  { type: 'kubernetes.io/tls', what: 'a key with garbage inside the PEM',
    fill: async (p) => {
      await p.getByTestId('tls-cert').fill(pem(keys.a.cert));
      await p.getByTestId('tls-key').fill('-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n');
    },
    near: (p) => p.getByTestId('tls-key'), says: /base64|parse|key/i },
  // Docker registry
  { type: 'kubernetes.io/dockerconfigjson', what: 'empty registry server',
    fill: async (p) => { await p.getByTestId('registry-username').fill('u'); await p.getByTestId('registry-password').fill('p'); },
    near: (p) => p.getByTestId('registry-server'), says: /server/ },
  { type: 'kubernetes.io/dockerconfigjson', what: 'a username with a colon',
    fill: async (p) => {
      await p.getByTestId('registry-server').fill('r.example.com');
      await p.getByTestId('registry-username').fill('a:b'); await p.getByTestId('registry-password').fill('p');
    },
    near: (p) => p.getByTestId('registry-username'), says: /:/ },
  { type: 'kubernetes.io/dockerconfigjson', what: 'no password',
    fill: async (p) => { await p.getByTestId('registry-server').fill('r.example.com'); await p.getByTestId('registry-username').fill('u'); },
    near: (p) => p.getByTestId('registry-password'), says: /password/ },
  { type: 'kubernetes.io/dockerconfigjson', what: 'a malformed config.json',
    fill: async (p) => {
      await p.getByTestId('docker-config-file').setInputFiles(path.join(tmp, 'broken-config.json'));
      await p.getByText(/broken-config\.json/).waitFor();
    },
    near: (p) => p.getByTestId('docker-config-file'), says: /broken-config\.json.*(line|JSON|end)/i, noReview: true },
  { type: 'kubernetes.io/dockerconfigjson', what: 'every registry removed',
    fill: async (p) => { await p.getByTestId('remove-registry').click(); },
    near: (p) => p.getByTestId('add-registry'), says: /at least one registry/ },
  // Basic auth
  { type: 'kubernetes.io/basic-auth', what: 'no username',
    fill: async (p) => { await p.getByTestId('basic-password').fill('p'); },
    near: (p) => p.getByTestId('basic-username'), says: /username/ },
  { type: 'kubernetes.io/basic-auth', what: 'no password',
    fill: async (p) => { await p.getByTestId('basic-username').fill('u'); },
    near: (p) => p.getByTestId('basic-password'), says: /password/ },
  // SSH
  { type: 'kubernetes.io/ssh-auth', what: 'the public key instead of the private one',
    fill: async (p) => { await p.getByTestId('ssh-key').fill(pem(keys.ssh.publicKey)); },
    near: (p) => p.getByTestId('ssh-key'), says: /SSH private key/ },
  { type: 'kubernetes.io/ssh-auth', what: 'no key',
    fill: async () => {},
    near: (p) => p.getByTestId('ssh-key'), says: /SSH private key/ },
  { type: 'kubernetes.io/ssh-auth', what: 'a truncated OpenSSH key',
    fill: async (p) => { await p.getByTestId('ssh-key').fill(pem(keys.ssh.privateKey).slice(0, 120)); },
    near: (p) => p.getByTestId('ssh-key'), says: /SSH private key/ },
  // Service-account token
  { type: 'kubernetes.io/service-account-token', what: 'no service account chosen',
    fill: async (p) => { await p.getByTestId('token-account').waitFor(); },
    near: (p) => p.getByTestId('token-account'), says: /service account/ },
];

// The messages inside the nearest field container of `input`.
async function messagesNear(input) {
  return input.evaluate((el) => {
    const box = el.closest('.field, .pair-row, fieldset');
    return [...(box?.querySelectorAll('[data-testid=field-error]') ?? [])].map((e) => e.textContent);
  });
}

test(`bad input: ${CASES.length} cases, each with a message at its field, none writes`, async () => {
  const page = await openPage(browser.context);
  for (const c of CASES) {
    await page.goto(uiUrl(state.uiUrl, { ns }));
    await waitConnected(page);
    await page.getByTestId('new-secret').click();
    await page.getByTestId('secret-editor').waitFor();
    if (c.type !== 'Opaque') await page.getByTestId('secret-type').selectOption(c.type);
    await page.getByTestId('secret-name').fill('catalogue');
    await c.fill(page);
    if (!c.noReview) await page.getByTestId('review').click();
    await page.waitForTimeout(150);
    const near = await messagesNear(c.near(page));
    assert.ok(near.some((m) => c.says.test(m)), `${c.type} / ${c.what}: expected ${c.says} next to the field, got ${JSON.stringify(near)}`);
    if (c.alsoSays) {
      const all = await page.getByTestId('field-error').allTextContents();
      assert.ok(all.includes(c.alsoSays), `${c.what}: expected "${c.alsoSays}" on the form, got ${JSON.stringify(all)}`);
    }
    assert.equal(await page.getByTestId('preview').count(), 0, `${c.what}: no preview`);
  }
  const left = await kubectlJson(cluster, ['get', 'secrets', '-n', ns]);
  assert.deepEqual(left.items.map((s) => s.metadata.name), [], 'nothing was written');
  console.log(`bad-input catalogue: ${CASES.length} cases, all refused at their field, cluster unchanged`);
  await page.close();
});
