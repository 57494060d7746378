// "Seal for Git" proven by the real thing: Keyhole seals values in the
// browser (WebCrypto) to the certificate of the real Sealed Secrets
// controller (tests/e2e/support/sealed-secrets.mjs), kubectl applies the
// manifest, and the controller must produce a Secret with exactly those
// bytes, in every scope; a strict one renamed or moved must not decrypt;
// kubeseal itself must accept Keyhole's output (--validate). While sealing,
// the page sends nothing but the certificate fetch.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, readmeScreenshot, screenshot } from './support/browser.mjs';
import { describe, seriousViolations } from './support/axe.mjs';
import { applySecret, clusterValues, freshNamespace, uiUrl, waitConnected } from './support/app.mjs';
import { assertSameBytes } from './support/values.mjs';
import { waitFor } from '../../harness/process.mjs';
import { CONTROLLER, CONTROLLER_NAMESPACE, startController } from './support/sealed-secrets.mjs';

const { state, cluster } = attachCluster();
const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src/model/test_fixtures/tls');
let browser;
let controller;
let certPem;
let ns;
let elsewhere;

// Values of every shape the issue names. A Secret holds at most 1 MiB of keys
// and values together (the apiserver's MaxSecretSize), so the large value is
// 1 MiB less its key and a margin.
const TEXT = 'correct horse — battery staple';
const BINARY = Buffer.from([0x00, 0xff, 0x00, 0x7f, 0x80, 0xff]);
const BIG = crypto.randomBytes(1024 * 1024 - 16);
const values = { text: Buffer.from(TEXT), binary: BINARY, empty: Buffer.alloc(0) };

async function kubectl(args, input) {
  const r = await cluster.kubectl(args, input === undefined ? {} : { input });
  assert.ok(r.ok, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// The manifest Keyhole showed, as JSON (kubectl reads the YAML, client-side).
async function asJson(yaml) {
  return JSON.parse(await kubectl(['create', '--dry-run=client', '-o', 'json', '-f', '-'], yaml));
}

// Applies a SealedSecret under another name and/or namespace, the way
// someone who edits the manifest by hand would.
async function applySealed(manifest, { name, namespace } = {}) {
  const m = structuredClone(manifest);
  if (name) m.metadata.name = name;
  if (namespace) m.metadata.namespace = namespace;
  // Server-side apply: no last-applied copy, which would double a 1 MiB object.
  await kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify(m));
  return m;
}

async function synced(name, namespace) {
  const r = await cluster.kubectl(['get', 'sealedsecret', name, '-n', namespace, '-o', 'json']);
  return r.ok ? JSON.parse(r.stdout).status?.conditions?.find((c) => c.type === 'Synced') : undefined;
}

async function waitUnsealed(name, namespace) {
  await waitFor(`the controller to unseal ${namespace}/${name}`,
    async () => (await cluster.kubectl(['get', 'secret', name, '-n', namespace])).ok, { proc: controller.proc });
  return clusterValues(cluster, namespace, name);
}

async function waitRefused(name, namespace) {
  await waitFor(`the controller to refuse ${namespace}/${name}`,
    async () => (await synced(name, namespace))?.status === 'False', { proc: controller.proc });
  assert.equal((await cluster.kubectl(['get', 'secret', name, '-n', namespace])).ok, false,
    `${namespace}/${name} must not be unsealed`);
}

// A request's API path without the proxy's prefix, which must never reach
// test output: '/api/v1/…', '/apis/…', '/version', or '(static file)'.
const apiPath = (url) => {
  const p = decodeURIComponent(new URL(url).pathname).replace(state.proxyPrefix, '');
  return p.match(/(\/apis?(\/.*)?|\/version)$/)?.[1] ?? '(static file)';
};

const fingerprint = (pem) => new crypto.X509Certificate(pem).fingerprint256;

before(async () => {
  controller = await startController(cluster);
  certPem = await controller.kubeseal(['--fetch-cert']);
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'seal');
  elsewhere = await freshNamespace(cluster, 'seal-other');
});
after(async () => {
  await browser?.close();
  for (const n of [ns, elsewhere]) if (n) await cluster.kubectl(['delete', 'namespace', n, '--wait=false']);
  await controller?.stop();
});

// Opens the panel on a secret's page, waits for the fetched certificate and
// seals in `scope`; resolves to the manifest's text.
async function sealIn(page, scope) {
  await page.getByTestId(`seal-scope-${scope}`).check();
  await page.getByTestId('seal-run').click();
  const manifest = page.getByTestId('sealed-manifest');
  await manifest.waitFor();
  return manifest.textContent();
}

