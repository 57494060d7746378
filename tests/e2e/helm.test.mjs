// Helm release records against the real helm (built from its Go module):
// a chart of our own installed and upgraded twice leaves three records
// (sh.helm.release.v1.demo.v1..v3). The list leaves them out on the server
// unless asked; opening one decodes it to what `helm history` and
// `helm get values --revision N` print; a broken record says why and crashes
// nothing. Values are compared as digests and never printed.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { freshNamespace, keyRow, row, uiUrl, waitConnected } from './support/app.mjs';
import { demoChart, helmFor } from './support/helm.mjs';

const { state, cluster } = attachCluster();
const helm = helmFor(state.adminKubeconfig);
const RELEASE = 'demo';
const records = [1, 2, 3].map((n) => `sh.helm.release.v1.${RELEASE}.v${n}`);
const rendered = `${RELEASE}-credentials`;
const HIDE = 'type!=helm.sh/release.v1';
// One password per revision, random so that a leak would be recognisable.
const passwords = [1, 2, 3].map(() => crypto.randomBytes(12).toString('hex'));
const namespaces = [];
let ns;
let browser;

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'helm');
  namespaces.push(ns);
  await helm.run(['install', RELEASE, demoChart, '-n', ns, '--set', `password=${passwords[0]}`]);
  await helm.run(['upgrade', RELEASE, demoChart, '-n', ns, '--set', `password=${passwords[1]}`, '--set', 'username=alice']);
  await helm.run(['upgrade', RELEASE, demoChart, '-n', ns, '--set', `password=${passwords[2]}`, '--set', 'username=bob', '--set', 'replicas=3']);
});
after(async () => {
  await browser?.close();
  helm.cleanup();
  for (const n of namespaces) await cluster.kubectl(['delete', 'namespace', n, '--wait=false']);
});

