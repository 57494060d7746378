// Import: pasted or uploaded manifests become Secrets after a review (the
// form's checks and a server-side dry run) and the user's confirmation.
// Everything else is refused by document, nothing refused is written, and the
// page never shows a value. The cluster is checked with kubectl afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { clusterValues, freshNamespace, kubectlJson, uiUrl, waitConnected } from './support/app.mjs';
import { assertSameBytes } from './support/values.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;
let otherNs;

const b64 = (s) => Buffer.from(s).toString('base64');
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUe3ZqTm90QUNlcnQ=\n-----END CERTIFICATE-----\n';
const INI = '[db]\nhost = db.local\n  indented: yes\n';
const PASSWORD = 'p@ss: w0rd #1';

const TWO_SECRETS_AND_A_CONFIGMAP = `apiVersion: v1
kind: Secret
metadata:
  name: imported-data
data:
  user: ${b64('admin')}
  cert.pem: ${b64(PEM)}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  mode: production
---
apiVersion: v1
kind: Secret
metadata:
  name: imported-strings
type: Opaque
stringData:
  config.ini: |
    [db]
    host = db.local
      indented: yes
  password: "${PASSWORD}"
`;

async function openImport() {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('secret-import').waitFor();
  return page;
}

async function paste(page, text) {
  await page.getByLabel('Manifest (YAML or JSON)').fill(text);
}

async function check(page) {
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByTestId('import-review').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=import-check]')?.disabled);
}

const entry = (page, label) => page.getByRole('listitem', { name: label, exact: true });
const statusOf = (page, label) => entry(page, label).getByTestId('import-status').textContent();

async function secretNames(namespace) {
  const list = await kubectlJson(cluster, ['get', 'secrets', '-n', namespace]);
  return list.items.map((s) => s.metadata.name).sort();
}

// Every value the import saw, which must never be on the page (the text box
// the user pasted into aside).
function assertNoValueShown(text, values) {
  for (const v of values) assert.ok(!text.includes(v), `a value of ${v.length} characters is shown`);
}
const reviewText = (page) => page.getByTestId('import-review').textContent();

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'import');
  otherNs = await freshNamespace(cluster, 'import-other');
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, otherNs, '--wait=false']);
});

test('two pasted secrets are reviewed, a ConfigMap among them refused by name, then created byte for byte', async () => {
  const page = await openImport();
  await paste(page, TWO_SECRETS_AND_A_CONFIGMAP);
  await check(page);

  assert.equal(await statusOf(page, 'document 2: app-config'),
    'Refused: document 2 (app-config) is a ConfigMap (v1): Keyhole imports only v1 Secrets.');
  assert.equal(await statusOf(page, 'document 1: imported-data'), 'Dry run passed: will be created.');
  assert.equal(await statusOf(page, 'document 3: imported-strings'), 'Dry run passed: will be created.');
  assert.match(await entry(page, 'document 3: imported-strings').getByTestId('import-keys').textContent(),
    /^Keys: config\.ini ••••• \(\d+ bytes\), password ••••• \(13 bytes\)$/);
  assert.match(await entry(page, 'document 1: imported-data').textContent(), new RegExp(`Namespace ${ns}`));
  assertNoValueShown(await reviewText(page), [PEM.slice(0, 40), b64(PEM).slice(0, 20), 'admin', PASSWORD, 'db.local', 'production']);
  // The dry run wrote nothing.
  assert.deepEqual(await secretNames(ns), []);
  await screenshot(page, 'import-review');

  const confirm = page.getByRole('button', { name: 'Import 2 secrets' });
  await confirm.click();
  await page.getByTestId('import-summary').waitFor();
  assert.equal(await page.getByTestId('import-summary').textContent(), 'Created 2, updated 0; 1 not written.');
  assert.equal(await statusOf(page, 'document 1: imported-data'), 'Created.');
  assert.equal(await statusOf(page, 'document 3: imported-strings'), 'Created.');

  assert.deepEqual(await secretNames(ns), ['imported-data', 'imported-strings']);
  const data = await clusterValues(cluster, ns, 'imported-data');
  assert.deepEqual(Object.keys(data).sort(), ['cert.pem', 'user']);
  assertSameBytes(data['cert.pem'], PEM, 'cert.pem');
  assertSameBytes(data.user, 'admin', 'user');
  const strings = await clusterValues(cluster, ns, 'imported-strings');
  assertSameBytes(strings['config.ini'], INI, 'config.ini');
  assertSameBytes(strings.password, PASSWORD, 'password');
  const configMaps = await cluster.kubectl(['get', 'configmap', 'app-config', '-n', ns]);
  assert.ok(!configMaps.ok, 'the refused ConfigMap was not written');
  assertNoValueShown(page.consoleMessages.join('\n'), [PASSWORD, b64(PEM).slice(0, 20), 'db.local']);
  await page.close();
});