test('a secret sealed on its page unseals to exactly its bytes in every scope; strict ones only where they were sealed', async () => {
  await applySecret(cluster, ns, 'db', values);
  // kubectl create, not apply: apply's last-applied copy would not fit.
  await kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Secret',
    metadata: { name: 'big', namespace: ns }, data: { big: BIG.toString('base64') } }));

  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'db' }));
  await waitConnected(page);
  await page.getByTestId('key-row').first().waitFor();
  await page.getByTestId('page-loading').waitFor({ state: 'detached' });
  // While sealing, the page may only fetch the certificate (and probe the connection).
  const requests = [];
  let recording = true;
  page.on('request', (r) => {
    if (recording) requests.push({ method: r.method(), path: apiPath(r.url()), body: r.postData() });
  });

  await page.getByTestId('seal-for-git').click();
  const panel = page.getByTestId('seal-panel');
  await panel.waitFor();
  // The certificate is fetched as kubeseal does and shown before sealing.
  await page.getByTestId('seal-cert-fingerprint').waitFor();
  assert.equal(await page.getByTestId('seal-cert-fingerprint').textContent(), fingerprint(certPem));
  assert.match(await page.getByTestId('seal-cert-expiry').textContent(), /^\d{4}-\d\d-\d\dT/);
  assert.equal(await page.getByTestId('seal-scope-strict').isChecked(), true, 'strict is the default');
  // Values stay masked: the panel lists key names and sizes only.
  assert.match(await panel.textContent(), /binary \(6 bytes\).*empty \(0 bytes\).*text \(\d+ bytes\)/);

  const sealed = {};
  for (const scope of ['strict', 'namespace-wide', 'cluster-wide']) sealed[scope] = await sealIn(page, scope);
  const body = await page.evaluate(() => document.body.innerText);
  assert.ok(!body.includes(TEXT), 'the plaintext is not on the page');
  await panel.evaluate((el) => el.scrollIntoView());
  await readmeScreenshot(page, 'seal');
  await screenshot(page, 'seal-panel');
  assert.deepEqual(await seriousViolations(page, '[data-testid=seal-panel]'), [], describe);

  // The big one, from its own page.
  recording = false;
  await page.goto(uiUrl(state.uiUrl, { ns, secret: 'big' }));
  await page.getByTestId('key-row').first().waitFor();
  await page.getByTestId('page-loading').waitFor({ state: 'detached' });
  recording = true;
  await page.getByTestId('seal-for-git').click();
  await page.getByTestId('seal-cert-fingerprint').waitFor();
  const bigSealed = await sealIn(page, 'cluster-wide');
  recording = false;

  // Nothing but GETs of the certificate (and the connection probe) went out.
  const certPaths = new Set([
    `/api/v1/namespaces/${CONTROLLER_NAMESPACE}/services/${CONTROLLER}`,
    `/api/v1/namespaces/${CONTROLLER_NAMESPACE}/services/http:${CONTROLLER}:http/proxy/v1/cert.pem`,
  ]);
  const sealing = requests;
  assert.ok(sealing.length > 0, 'requests were recorded');
  for (const r of sealing) {
    assert.equal(r.method, 'GET', `${r.path} is a read`);
    assert.equal(r.body ?? null, null, `${r.path} carries no body`);
    assert.ok(certPaths.has(r.path) || r.path === '/version' || r.path === '/api', `unexpected request while sealing: ${r.path}`);
  }
  assert.ok(sealing.some((r) => r.path.endsWith('/cert.pem')), 'the certificate was fetched');
  for (const r of requests) assert.ok(!(r.body ?? '').includes(TEXT), 'no request carries the plaintext');
  await page.close();

  const manifests = Object.fromEntries(await Promise.all(Object.entries(sealed).map(async ([s, y]) => [s, await asJson(y)])));
  const big = await asJson(bigSealed);
  // kubeseal accepts what Keyhole wrote (it asks the controller to decrypt).
  for (const m of [...Object.values(manifests), big]) {
    await controller.kubeseal(['--validate', `--controller-name=${CONTROLLER}`, `--controller-namespace=${CONTROLLER_NAMESPACE}`], JSON.stringify(m));
  }
  assert.equal(manifests.strict.metadata.annotations, undefined);
  assert.equal(manifests['cluster-wide'].spec.template.metadata.annotations['sealedsecrets.bitnami.com/cluster-wide'], 'true');
  assert.equal(manifests['namespace-wide'].metadata.annotations['sealedsecrets.bitnami.com/namespace-wide'], 'true');

  // Strict: under its own name and namespace (the original goes first, as
  // the controller leaves alone a Secret it does not own).
  await kubectl(['delete', 'secret', 'db', '-n', ns]);
  await applySealed(manifests.strict);
  const strict = await waitUnsealed('db', ns);
  for (const [k, v] of Object.entries(values)) assertSameBytes(strict[k], v, `strict ${k}`);
  // Namespace-wide: under any name in its namespace.
  await applySealed(manifests['namespace-wide'], { name: 'db-renamed' });
  const wide = await waitUnsealed('db-renamed', ns);
  for (const [k, v] of Object.entries(values)) assertSameBytes(wide[k], v, `namespace-wide ${k}`);
  // Cluster-wide: any name, any namespace; the 1 MiB value too.
  await applySealed(manifests['cluster-wide'], { name: 'db-anywhere', namespace: elsewhere });
  const anywhere = await waitUnsealed('db-anywhere', elsewhere);
  for (const [k, v] of Object.entries(values)) assertSameBytes(anywhere[k], v, `cluster-wide ${k}`);
  await applySealed(big, { name: 'big-copy', namespace: elsewhere });
  assertSameBytes((await waitUnsealed('big-copy', elsewhere)).big, BIG, 'cluster-wide 1 MiB');

  // A strict one renamed, or moved, does not decrypt; nor does a
  // namespace-wide one moved.
  await applySealed(manifests.strict, { name: 'db-strict-renamed' });
  await waitRefused('db-strict-renamed', ns);
  await applySealed(manifests.strict, { namespace: elsewhere });
  await waitRefused('db', elsewhere);
  await applySealed(manifests['namespace-wide'], { name: 'db-wide-moved', namespace: elsewhere });
  await waitRefused('db-wide-moved', elsewhere);

  // The SealedSecret's own page says what it produces, its scope, and whether it worked.
  const sealedPage = await openPage(browser.context);
  // Opened by its URL it shows no list, so it asks for none (nor waits for one).
  const listsAsked = [];
  sealedPage.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith(`/api/v1/namespaces/${ns}/secrets`)) listsAsked.push(url.searchParams.has('watch') ? 'watch' : 'page');
  });
  await sealedPage.goto(uiUrl(state.uiUrl, { ns, sealed: 'db-strict-renamed' }));
  await sealedPage.getByTestId('sealed-summary').waitFor();
  assert.deepEqual(listsAsked, [], 'the SealedSecret page asked for no list of secrets');
  assert.match(await sealedPage.getByTestId('sealed-scope').textContent(), /^strict/);
  assert.match(await sealedPage.getByTestId('sealed-synced').textContent(), /could not unseal it: no key could decrypt/);
  assert.match(await sealedPage.getByTestId('sealed-produces').textContent(), /db-strict-renamed.*does not exist/);
  assert.match(await sealedPage.getByTestId('sealed-keys').textContent(), /binary, empty, text/);
  await screenshot(sealedPage, 'sealed-page-refused');
  // The Secret it did produce links back to it, and its page says so.
  await sealedPage.goto(uiUrl(state.uiUrl, { ns, secret: 'db' }));
  await sealedPage.getByTestId('manager').waitFor();
  assert.match(await sealedPage.getByTestId('managed-by').textContent(), /Sealed Secrets.*SealedSecret db/);
  await sealedPage.getByTestId('sealed-page-link').click();
  await sealedPage.getByTestId('sealed-summary').waitFor();
  assert.match(await sealedPage.getByTestId('sealed-produces').textContent(), /exists, written by this SealedSecret/);
  assert.match(await sealedPage.getByTestId('sealed-synced').textContent(), /unsealed it and wrote the Secret/);
  // The one 404 is the browser's own line for the Secret that does not exist.
  const failures = sealedPage.consoleMessages.filter((m) => m.startsWith('error') || m.startsWith('pageerror'));
  assert.deepEqual(failures.filter((m) => !/Failed to load resource: .* 404/.test(m)), []);
  assert.ok(failures.length <= 1, failures.join('\n'));
  await sealedPage.close();
});