const digest = (value) => crypto.createHash('sha256').update(canonical(value)).digest('hex');
const canonical = (v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`
  : Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : JSON.stringify(v));

async function clusterSecrets(namespace) {
  const r = await cluster.kubectl(['get', 'secrets', '-n', namespace, '-o', 'json']);
  if (!r.ok) throw new Error(r.stderr);
  return JSON.parse(r.stdout).items.map((s) => ({ name: s.metadata.name, type: s.type }));
}

// Every list and watch request the page sends for `namespace`'s secrets,
// with the bytes of each finished list answer.
function recordLists(page, namespace) {
  const seen = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith(`/namespaces/${namespace}/secrets`)) seen.push({ url, body: null });
  });
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (!url.pathname.endsWith(`/namespaces/${namespace}/secrets`) || url.searchParams.has('watch')) return;
    const entry = seen.find((s) => s.url.href === url.href && s.body === null);
    if (entry) entry.body = await res.body().catch(() => Buffer.alloc(0));
  });
  return seen;
}

const until = async (check, what, ms = 15000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test('helm wrote three release records and one chart-rendered secret', async () => {
  const secrets = await clusterSecrets(ns);
  assert.deepEqual(secrets.map((s) => s.name).sort(), [rendered, ...records].sort());
  for (const s of secrets) assert.equal(s.type, s.name === rendered ? 'Opaque' : 'helm.sh/release.v1');
  const history = JSON.parse(await helm.run(['history', RELEASE, '-n', ns, '-o', 'json']));
  assert.deepEqual(history.map((h) => h.revision), [1, 2, 3]);
});

test('the list leaves release records out on the server, and shows them when asked', async () => {
  const page = await openPage(browser.context);
  const lists = recordLists(page, ns);
  await page.goto(uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  await row(page, rendered).waitFor();
  const toggle = page.getByTestId('show-helm-records');
  assert.equal(await toggle.isChecked(), false, 'off by default');
  // The list and its watch both carry the field selector.
  await until(() => lists.some((l) => l.url.searchParams.has('watch')), 'the watch to open');
  assert.ok(lists.length >= 2);
  for (const { url } of lists) assert.equal(url.searchParams.get('fieldSelector'), HIDE, url.search);
  await until(() => lists.filter((l) => !l.url.searchParams.has('watch')).every((l) => l.body), 'list answers');
  for (const { body } of lists.filter((l) => !l.url.searchParams.has('watch'))) {
    assert.ok(!body.includes('sh.helm.release.v1'), 'no release record crossed the wire');
  }
  for (const name of records) assert.equal(await row(page, name).count(), 0, `${name} hidden`);
  assert.equal(await page.getByTestId('list-count').textContent(), '1 secrets');
  await screenshot(page, 'helm-list-hidden');

  // Shown: asked for without the selector; the state is in the URL.
  const before = lists.length;
  await toggle.check();
  await page.waitForURL(/[?&]helm=1(&|$)/);
  for (const name of [rendered, ...records]) await row(page, name).waitFor();
  assert.equal(await page.getByTestId('list-count').textContent(), '4 secrets');
  await until(() => lists.slice(before).some((l) => l.url.searchParams.has('watch')), 'the new watch');
  for (const { url } of lists.slice(before)) assert.equal(url.searchParams.get('fieldSelector'), null, url.search);
  await screenshot(page, 'helm-list-shown');

  // A bookmark keeps it; unchecking hides them again.
  await page.reload();
  await waitConnected(page);
  for (const name of [rendered, ...records]) await row(page, name).waitFor();
  assert.equal(await toggle.isChecked(), true);
  await toggle.uncheck();
  await until(async () => (await row(page, records[0]).count()) === 0, 'records to leave the list');
  await row(page, rendered).waitFor();
  assert.ok(!new URL(page.url()).searchParams.has('helm'));

  // Live: the watch leaves out a record written meanwhile, not a plain secret.
  const write = async (name, type) => {
    const manifest = { apiVersion: 'v1', kind: 'Secret', type, metadata: { name, namespace: ns }, data: { k: 'dg==' } };
    const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(manifest) });
    if (!r.ok) throw new Error(r.stderr);
  };
  await write('sh.helm.release.v1.live.v1', 'helm.sh/release.v1');
  await write('live-plain', 'Opaque');
  await row(page, 'live-plain').waitFor();
  assert.equal(await row(page, 'sh.helm.release.v1.live.v1').count(), 0, 'a new record stays out');
  await cluster.kubectl(['delete', 'secret', 'sh.helm.release.v1.live.v1', 'live-plain', '-n', ns]);
  await until(async () => (await row(page, 'live-plain').count()) === 0, 'live-plain to go');
  assert.deepEqual(page.consoleMessages.filter((m) => /^(error|pageerror)/.test(m)), []);
  await page.close();
});

test('each release record decodes to what helm history and helm get values print', async () => {
  const history = JSON.parse(await helm.run(['history', RELEASE, '-n', ns, '-o', 'json']));
  const page = await openPage(browser.context);
  for (const h of history) {
    const n = h.revision;
    await page.goto(uiUrl(state.uiUrl, { ns, secret: records[n - 1] }));
    const view = page.getByTestId('helm-release-view');
    await view.waitFor();
    const fact = async (id) => (await page.getByTestId(id).textContent()).trim();
    assert.equal(await fact('helm-release-name'), RELEASE);
    assert.equal(await fact('helm-release-namespace'), ns);
    assert.equal(Number(await fact('helm-revision')), n);
    assert.equal(await fact('helm-status'), h.status, `status of revision ${n}`);
    assert.equal(`${await fact('helm-chart')}-${await fact('helm-chart-version')}`, h.chart);
    assert.equal(await fact('helm-app-version'), h.app_version);
    assert.equal(Date.parse(await fact('helm-last-deployed')), Date.parse(h.updated), `last deployed of ${n}`);
    assert.ok(!Number.isNaN(Date.parse(await fact('helm-first-deployed'))));

    // Masked until revealed: no password of any revision is on the page.
    const masked = await page.content();
    assert.equal(await page.getByTestId('helm-values').count(), 0);
    assert.ok(passwords.every((p) => !masked.includes(p)), `revision ${n}'s page holds no value while masked`);
    if (n === 3) await screenshot(page, 'helm-release-record');

    await page.getByTestId('reveal-helm-values').click();
    const shown = JSON.parse(await page.getByTestId('helm-values').textContent());
    const expected = JSON.parse(await helm.run(['get', 'values', RELEASE, '-n', ns, '--revision', String(n), '-o', 'json']));
    assert.equal(digest(shown), digest(expected), `values of revision ${n} (sha256 of canonical JSON)`);
    assert.equal(shown.password === passwords[n - 1], true, `revision ${n} holds its own password`);
    // The raw key is still there, masked like any other.
    await keyRow(page, 'release').waitFor();
  }
  // The record is Helm's: Edit first says what an edit would break.
  assert.equal(await page.getByTestId('manager').getAttribute('data-manager'), 'Helm release record');
  await page.getByTestId('edit').click();
  assert.match(await page.getByTestId('managed-warning').textContent(),
    new RegExp(`Helm's record of release ${RELEASE} revision 3.*helm rollback`));
  // The chart-rendered secret is flagged as Helm's, with its release.
  await page.goto(uiUrl(state.uiUrl, { ns, secret: rendered }));
  const manager = page.getByTestId('manager');
  await manager.waitFor();
  assert.equal(await manager.getAttribute('data-manager'), 'Helm');
  assert.match(await manager.textContent(), new RegExp(`release ${ns}/${RELEASE}`));
  await page.getByTestId('edit').click();
  assert.match(await page.getByTestId('managed-warning').textContent(), /next helm upgrade overwrites your change/);
  const revisions = history.map((h) => h.status);
  assert.deepEqual(revisions, ['superseded', 'superseded', 'deployed']);
  assert.deepEqual(page.consoleMessages.filter((m) => /^(error|pageerror)/.test(m)), []);
  assert.ok(page.consoleMessages.every((m) => passwords.every((p) => !m.includes(p))), 'no value in the console');
  await page.close();
});