test('importing an existing secret again offers an update that lists the changed keys', async () => {
  const before = await kubectlJson(cluster, ['get', 'secret', 'imported-strings', '-n', ns]);
  const page = await openImport();
  await paste(page, `apiVersion: v1
kind: Secret
metadata:
  name: imported-strings
stringData:
  password: "new ${PASSWORD}"
  extra: added
`);
  await check(page);
  const label = 'document 1: imported-strings';
  assert.equal(await statusOf(page, label), 'Exists already: update it?');
  assert.equal(await entry(page, label).getByTestId('import-changes').textContent(),
    'Changed keys: + extra (new); password: value changed; - config.ini (removed)');
  assertNoValueShown(await reviewText(page), [PASSWORD, 'added']);

  // Not confirmed, nothing to import.
  const confirm = page.getByTestId('import-confirm');
  assert.ok(await confirm.isDisabled());
  await entry(page, label).getByRole('checkbox', { name: /Replace the existing imported-strings/ }).check();
  await page.getByRole('button', { name: 'Import 1 secret' }).click();
  await page.getByTestId('import-summary').waitFor();
  assert.equal(await statusOf(page, label), 'Updated.');

  const after = await kubectlJson(cluster, ['get', 'secret', 'imported-strings', '-n', ns]);
  assert.notEqual(after.metadata.resourceVersion, before.metadata.resourceVersion);
  assert.equal(after.metadata.uid, before.metadata.uid, 'replaced in place, not recreated');
  const values = await clusterValues(cluster, ns, 'imported-strings');
  assert.deepEqual(Object.keys(values).sort(), ['extra', 'password']);
  assertSameBytes(values.password, `new ${PASSWORD}`, 'password');
  await page.close();
});

test('an uploaded JSON List is imported, and a namespace the document names is shown plainly', async () => {
  const list = {
    apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'from-list' }, type: 'kubernetes.io/basic-auth',
        data: { username: b64('svc'), password: b64('list-pass\n') } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'elsewhere', namespace: otherNs },
        stringData: { token: 'elsewhere-token' } },
    ],
  };
  const page = await openImport();
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'secrets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(list, null, 2)),
  });
  await page.getByTestId('import-file').waitFor();
  assert.match(await page.getByTestId('import-file').textContent(), /^File: secrets\.json \(\d+ bytes\); its content is not shown\./);
  await check(page);
  assert.equal(await statusOf(page, 'document 1, item 1: from-list'), 'Dry run passed: will be created.');
  const other = entry(page, 'document 1, item 2: elsewhere');
  assert.equal(await other.getByTestId('import-other-namespace').textContent(),
    `Namespace ${otherNs}: named by the document, not the namespace you are browsing (${ns}).`);
  assertNoValueShown(await page.getByTestId('secret-import').textContent(), ['list-pass', 'elsewhere-token', b64('svc')]);
  await page.getByRole('button', { name: 'Import 2 secrets' }).click();
  await page.getByTestId('import-summary').waitFor();

  const basic = await kubectlJson(cluster, ['get', 'secret', 'from-list', '-n', ns]);
  assert.equal(basic.type, 'kubernetes.io/basic-auth');
  assertSameBytes(Buffer.from(basic.data.password, 'base64'), 'list-pass\n', 'password');
  const elsewhere = await clusterValues(cluster, otherNs, 'elsewhere');
  assertSameBytes(elsewhere.token, 'elsewhere-token', 'token');
  assert.ok(!(await secretNames(ns)).includes('elsewhere'), 'written only to the namespace it names');
  await page.close();
});

test('broken YAML names its line, and refused documents write nothing', async () => {
  const page = await openImport();
  await paste(page, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\n bad: indent: here\n');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const error = page.getByTestId('import-error');
  await page.waitForFunction(() => document.querySelector('[data-testid=import-error]')?.textContent !== '');
  assert.match(await error.textContent(), /^The manifest does not parse: line 5, column \d+: /);
  assert.equal(await page.getByLabel('Manifest (YAML or JSON)').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('import-review').count(), 0);

  await paste(page, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
apiVersion: v1
kind: Secret
metadata:
  name: bad-base64
data:
  good: ${b64('fine')}
  token: "not base64!"
---
apiVersion: v1
kind: Secret
metadata:
  name: Bad_Name
stringData:
  k: v
---
apiVersion: v1
kind: Secret
metadata:
  name: bad-type
type: kubernetes.io/basic-auth
stringData:
  other: x
`);
  assert.equal(await error.textContent(), '', 'a new input clears the old error');
  await check(page);
  assert.equal(await statusOf(page, 'document 1: web'),
    'Refused: document 1 (web) is a Deployment (apps/v1): Keyhole imports only v1 Secrets.');
  assert.equal(await entry(page, 'document 2: bad-base64').getByTestId('import-errors').textContent(),
    'data key "token" is not valid base64');
  assert.match(await entry(page, 'document 3: Bad_Name').getByTestId('import-errors').textContent(), /^name: /);
  assert.equal(await statusOf(page, 'document 4: bad-type'), 'Not importable: fix these in the manifest.');
  assert.ok(await page.getByTestId('import-confirm').isDisabled(), 'nothing to import');
  await screenshot(page, 'import-refused');
  const names = await secretNames(ns);
  for (const name of ['web', 'bad-base64', 'bad-type']) assert.ok(!names.includes(name), `${name} was not written`);
  const deployments = await kubectlJson(cluster, ['get', 'deployments', '-n', ns]);
  assert.equal(deployments.items.length, 0);
  await page.close();
});
