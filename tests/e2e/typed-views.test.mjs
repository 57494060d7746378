// Typed detail views: what a TLS, docker registry, service-account token,
// SSH or basic-auth Secret holds, read for people, compared with what
// openssl, ssh-keygen and kubectl say; and the namespace's "check
// certificates" table. Private values never reach the page while masked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot, readmeScreenshot } from './support/browser.mjs';
import { freshNamespace, kubectlJson, uiUrl, waitConnected } from './support/app.mjs';
import { describe, seriousViolations } from './support/axe.mjs';
import { sshKey, tlsPair } from './support/keys.mjs';

const { cluster } = attachCluster();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-views-'));
const namespaces = [];
let browser;
let proxy;

before(async () => {
  browser = await launchBrowser();
  proxy = await cluster.startProxy({ www: process.env.KEYHOLE_DIST ?? distDir });
});
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const ns of namespaces) await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

async function namespace(prefix) {
  const ns = await freshNamespace(cluster, prefix);
  namespaces.push(ns);
  return ns;
}

const run = (cmd, args, cwd = tmp) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

// A CA (certificate + key files) that signs with `openssl ca`, so validity
// dates can be set in the past (`openssl x509 -days` only counts forward).
function makeCa(name) {
  const dir = path.join(tmp, name.replace(/[^a-zA-Z0-9.-]+/g, '-'));
  fs.mkdirSync(path.join(dir, 'newcerts'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.writeFileSync(path.join(dir, 'ca.cnf'), [
    '[ca]', 'default_ca = test', '[test]', `dir = ${dir}`, 'database = $dir/index.txt',
    'new_certs_dir = $dir/newcerts', 'serial = $dir/serial', 'default_md = sha256',
    'policy = anything', 'copy_extensions = copy', 'unique_subject = no',
    '[anything]', 'commonName = supplied', '',
  ].join('\n'));
  run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '365', '-subj', `/CN=${name}/O=Keyhole Tests`,
    '-addext', 'basicConstraints=critical,CA:TRUE'], dir);
  return {
    dir,
    cert: fs.readFileSync(path.join(dir, 'ca.crt')),
    // A leaf for `cn` signed by this CA, valid between two `YYYYMMDDHHMMSSZ` dates.
    sign(cn, startdate, enddate) {
      const base = path.join(dir, cn);
      run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
        '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${cn}`,
        '-addext', `subjectAltName=DNS:${cn},DNS:www.${cn}`], dir);
      run('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key',
        '-in', `${base}.csr`, '-startdate', startdate, '-enddate', enddate, '-notext', '-out', `${base}.crt`], dir);
      return { cert: fs.readFileSync(`${base}.crt`), key: fs.readFileSync(`${base}.key`) };
    },
  };
}

// `YYYYMMDDHHMMSSZ`, as `openssl ca -startdate/-enddate` take it.
const caDate = (date) => date.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');

// Any type and any bytes, including what `kubectl create secret tls` refuses
// (a key that does not match, a tls.crt that is not PEM). `create`, not
// `apply`, which would copy every value into an annotation.
async function applyTyped(ns, name, type, data, annotations) {
  const manifest = {
    apiVersion: 'v1', kind: 'Secret', type,
    metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
  const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(manifest) });
  assert.ok(r.ok, r.stderr);
}

async function openDetail(ns, name) {
  const page = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns, secret: name }));
  await page.getByTestId('typed-section').waitFor();
  return page;
}

// What openssl prints about a certificate, normalised to Keyhole's forms.
function opensslFacts(pem) {
  const file = path.join(tmp, `inspect-${Date.now()}.crt`);
  fs.writeFileSync(file, pem);
  const out = run('openssl', ['x509', '-in', file, '-noout', '-subject', '-serial', '-enddate', '-ext', 'subjectAltName']);
  const line = (prefix) => out.split('\n').find((l) => l.startsWith(prefix)).slice(prefix.length);
  const sanLine = out.split('\n').findIndex((l) => l.includes('Subject Alternative Name'));
  return {
    subject: line('subject=').replace(/ = /g, '='),
    serial: normalSerial(line('serial=')),
    notAfter: new Date(line('notAfter=')).toISOString().replace('.000Z', 'Z'),
    sans: sanLine < 0 ? 'none' : out.split('\n')[sanLine + 1].trim(),
  };
}
const normalSerial = (s) => s.replace(/:/g, '').toUpperCase().replace(/^0+(?=.)/, '');