test('a broken release record says why it cannot be decoded, and crashes nothing', async () => {
  const broken = await freshNamespace(cluster, 'helm-broken');
  namespaces.push(broken);
  const b64 = (bytes) => Buffer.from(bytes).toString('base64');
  // Kubernetes base64-encodes `data` once more: these are the key's bytes.
  const cases = {
    'sh.helm.release.v1.not-base64.v1': ['not base64 at all!', /not base64/],
    'sh.helm.release.v1.bad-gzip.v1': [b64(Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5, 6, 7])), /gzip stream .* corrupt/],
    'sh.helm.release.v1.not-json.v1': [b64('this is not json'), /neither gzip-compressed nor JSON/],
    'sh.helm.release.v1.no-key.v1': [null, /no "release" key/],
  };
  for (const [name, [value]] of Object.entries(cases)) {
    const manifest = {
      apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1',
      metadata: { name, namespace: broken },
      data: value === null ? { other: b64('x') } : { release: b64(value) },
    };
    const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(manifest) });
    if (!r.ok) throw new Error(r.stderr);
  }
  const page = await openPage(browser.context);
  for (const [name, [value, why]] of Object.entries(cases)) {
    await page.goto(uiUrl(state.uiUrl, { ns: broken, secret: name }));
    const error = page.getByTestId('helm-release-error');
    await error.waitFor();
    const text = await error.textContent();
    assert.match(text, /Cannot decode this release record/);
    assert.match(text, why, name);
    await keyRow(page, value === null ? 'other' : 'release').waitFor();
    assert.equal(await page.getByTestId('helm-release-view').count(), 0);
    if (name.includes('bad-gzip')) await screenshot(page, 'helm-release-broken');
  }
  assert.equal(await page.locator('.crash-panel').count(), 0);
  assert.deepEqual(page.consoleMessages.filter((m) => /^(error|pageerror)/.test(m)), []);
  await page.close();
});