test('the create form and an import seal without creating anything; a pasted certificate is checked and can be pinned', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  const writes = [];
  // Writes of secrets or SealedSecrets (permission reviews are POSTs too).
  page.on('request', (r) => {
    if (r.method() !== 'GET' && /secrets/.test(apiPath(r.url()))) writes.push(apiPath(r.url()));
  });

  // Bad input: a message next to its field, no panel.
  await page.getByTestId('new-secret').click();
  await page.getByTestId('secret-name').fill('Not_A_Name');
  await page.getByTestId('entry-row').nth(0).getByTestId('entry-key').fill('api-key');
  await page.getByTestId('entry-row').nth(0).getByTestId('entry-value').fill(TEXT);
  await page.getByTestId('seal-for-git').click();
  await page.getByTestId('field-error').first().waitFor();
  assert.equal(await page.getByTestId('seal-panel').count(), 0);
  await page.getByTestId('secret-name').fill('from-form');
  await page.getByTestId('seal-for-git').click();
  await page.getByTestId('seal-panel').waitFor();
  assert.equal(await page.getByTestId('field-error').count(), 0);

  // Paste: an EC certificate is refused, an expired one warned about, the controller's used and pinned.
  await page.getByTestId('seal-from-paste').check();
  await page.getByTestId('seal-cert-text').fill(fs.readFileSync(path.join(fixtures, 'ec.crt'), 'utf8'));
  await page.getByTestId('seal-use-pasted').click();
  assert.match(await page.getByTestId('seal-cert-error').textContent(), /EC P-256 key; Sealed Secrets seals only to RSA keys/);
  assert.equal(await page.getByTestId('seal-run').isDisabled(), true);
  await page.getByTestId('seal-cert-text').fill(fs.readFileSync(path.join(fixtures, 'expired.crt'), 'utf8'));
  await page.getByTestId('seal-use-pasted').click();
  await page.getByTestId('seal-cert-expired').waitFor();
  await page.getByTestId('seal-cert-text').fill(certPem);
  await page.getByTestId('seal-use-pasted').click();
  assert.equal(await page.getByTestId('seal-cert-expired').count(), 0);
  assert.equal(await page.getByTestId('seal-cert-fingerprint').textContent(), fingerprint(certPem));
  await page.getByTestId('seal-pin').click();
  assert.match(await page.getByTestId('seal-pin-note').textContent(), /your pinned certificate/);
  const formManifest = await asJson(await sealIn(page, 'namespace-wide'));
  assert.equal((await cluster.kubectl(['get', 'secret', 'from-form', '-n', ns])).ok, false, 'sealing created no Secret');
  assert.deepEqual(writes, [], 'sealing wrote nothing');
  await applySealed(formManifest);
  assertSameBytes((await waitUnsealed('from-form', ns))['api-key'], Buffer.from(TEXT), 'from the form');

  // An import: the pinned certificate is used without asking the cluster;
  // one bad document stops the whole stream, with its name.
  page.on('dialog', (d) => d.accept()); // "leave the form with changes?"
  await page.getByTestId('editor-cancel').click();
  await page.getByTestId('import-open').click();
  const doc = (name, data) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: ${Buffer.from(v).toString('base64')}`).join('\n')}\n`;
  await page.getByTestId('import-text').fill(`${doc('imported-a', { bin: BINARY })}---\n${doc('Bad_Name', { k: 'v' })}`);
  await page.getByTestId('import-seal').click();
  assert.match(await page.getByTestId('import-error').textContent(), /Nothing sealed\. document 2 \(Bad_Name\)/);
  assert.equal(await page.getByTestId('seal-panel').count(), 0);
  await page.getByTestId('import-text').fill(`${doc('imported-a', { bin: BINARY })}---\n${doc('imported-b', { text: TEXT })}`);
  await page.getByTestId('import-seal').click();
  await page.getByTestId('seal-panel').waitFor();
  assert.equal(await page.getByTestId('seal-item').count(), 2);
  assert.match(await page.getByTestId('seal-pin-note').textContent(), /your pinned certificate/);
  const stream = await sealIn(page, 'strict');
  assert.equal(stream.split(/^---$/m).length, 2, 'one SealedSecret per document');
  for (const n of ['imported-a', 'imported-b']) {
    assert.equal((await cluster.kubectl(['get', 'secret', n, '-n', ns])).ok, false, `${n} was not imported`);
  }
  assert.deepEqual(writes, [], 'sealing an import wrote nothing');
  await kubectl(['apply', '--server-side', '-n', ns, '-f', '-'], stream);
  assertSameBytes((await waitUnsealed('imported-a', ns)).bin, BINARY, 'imported-a');
  assertSameBytes((await waitUnsealed('imported-b', ns)).text, Buffer.from(TEXT), 'imported-b');

  // The pin holds the public certificate only.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(stored.includes('BEGIN CERTIFICATE') && !stored.includes(TEXT));
  assert.ok(!stored.includes(state.proxyPrefix), 'no proxy prefix in storage');
  assert.deepEqual(page.consoleMessages.filter((m) => m.startsWith('error') || m.startsWith('pageerror')), []);
  await page.close();
});