const cards = (page) => page.getByTestId('cert-card');
const card = (page, i) => cards(page).nth(i);
const cardText = (page, i, id) => card(page, i).getByTestId(id).textContent();
const badgeState = (locator) => locator.getByTestId('cert-badge').getAttribute('data-state');

// Neither the PEM body, nor its base64, nor any of its lines is on the page.
function assertNotOnPage(html, secretBytes, label) {
  const text = Buffer.from(secretBytes).toString();
  const lines = text.split('\n').filter((l) => l.length >= 24 && !l.startsWith('-----'));
  assert.ok(lines.length > 0 || text.length >= 8, `${label}: nothing to look for`);
  for (const needle of [text.trim(), Buffer.from(secretBytes).toString('base64'), ...lines]) {
    assert.ok(!html.includes(needle), `${label} is on the page`);
  }
}

test('the sample tls-cert shows what openssl reads from its tls.crt; the key stays masked', async () => {
  const secret = await kubectlJson(cluster, ['get', 'secret', 'tls-cert', '-n', 'default']);
  const crt = Buffer.from(secret.data['tls.crt'], 'base64');
  const key = Buffer.from(secret.data['tls.key'], 'base64');
  const expected = opensslFacts(crt);
  const page = await openDetail('default', 'tls-cert');
  assert.equal(await cards(page).count(), 1);
  assert.equal(await cardText(page, 0, 'cert-subject'), expected.subject);
  assert.equal(expected.subject, 'CN=myapp.example.com');
  assert.equal(await cardText(page, 0, 'cert-issuer'), expected.subject, 'self-signed');
  assert.equal(await cardText(page, 0, 'cert-sans'), expected.sans);
  assert.equal(normalSerial(await cardText(page, 0, 'cert-serial')), expected.serial);
  assert.equal(await cardText(page, 0, 'cert-not-after'), expected.notAfter);
  assert.equal(await cardText(page, 0, 'cert-key'), 'EC P-256');
  const daysLeft = Math.floor((Date.parse(expected.notAfter) - Date.now()) / 86400000);
  assert.equal(Number(await cardText(page, 0, 'cert-days-left')), daysLeft);
  assert.equal(await badgeState(card(page, 0)), daysLeft < 30 ? 'expiring' : 'valid');
  assert.match(await card(page, 0).getByTestId('cert-badge').textContent(), daysLeft < 30 ? /^expires / : /^valid, \d+ days left$/);
  assert.equal(await page.getByTestId('key-match').getAttribute('data-ok'), 'true');
  assert.equal(await page.getByTestId('key-match').textContent(), '✓ tls.key (EC P-256, PKCS#8) matches the leaf certificate');
  assertNotOnPage(await page.content(), key, 'tls.key');
  assert.deepEqual(page.consoleMessages.filter((m) => /error|panic/i.test(m)), []);
  await page.close();
});

test('a CA→leaf chain in one tls.crt: both certificates, leaf first, and the key is the leaf\'s', async () => {
  const ns = await namespace('views-chain');
  const ca = makeCa('Views Chain CA');
  const now = Date.now();
  const leaf = ca.sign('chain.example.com', caDate(new Date(now - 86400000)), caDate(new Date(now + 200 * 86400000)));
  const chainFile = path.join(tmp, 'chain.crt');
  fs.writeFileSync(chainFile, Buffer.concat([leaf.cert, ca.cert]));
  fs.writeFileSync(path.join(tmp, 'chain.key'), leaf.key);
  const r = await cluster.kubectl(['create', 'secret', 'tls', 'chain', '-n', ns, `--cert=${chainFile}`, `--key=${path.join(tmp, 'chain.key')}`]);
  assert.ok(r.ok, r.stderr);

  const page = await openDetail(ns, 'chain');
  assert.equal(await cards(page).count(), 2);
  const leafFacts = opensslFacts(leaf.cert);
  const caFacts = opensslFacts(ca.cert);
  assert.equal(await cardText(page, 0, 'cert-subject'), 'CN=chain.example.com');
  assert.equal(await cardText(page, 0, 'cert-issuer'), caFacts.subject);
  assert.equal(await cardText(page, 0, 'cert-sans'), leafFacts.sans);
  assert.equal(leafFacts.sans, 'DNS:chain.example.com, DNS:www.chain.example.com');
  assert.equal(normalSerial(await cardText(page, 0, 'cert-serial')), leafFacts.serial);
  assert.equal(await cardText(page, 0, 'cert-not-after'), leafFacts.notAfter);
  assert.match(await card(page, 0).textContent(), /tls\.crt: certificate 1 of 2\s*leaf/);
  assert.equal(await cardText(page, 1, 'cert-subject'), caFacts.subject);
  assert.match(await card(page, 1).textContent(), /tls\.crt: certificate 2 of 2\s*root CA/);
  assert.equal(normalSerial(await cardText(page, 1, 'cert-serial')), caFacts.serial);
  assert.equal(await page.getByTestId('key-match').getAttribute('data-ok'), 'true');
  assert.equal(await page.getByTestId('cert-findings').count(), 0, 'nothing wrong');
  assertNotOnPage(await page.content(), leaf.key, 'tls.key');
  await page.getByTestId('typed-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'typed-tls');
  await readmeScreenshot(page, 'tls');
  await page.close();
});

// Secrets for the badge and check tests: expired in 2020, expiring in 10
// days, valid for 90, a tls.crt that is not PEM, and one Opaque secret.
async function certificateZoo(ns) {
  const ca = makeCa(`Zoo CA ${ns}`);
  const expired = ca.sign(`old.${ns}.example.com`, '20200101000000Z', '20210101000000Z');
  const now = Date.now();
  const soon = ca.sign(`soon.${ns}.example.com`, caDate(new Date(now - 86400000)), caDate(new Date(now + 10 * 86400000)));
  const fresh = tlsPair(tmp, `fresh-${ns}`, `fresh.${ns}.example.com`, 90);
  await applyTyped(ns, 'old-expired', 'kubernetes.io/tls', { 'tls.crt': expired.cert, 'tls.key': expired.key });
  await applyTyped(ns, 'soon', 'kubernetes.io/tls', { 'tls.crt': soon.cert, 'tls.key': soon.key });
  await applyTyped(ns, 'fresh', 'kubernetes.io/tls', { 'tls.crt': fresh.cert, 'tls.key': fresh.key });
  await applyTyped(ns, 'broken', 'kubernetes.io/tls', { 'tls.crt': 'this is not a certificate', 'tls.key': fresh.key });
  await applyTyped(ns, 'zz-not-tls', 'Opaque', { 'tls.crt': fresh.cert });
  return { expired, soon, fresh };
}

test('expired, expiring within 30 days and valid certificates get their badges; a broken tls.crt says why', async () => {
  const ns = await namespace('views-badges');
  const zoo = await certificateZoo(ns);
  // Someone else's key: shown as a problem, not as a match.
  await applyTyped(ns, 'wrong-key', 'kubernetes.io/tls', { 'tls.crt': zoo.fresh.cert, 'tls.key': zoo.soon.key });

  let page = await openDetail(ns, 'old-expired');
  assert.equal(await badgeState(card(page, 0)), 'expired');
  assert.equal(await card(page, 0).getByTestId('cert-badge').textContent(), 'expired');
  assert.equal(await cardText(page, 0, 'cert-not-after'), '2021-01-01T00:00:00Z');
  assert.equal(await cardText(page, 0, 'cert-not-before'), '2020-01-01T00:00:00Z');
  assert.match(await cardText(page, 0, 'cert-days-left'), /^none \(expired \d+ days ago\)$/);
  assert.match(await page.getByTestId('cert-findings').textContent(),
    new RegExp(`Warning: tls\\.crt: the certificate for CN=old\\.${ns}\\.example\\.com expired on 2021-01-01`));
  assert.equal(await page.getByTestId('key-match').getAttribute('data-ok'), 'true');
  await page.close();

  page = await openDetail(ns, 'soon');
  assert.equal(await badgeState(card(page, 0)), 'expiring');
  assert.match(await card(page, 0).getByTestId('cert-badge').textContent(), /^expires in (9|10) days$/);
  assert.match(await cardText(page, 0, 'cert-days-left'), /^(9|10)$/);
  await page.close();

  page = await openDetail(ns, 'fresh');
  assert.equal(await badgeState(card(page, 0)), 'valid');
  assert.match(await card(page, 0).getByTestId('cert-badge').textContent(), /^valid, (89|90) days left$/);
  await page.close();

  page = await openDetail(ns, 'wrong-key');
  assert.equal(await page.getByTestId('key-match').getAttribute('data-ok'), 'false');
  assert.match(await page.getByTestId('cert-findings').textContent(),
    /Problem: tls\.key: the private key does not match the certificate for CN=fresh\./);
  assertNotOnPage(await page.content(), zoo.soon.key, 'tls.key');
  await page.close();

  page = await openDetail(ns, 'broken');
  assert.equal(await cards(page).count(), 0);
  assert.match(await page.getByTestId('cert-findings').textContent(), /Problem: tls\.crt: /);
  assert.match(await page.getByTestId('key-match').textContent(), /not compared/);
  assert.ok(!(await page.getByTestId('typed-section').textContent()).includes('this is not a certificate'),
    'the unreadable value is not quoted');
  assert.deepEqual(page.consoleMessages.filter((m) => /error|panic/i.test(m)), []);
  await page.close();
});

test('check certificates reads the TLS secrets only when asked and lists them soonest expiry first', async () => {
  const ns = await namespace('views-check');
  await certificateZoo(ns);
  const page = await openPage(browser.context);
  const reads = [];
  page.on('request', (req) => {
    const m = new URL(req.url()).pathname.match(new RegExp(`/namespaces/${ns}/secrets/([^/]+)$`));
    if (m && req.method() === 'GET') reads.push(m[1]);
  });
  await page.goto(uiUrl(proxy.uiUrl, { ns }));
  await waitConnected(page);
  await page.locator('[data-testid=secret-row][data-name="zz-not-tls"]').waitFor();
  const button = page.getByTestId('check-certificates');
  assert.match(await button.getAttribute('title'), /Reads the values of every kubernetes\.io\/tls secret/);
  await page.waitForTimeout(500);
  assert.deepEqual(reads, [], 'nothing is read before the button is pressed');

  await button.click();
  const panel = page.getByTestId('cert-check');
  await page.waitForFunction(() => /^Read 4 TLS secrets/.test(document.querySelector('[data-testid=cert-check-progress]')?.textContent ?? ''));
  assert.deepEqual([...reads].sort(), ['broken', 'fresh', 'old-expired', 'soon'], 'one GET per TLS secret, no other');
  const rows = panel.getByTestId('cert-check-row');
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.name)), ['old-expired', 'soon', 'fresh', 'broken']);
  const rowOf = (name) => panel.locator(`[data-testid=cert-check-row][data-name="${name}"]`);
  assert.equal(await badgeState(rowOf('old-expired')), 'expired');
  assert.equal(await badgeState(rowOf('soon')), 'expiring');
  assert.equal(await badgeState(rowOf('fresh')), 'valid');
  assert.match(await rowOf('old-expired').textContent(), new RegExp(`CN=old\\.${ns}\\.example\\.com.*2021-01-01T00:00:00Z.*none \\(expired \\d+ days ago\\)`));
  assert.match(await rowOf('soon').textContent(), /expires in (9|10) days/);
  assert.match(await rowOf('broken').getByTestId('cert-check-error').textContent(), /^tls\.crt: /);
  await screenshot(page, 'cert-check');
  await readmeScreenshot(page, 'cert-check');

  // A row opens its secret.
  await rowOf('soon').getByRole('link', { name: 'Open soon' }).click();
  await page.getByTestId('tls-view').waitFor();
  assert.equal(await page.getByTestId('detail-name').textContent(), 'soon');
  await page.close();
});

test('check certificates: a secret the user may not read says so in its row', async () => {
  const ns = await namespace('views-denied');
  const pair = tlsPair(tmp, `denied-${ns}`, `readable.${ns}.example.com`, 90);
  await applyTyped(ns, 'readable', 'kubernetes.io/tls', { 'tls.crt': pair.cert, 'tls.key': pair.key });
  await applyTyped(ns, 'hidden', 'kubernetes.io/tls', { 'tls.crt': pair.cert, 'tls.key': pair.key });
  const user = `cert-checker-${ns}`;
  const kubeconfig = cluster.createUser(user, []);
  for (const args of [
    ['create', 'role', 'list-secrets', '-n', ns, '--verb=list,watch', '--resource=secrets'],
    ['create', 'role', 'get-readable', '-n', ns, '--verb=get', '--resource=secrets', '--resource-name=readable'],
    ['create', 'rolebinding', 'list-secrets', '-n', ns, '--role=list-secrets', `--user=${user}`],
    ['create', 'rolebinding', 'get-readable', '-n', ns, '--role=get-readable', `--user=${user}`],
  ]) {
    const r = await cluster.kubectl(args);
    assert.ok(r.ok, r.stderr);
  }
  const own = await cluster.startProxy({ www: process.env.KEYHOLE_DIST ?? distDir, kubeconfig });
  const page = await openPage(browser.context, uiUrl(own.uiUrl, { ns }));
  await waitConnected(page);
  await page.locator('[data-testid=secret-row][data-name="hidden"]').waitFor();
  await page.getByTestId('check-certificates').click();
  await page.waitForFunction(() => /^Read 2 TLS secrets/.test(document.querySelector('[data-testid=cert-check-progress]')?.textContent ?? ''));
  const rowOf = (name) => page.locator(`[data-testid=cert-check-row][data-name="${name}"]`);
  assert.equal(await badgeState(rowOf('readable')), 'valid');
  assert.match(await rowOf('hidden').getByTestId('cert-check-error').textContent(), /^You may not read this secret: .*forbidden/i);
  await page.close();
  await own.stop();
});

test('docker registry secrets: a row per registry, no password anywhere in the table', async () => {
  const ns = await namespace('views-docker');
  const password = 'docker-pw-canary-51e7';
  let r = await cluster.kubectl(['create', 'secret', 'docker-registry', 'regcred', '-n', ns,
    '--docker-server=registry.example.com:5000', '--docker-username=robot', `--docker-password=${password}`,
    '--docker-email=robot@example.com']);
  assert.ok(r.ok, r.stderr);
  // A docker config.json with two registries and a credential helper the kubelet ignores.
  const auth = (u, p) => Buffer.from(`${u}:${p}`).toString('base64');
  const config = {
    auths: {
      'ghcr.io': { auth: auth('octo', `${password}-2`) },
      'https://index.docker.io/v1/': { username: 'hubuser', password: `${password}-3`, email: 'hub@example.com' },
    },
    credsStore: 'desktop',
  };
  fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify(config));
  r = await cluster.kubectl(['create', 'secret', 'generic', 'multi', '-n', ns, '--type=kubernetes.io/dockerconfigjson',
    `--from-file=.dockerconfigjson=${path.join(tmp, 'config.json')}`]);
  assert.ok(r.ok, r.stderr);
  await applyTyped(ns, 'legacy', 'kubernetes.io/dockercfg',
    { '.dockercfg': JSON.stringify({ 'old.example.com': { auth: auth('olduser', `${password}-4`), email: 'old@example.com' } }) });

  let page = await openDetail(ns, 'regcred');
  let rows = page.getByTestId('registry-row');
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().getAttribute('data-server'), 'registry.example.com:5000');
  assert.equal(await rows.first().getByTestId('registry-row-username').textContent(), 'robot');
  assert.equal(await rows.first().getByTestId('registry-row-email').textContent(), 'robot@example.com');
  assert.match(await rows.first().textContent(), /••••/);
  assertNotOnPage(await page.content(), password, 'the password');
  assertNotOnPage(await page.content(), auth('robot', password), 'the auth field');
  // Revealing the key shows the stored JSON, as it should, but never puts the password in the table.
  await page.getByTestId('reveal-all').click();
  assert.ok(!(await page.getByTestId('docker-view').textContent()).includes(password));
  await page.getByTestId('reveal-all').click();
  await page.close();

  page = await openDetail(ns, 'multi');
  rows = page.getByTestId('registry-row');
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.dataset.server)), ['ghcr.io', 'https://index.docker.io/v1/']);
  assert.equal(await rows.first().getByTestId('registry-row-username').textContent(), 'octo', 'username read from auth');
  assert.match(await page.getByTestId('docker-notes').textContent(), /credsStore/);
  const html = await page.content();
  for (const p of [`${password}-2`, `${password}-3`]) assertNotOnPage(html, p, 'a password');
  await page.getByTestId('typed-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'typed-docker');
  await page.close();

  page = await openDetail(ns, 'legacy');
  rows = page.getByTestId('registry-row');
  assert.equal(await rows.first().getAttribute('data-server'), 'old.example.com');
  assert.equal(await rows.first().getByTestId('registry-row-username').textContent(), 'olduser');
  assertNotOnPage(await page.content(), `${password}-4`, 'the legacy password');
  await page.close();
});

async function checkTokenView(page, ns) {
  const claim = (label) => page.getByTestId('token-claims').locator(`dd[data-label="${label}"]`).textContent();
  assert.equal(await page.getByTestId('token-service-account').textContent(), 'default');
  assert.equal(await page.getByTestId('token-namespace').textContent(), ns);
  assert.equal(await claim('Subject'), `system:serviceaccount:${ns}:default`);
  assert.equal(await claim('Issuer'), 'kubernetes/serviceaccount');
  assert.equal(await claim('Expiry'), 'no expiry: a legacy service-account token is valid until its Secret is deleted');
  assert.equal(await claim('Secret'), 'default-token');
  assert.equal(await claim('Algorithm'), 'RS256');
  // ca.crt is the cluster CA, summarised like a TLS certificate.
  const ca = await kubectlJson(cluster, ['get', 'secret', 'default-token', '-n', ns]);
  const caFacts = opensslFacts(Buffer.from(ca.data['ca.crt'], 'base64'));
  const tokenCards = page.getByTestId('token-view').getByTestId('cert-card');
  assert.equal(await tokenCards.count(), 1);
  assert.equal(await tokenCards.first().getByTestId('cert-subject').textContent(), caFacts.subject);
  assert.equal(await tokenCards.first().getByTestId('cert-not-after').textContent(), caFacts.notAfter);
  // The token itself stays masked.
  const token = Buffer.from(ca.data.token, 'base64').toString();
  const html = await page.content();
  for (const part of [token, ...token.split('.')]) assert.ok(!html.includes(part), 'the token is on the page');
}

async function waitFor(check, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('timed out');
}

const waitForServiceAccount = (ns, name) =>
  waitFor(async () => (await cluster.kubectl(['get', 'serviceaccount', name, '-n', ns])).ok);


test('service-account token: waits for the cluster to fill it in, then shows its claims and CA', async () => {
  const ns = await namespace('views-token');
  await waitForServiceAccount(ns, 'default');
  await applyTyped(ns, 'default-token', 'kubernetes.io/service-account-token', {},
    { 'kubernetes.io/service-account.name': 'default' });

  const page = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns, secret: 'default-token' }));
  // The token controller is usually done before the page has loaded, so
  // either the waiting text or the token is what comes first.
  await page.waitForSelector('[data-testid=token-waiting], [data-testid=token-claims]');
  await page.getByTestId('token-claims').waitFor({ timeout: 65000 });
  await checkTokenView(page, ns);
  await page.getByTestId('typed-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'typed-token');
  await page.close();
});

test('SSH keys: type, bits, the fingerprint ssh-keygen prints, comment, passphrase', async () => {
  const ns = await namespace('views-ssh');
  const plain = sshKey(tmp, `deploy-${ns}`);
  const plainFile = path.join(tmp, `deploy-${ns}`);
  let r = await cluster.kubectl(['create', 'secret', 'generic', 'deploy-key', '-n', ns, '--type=kubernetes.io/ssh-auth',
    `--from-file=ssh-privatekey=${plainFile}`]);
  assert.ok(r.ok, r.stderr);
  const lf = run('ssh-keygen', ['-lf', plainFile]).trim().split(' ');
  assert.equal(lf[1], plain.fingerprint);

  let page = await openDetail(ns, 'deploy-key');
  assert.equal(await page.getByTestId('ssh-fingerprint').textContent(), lf[1]);
  const text = await page.getByTestId('ssh-view').textContent();
  assert.match(text, /Typessh-ed25519/);
  assert.match(text, /Bits256/);
  assert.match(text, new RegExp(`Comment${lf.slice(2, -1).join(' ')}`));
  assert.match(text, /Encryptedno/);
  assertNotOnPage(await page.content(), plain.privateKey, 'ssh-privatekey');
  await page.close();

  const lockedFile = path.join(tmp, `locked-${ns}`);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-C', 'locked', '-f', lockedFile]);
  r = await cluster.kubectl(['create', 'secret', 'generic', 'locked-key', '-n', ns, '--type=kubernetes.io/ssh-auth',
    `--from-file=ssh-privatekey=${lockedFile}`]);
  assert.ok(r.ok, r.stderr);
  page = await openDetail(ns, 'locked-key');
  assert.equal(await page.getByTestId('ssh-fingerprint').textContent(), run('ssh-keygen', ['-lf', `${lockedFile}.pub`]).split(' ')[1]);
  assert.match(await page.getByTestId('ssh-view').textContent(), /Encryptedyes: protected by a passphrase/);
  await page.close();

  await applyTyped(ns, 'not-a-key', 'kubernetes.io/ssh-auth', { 'ssh-privatekey': 'hello, not a key' });
  page = await openDetail(ns, 'not-a-key');
  assert.match(await page.getByTestId('typed-error').textContent(), /^ssh-privatekey cannot be read: /);
  assert.ok(!(await page.getByTestId('typed-error').textContent()).includes('hello'));
  await page.close();
});

test('basic auth: a note of which of username and password are present', async () => {
  const ns = await namespace('views-basic');
  const r = await cluster.kubectl(['create', 'secret', 'generic', 'only-user', '-n', ns, '--type=kubernetes.io/basic-auth',
    '--from-literal=username=jane']);
  assert.ok(r.ok, r.stderr);
  const page = await openDetail(ns, 'only-user');
  assert.equal(await page.getByTestId('basic-auth-note').textContent(), 'username: present, password: absent');
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  test(`typed views and the certificate check pass axe-core in the ${scheme} theme`, async () => {
    const ns = await namespace(`views-axe-${scheme}`);
    await certificateZoo(ns);
    const page = await openPage(browser.context);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(uiUrl(proxy.uiUrl, { ns }));
    await waitConnected(page);
    await page.locator('[data-testid=secret-row][data-name="zz-not-tls"]').waitFor();
    await page.getByTestId('check-certificates').click();
    await page.waitForFunction(() => /^Read 4 TLS secrets/.test(document.querySelector('[data-testid=cert-check-progress]')?.textContent ?? ''));
    let violations = await seriousViolations(page);
    assert.equal(violations.length, 0, `certificate check:\n${describe(violations)}`);
    for (const name of ['old-expired', 'soon', 'broken']) {
      await page.goto(uiUrl(proxy.uiUrl, { ns, secret: name }));
      await page.getByTestId('typed-section').waitFor();
      await page.getByTestId('used-by').waitFor();
      violations = await seriousViolations(page);
      assert.equal(violations.length, 0, `${name}:\n${describe(violations)}`);
    }
    if (scheme === 'dark') {
      await page.goto(uiUrl(proxy.uiUrl, { ns, secret: 'soon' }));
      await page.getByTestId('typed-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'typed-tls-dark');
    }
    await page.close();
  });
}
