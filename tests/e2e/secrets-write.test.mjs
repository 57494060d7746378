// Writing secrets through the UI: create (text, file, .env, labels,
// immutable), validation that writes nothing, rotate and edit with conflict
// handling, immutable secrets, and delete. The cluster's copy is checked
// byte for byte with kubectl after each write.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { applySecret, chooseNamespace, clusterValues, freshNamespace, kubectlJson, namespaceBox, openSecret, uiUrl, waitConnected } from './support/app.mjs';
import { assertSameBytes } from './support/values.mjs';
import { SAMPLE } from '../../harness/sample-data.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-write-'));

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'write');
});
after(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

async function secretExists(name) {
  return (await cluster.kubectl(['get', 'secret', name, '-n', ns])).ok;
}

const entry = (page, i) => page.getByTestId('entry-row').nth(i);

async function startCreate(page) {
  await page.goto(uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  await page.getByTestId('new-secret').click();
  await page.getByTestId('secret-editor').waitFor();
}

test('create an Opaque secret from typed text, a binary file and a .env file', async () => {
  const binary = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
  fs.writeFileSync(path.join(tmp, 'key.bin'), binary);
  fs.writeFileSync(path.join(tmp, 'app.env'), '# comment\nAPI_URL=https://api.example.com\nQUOTED="kept as is"\n');
  const page = await openPage(browser.context);
  await startCreate(page);
  await page.getByTestId('secret-name').fill('app-config');
  await entry(page, 0).getByTestId('entry-key').fill('password');
  // A typed value is masked like a password; a multi-line one is typed once shown.
  assert.equal(await entry(page, 0).getByTestId('entry-value').getAttribute('type'), 'password');
  await entry(page, 0).getByTestId('value-toggle').click();
  await entry(page, 0).getByTestId('entry-value').fill('créé-pass\nline2');
  await page.getByTestId('add-entry').click();
  await entry(page, 1).getByTestId('entry-key').fill('key.bin');
  await entry(page, 1).getByTestId('entry-mode').selectOption('file');
  assert.equal(await entry(page, 1).getByTestId('file-chosen').textContent(), 'No file chosen yet');
  await entry(page, 1).getByTestId('entry-file').setInputFiles(path.join(tmp, 'key.bin'));
  // One truthful label: the chosen file, and the browser's own "No file chosen" hidden.
  await entry(page, 1).locator('[data-testid=file-chosen]', { hasText: 'key.bin (6 B)' }).waitFor();
  assert.equal(await entry(page, 1).getByText('Choose another file').isVisible(), true);
  assert.equal(await entry(page, 1).getByTestId('entry-file').evaluate((el) => el.getBoundingClientRect().width <= 1), true);
  await page.getByTestId('env-file').setInputFiles(path.join(tmp, 'app.env'));
  await page.getByTestId('entry-row').nth(3).waitFor();
  await page.getByTestId('labels-editor').getByRole('button', { name: /Add label/ }).click();
  await page.getByLabel('Labels key').fill('app');
  await page.getByLabel('Labels value').fill('web');
  await page.getByTestId('review').click();
  await page.getByTestId('preview').waitFor();
  const preview = await page.getByTestId('preview').textContent();
  assert.ok(!preview.includes('créé-pass') && !preview.includes(Buffer.from('créé-pass\nline2').toString('base64')),
    'preview masks values');
  assert.match(preview, /\n\s+app: web\n/, "the preview is YAML");
  assert.equal(await secretExists('app-config'), false, 'the dry run wrote nothing');
  await screenshot(page, 'create-preview');
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('secret-detail').waitFor();

  const values = await clusterValues(cluster, ns, 'app-config');
  assert.deepEqual(Object.keys(values).sort(), ['API_URL', 'QUOTED', 'key.bin', 'password']);
  // The cluster records who wrote it: Keyhole's writes carry fieldManager=keyhole.
  const stored = await kubectlJson(cluster, ['get', 'secret', 'app-config', '-n', ns, '--show-managed-fields']);
  assert.deepEqual(stored.metadata.managedFields.map((f) => f.manager), ['keyhole']);
  assertSameBytes(values.password, 'créé-pass\nline2', 'password');
  assertSameBytes(values['key.bin'], binary, 'key.bin');
  assertSameBytes(values.API_URL, 'https://api.example.com', 'API_URL');
  assertSameBytes(values.QUOTED, '"kept as is"', 'QUOTED');
  const secret = await kubectlJson(cluster, ['get', 'secret', 'app-config', '-n', ns]);
  assert.deepEqual(secret.metadata.labels, { app: 'web' });
  assert.equal(secret.type, 'Opaque');
  await page.close();
});

test('bad input gets a message next to its field and writes nothing', async () => {
  const page = await openPage(browser.context);
  await startCreate(page);
  await page.getByTestId('secret-name').fill('Bad_Name');
  await entry(page, 0).getByTestId('entry-key').fill('has space');
  await entry(page, 0).getByTestId('entry-value').fill('v');
  await page.getByTestId('add-entry').click();
  await entry(page, 1).getByTestId('entry-key').fill('dup');
  await entry(page, 1).getByTestId('entry-value').fill('1');
  await page.getByTestId('add-entry').click();
  await entry(page, 2).getByTestId('entry-key').fill('dup');
  await entry(page, 2).getByTestId('entry-mode').selectOption('base64');
  await entry(page, 2).getByTestId('entry-value-base64').fill('not*base64');
  await page.getByTestId('review').click();
  const errors = await page.getByTestId('field-error').allTextContents();
  assert.ok(errors.some((e) => /RFC 1123/.test(e)), `name error in ${errors}`);
  assert.ok(errors.some((e) => /config key|consist of/i.test(e)), 'key error');
  assert.ok(errors.some((e) => /dup/.test(e) && /duplicate|already|twice/i.test(e)), 'duplicate key error');
  assert.ok(errors.some((e) => /base64/i.test(e)), 'base64 error');
  assert.equal(await page.getByTestId('preview').count(), 0);
  // Nothing typed is lost.
  assert.equal(await page.getByTestId('secret-name').inputValue(), 'Bad_Name');
  assert.equal(await entry(page, 0).getByTestId('entry-value').inputValue(), 'v');
  await screenshot(page, 'create-validation');
  const listed = await kubectlJson(cluster, ['get', 'secrets', '-n', ns]);
  assert.ok(!listed.items.some((s) => s.metadata.name.toLowerCase() === 'bad_name'));
  await page.close();
});

test('a name that already exists is refused by the server and shown at the name', async () => {
  await applySecret(cluster, ns, 'taken', { a: 'original' });
  const page = await openPage(browser.context);
  await startCreate(page);
  await page.getByTestId('secret-name').fill('taken');
  await entry(page, 0).getByTestId('entry-key').fill('a');
  await entry(page, 0).getByTestId('entry-value').fill('replacement');
  await page.getByTestId('review').click();
  await page.getByText(/a secret named taken already exists/).waitFor();
  assertSameBytes((await clusterValues(cluster, ns, 'taken')).a, 'original', 'existing secret untouched');
  await page.close();
});

test('rotate and edit: change, rename, add and remove keys, with the changes listed first', async () => {
  await applySecret(cluster, ns, 'rotate-me', { username: 'admin', password: 'old-pass', obsolete: 'x' });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'rotate-me' }));
  await page.getByTestId('edit').click();
  await page.getByTestId('secret-editor').waitFor();
  // Rows in key order: obsolete, password, username.
  await entry(page, 1).getByTestId('entry-mode').selectOption('text');
  await entry(page, 1).getByTestId('entry-value').fill('new-rotated-pass');
  await entry(page, 2).getByTestId('entry-key').fill('user');
  await entry(page, 0).getByTestId('entry-remove').click();
  await page.getByTestId('add-entry').click();
  await entry(page, 2).getByTestId('entry-key').fill('api-token');
  await entry(page, 2).getByTestId('entry-value').fill('tok');
  await page.getByTestId('review').click();
  const changes = await page.getByTestId('key-changes').textContent();
  assert.match(changes, /password/);
  assert.match(changes, /username/);
  assert.match(changes, /obsolete/);
  assert.match(changes, /api-token/);
  assert.ok(!changes.includes('new-rotated-pass') && !changes.includes('old-pass'), 'changes name keys, never values');
  await screenshot(page, 'edit-preview');
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('edit').waitFor();
  const values = await clusterValues(cluster, ns, 'rotate-me');
  assert.deepEqual(Object.keys(values).sort(), ['api-token', 'password', 'user']);
  assertSameBytes(values.password, 'new-rotated-pass', 'password');
  assertSameBytes(values.user, 'admin', 'renamed key keeps its value');
  await page.close();
});

test('a concurrent change is a conflict: nothing is overwritten, nothing typed is lost, re-apply works', async () => {
  await applySecret(cluster, ns, 'contested', { password: 'v1', other: 'o1' });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'contested' }));
  await page.getByTestId('edit').click();
  await entry(page, 1).getByTestId('entry-mode').selectOption('text');
  await entry(page, 1).getByTestId('entry-value').fill('from-the-ui');
  // Meanwhile someone else rotates `other` and adds a key.
  const patched = await cluster.kubectl(['patch', 'secret', 'contested', '-n', ns, '--type=merge', '-p',
    JSON.stringify({ data: { other: Buffer.from('o2').toString('base64'), added: Buffer.from('a').toString('base64') } })]);
  assert.ok(patched.ok, patched.stderr);
  await page.getByTestId('review').click();
  await page.getByTestId('conflict').waitFor();
  assertSameBytes((await clusterValues(cluster, ns, 'contested')).password, 'v1', 'not overwritten');
  assert.equal(await entry(page, 1).getByTestId('entry-value').inputValue(), 'from-the-ui', 'typed value kept');
  await screenshot(page, 'edit-conflict');
  await page.getByTestId('reapply').click();
  await page.getByTestId('conflict').waitFor({ state: 'detached' });
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('edit').waitFor();
  const values = await clusterValues(cluster, ns, 'contested');
  assertSameBytes(values.password, 'from-the-ui', 'our change');
  assertSameBytes(values.other, 'o2', 'their change kept');
  assertSameBytes(values.added, 'a', 'their new key kept');
  await page.close();
});

test('immutable secrets cannot be edited, say why, and can be copied to a new secret', async () => {
  await applySecret(cluster, ns, 'frozen', { k: 'frozen-value' }, { immutable: true });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'frozen' }));
  await page.getByTestId('immutable-note').waitFor();
  assert.equal(await page.getByTestId('edit').isDisabled(), true);
  await page.getByTestId('copy-to-new').click();
  assert.equal(await page.getByTestId('secret-name').inputValue(), 'frozen-copy');
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('detail-name').getByText('frozen-copy').waitFor();
  assertSameBytes((await clusterValues(cluster, ns, 'frozen-copy')).k, 'frozen-value', 'copied value');
  await page.close();
});

test('delete needs the name typed, then the secret is gone', async () => {
  await applySecret(cluster, ns, 'doomed', { k: 'v' });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'doomed' }));
  await page.getByTestId('delete').click();
  assert.equal(await page.getByTestId('delete-submit').isDisabled(), true);
  await page.getByTestId('delete-confirm').fill('doome');
  assert.equal(await page.getByTestId('delete-submit').isDisabled(), true);
  await page.getByTestId('delete-confirm').fill('doomed');
  await page.getByTestId('delete-submit').click();
  await page.getByTestId('toasts').getByText('Deleted doomed').waitFor();
  assert.equal(await secretExists('doomed'), false);
  await page.close();
});

test('cancelling delete or edit keeps the page as it was: nothing is read again', async () => {
  await applySecret(cluster, ns, 'steady', { k: 'steady-value' });
  const page = await openPage(browser.context);
  const reads = [];
  page.on('request', (req) => {
    if (req.method() === 'GET' && !new URL(req.url()).pathname.includes('/ui/')) reads.push(new URL(req.url()).pathname);
  });
  await page.goto(uiUrl(state.uiUrl, { ns, secret: 'steady' }));
  await page.getByTestId('used-by-none').waitFor();
  await page.getByTestId('who-can').waitFor();
  await page.waitForTimeout(300);
  // The lists "used by" and "who can access" read: every kind, namespaced or not.
  const LISTS = /\/(pods|replicasets|deployments|statefulsets|daemonsets|jobs|cronjobs|serviceaccounts|ingresses|roles|rolebindings|clusterroles|clusterrolebindings)$/;
  const listsRead = () => reads.filter((p) => LISTS.test(p)).length;
  const listsBefore = listsRead();
  assert.equal(listsBefore, 14, 'the page read its lists: nine kinds of users, four RBAC kinds, service accounts');

  await page.getByTestId('delete').click();
  await page.getByTestId('delete-confirm').fill('stea');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('delete-confirm').waitFor({ state: 'detached' });
  await page.getByTestId('edit').click();
  await page.getByTestId('secret-editor').waitFor();
  await page.getByRole('button', { name: '← Cancel' }).click();
  await page.getByTestId('secret-editor').waitFor({ state: 'detached' });
  await page.getByTestId('used-by-none').waitFor();
  await page.waitForTimeout(300);
  assert.equal(listsRead(), listsBefore, 'no list was read again');
  assert.ok(await secretExists('steady'), 'still there');
  await page.close();
});

// A copy of the guide's db-credentials in this test's namespace, read from the cluster.
async function copyOfDbCredentials(name) {
  const original = await clusterValues(cluster, SAMPLE.namespace, 'db-credentials');
  await applySecret(cluster, ns, name, original);
  return original;
}

// Picks "Edit value" on the row whose key is `key`.
async function editInPlace(page, key) {
  const rows = page.getByTestId('entry-row');
  await rows.first().waitFor();
  const count = await rows.count();
  for (let i = 0; i < count; i += 1) {
    if (await rows.nth(i).getByTestId('entry-key').inputValue() === key) {
      await rows.nth(i).getByTestId('entry-mode').selectOption('edit');
      return rows.nth(i);
    }
  }
  throw new Error(`no row for key ${key}`);
}

test('edit one character of db-credentials\' connection-string in place: exactly those bytes change', async () => {
  const original = await copyOfDbCredentials('db-credentials');
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'db-credentials' }));
  await page.getByTestId('edit').click();
  const row = await editInPlace(page, 'connection-string');
  const field = row.getByTestId('entry-value');
  // The current value is there, masked until shown.
  assert.equal(await field.getAttribute('type'), 'password');
  assert.ok((await field.inputValue()) === original['connection-string'].toString(), 'the stored value is in the field');
  await row.getByTestId('value-toggle').click();
  assert.equal(await row.getByTestId('value-toggle').getAttribute('aria-pressed'), 'true');
  // Typed key by key: the field keeps focus while the value changes.
  await field.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('X');
  await screenshot(page, 'edit-in-place');
  await page.getByTestId('review').click();
  const changes = await page.getByTestId('key-changes').textContent();
  assert.match(changes, /connection-string/);
  assert.doesNotMatch(changes, /username|password/);
  const preview = await page.getByTestId('preview').textContent();
  assert.ok(!preview.includes('mydX') && !preview.includes('s3cr3t'), 'the preview masks values');
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('edit').waitFor();
  const after = await clusterValues(cluster, ns, 'db-credentials');
  const expected = Buffer.from(original['connection-string'].toString().slice(0, -1) + 'X');
  assertSameBytes(after['connection-string'], expected, 'connection-string');
  assertSameBytes(after.username, original.username, 'username untouched');
  assertSameBytes(after.password, original.password, 'password untouched');
  assert.deepEqual(Object.keys(after).sort(), Object.keys(original).sort());
  await page.close();
});

test('a multi-line value is edited in place with its line breaks; a binary value says why it cannot be', async () => {
  const config = 'listen: 0.0.0.0:8080\nlog: debug\n\tindented: yes\n';
  await applySecret(cluster, ns, 'app-files', { 'app.yaml': config, 'blob.bin': Buffer.from([0xff, 0x00, 0x9c]) });
  const page = await openPage(browser.context);
  // A controllable clock, to pass the detail page's 30-second re-mask while editing.
  await page.clock.install();
  await page.goto(uiUrl(state.uiUrl, { ns, secret: 'app-files' }));
  await page.getByTestId('reveal-all').click();
  await page.getByTestId('edit').click();
  const blob = page.getByTestId('entry-row').nth(1);
  assert.equal(await blob.getByTestId('entry-key').inputValue(), 'blob.bin');
  assert.match(await blob.getByTestId('binary-note').textContent(), /binary.*cannot be edited as text/);
  const options = await blob.getByTestId('entry-mode').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options, ['unchanged', 'base64', 'file'], 'no text editing of a binary value');

  const row = await editInPlace(page, 'app.yaml');
  // Hidden, a multi-line value shows its shape only.
  const masked = await row.getByTestId('entry-value-masked').textContent();
  assert.match(masked, /3 lines, hidden/);
  assert.ok(!masked.includes('listen'), 'nothing of the value shows while hidden');
  await row.getByTestId('value-toggle').click();
  const area = row.getByTestId('entry-value');
  assert.equal(await area.evaluate((el) => el.tagName), 'TEXTAREA');
  assert.equal(await area.inputValue(), config);
  await area.fill(config.replace('debug', 'info'));
  // The re-mask timer of the values revealed before Edit never touches what is being edited.
  await page.clock.fastForward('00:45');
  assert.equal(await row.getByTestId('entry-value').inputValue(), config.replace('debug', 'info'));
  assert.equal(await row.getByTestId('value-toggle').getAttribute('aria-pressed'), 'true');
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('edit').waitFor();
  const after = await clusterValues(cluster, ns, 'app-files');
  assertSameBytes(after['app.yaml'], config.replace('debug', 'info'), 'app.yaml, line breaks and tab kept');
  assertSameBytes(after['blob.bin'], Buffer.from([0xff, 0x00, 0x9c]), 'blob.bin untouched');
  await page.close();
});

test('typing a value is masked; pasting lines into the hidden field keeps them', async () => {
  const page = await openPage(browser.context);
  await startCreate(page);
  await page.getByTestId('secret-name').fill('pasted');
  await entry(page, 0).getByTestId('entry-key').fill('token');
  const field = entry(page, 0).getByTestId('entry-value');
  await field.click();
  await page.keyboard.type('abc');
  assert.equal(await field.getAttribute('type'), 'password');
  // A password field would drop the line breaks of a paste; the editor keeps them.
  await field.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text', '-----BEGIN-----\nline\n-----END-----');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await entry(page, 0).getByTestId('entry-value-masked').waitFor();
  await entry(page, 0).getByTestId('value-toggle').click();
  assert.equal(await entry(page, 0).getByTestId('entry-value').inputValue(), 'abc-----BEGIN-----\nline\n-----END-----');
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('secret-detail').waitFor();
  assertSameBytes((await clusterValues(cluster, ns, 'pasted')).token, 'abc-----BEGIN-----\nline\n-----END-----', 'token');
  await page.close();
});

test('leaving a form with unsaved changes asks first; staying keeps everything typed', async () => {
  await applySecret(cluster, ns, 'guarded', { k: 'stored-value' });
  const page = await openPage(browser.context);
  const dialogs = [];
  let answer = false;
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    if (answer) await d.accept(); else await d.dismiss();
  });
  await page.goto(uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  await openSecret(page, 'guarded');
  // No changes: Esc leaves the edit form without a question.
  await page.getByTestId('edit').click();
  await page.getByTestId('secret-editor').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('secret-editor').waitFor({ state: 'detached' });
  assert.equal(dialogs.length, 0);
  assert.equal(await page.getByTestId('detail-name').textContent(), 'guarded');

  // With a change, Esc asks; staying keeps the change.
  await page.getByTestId('edit').click();
  await entry(page, 0).getByTestId('entry-key').fill('renamed');
  await page.keyboard.press('Escape');
  assert.equal(dialogs.length, 1);
  assert.match(dialogs[0], /unsaved changes/);
  assert.equal(await entry(page, 0).getByTestId('entry-key').inputValue(), 'renamed');
  // The browser's back button asks too, and staying keeps the form and its URL.
  await page.goBack();
  await page.waitForFunction(() => /secret=guarded/.test(location.search));
  assert.equal(dialogs.length, 2);
  assert.equal(await entry(page, 0).getByTestId('entry-key').inputValue(), 'renamed');
  // Only the editor's header shows: no second one stacked above it.
  assert.equal(await page.locator('header.detail-head:visible').count(), 1);
  assert.equal(await page.getByRole('link', { name: '← All secrets' }).isVisible(), false);
  // Leaving for real: the typed change is discarded and nothing was written.
  answer = true;
  await page.getByTestId('editor-cancel').click();
  await page.getByTestId('secret-editor').waitFor({ state: 'detached' });
  assert.equal(dialogs.length, 3);
  assert.deepEqual(Object.keys(await clusterValues(cluster, ns, 'guarded')), ['k']);

  // The create form: switching namespace asks, and staying keeps the namespace.
  answer = false;
  await page.getByRole('link', { name: '← All secrets' }).click();
  await page.getByTestId('new-secret').click();
  await page.getByTestId('secret-name').fill('half-typed');
  await chooseNamespace(page, 'default');
  assert.equal(dialogs.length, 4);
  // The field shows the namespace still browsed, not the one refused.
  assert.equal(await namespaceBox(page).inputValue(), ns);
  assert.equal(await namespaceBox(page).getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('secret-name').inputValue(), 'half-typed');
  answer = true;
  await page.keyboard.press('Escape');
  await page.getByTestId('secret-editor').waitFor({ state: 'detached' });
  assert.equal(dialogs.length, 5);
  assert.equal(await secretExists('half-typed'), false);
  await page.close();
});

test('an edited value no longer valid for its type is caught before review, and nothing is written', async () => {
  const tls = await kubectlJson(cluster, ['get', 'secret', 'tls-cert', '-n', SAMPLE.namespace]);
  const r = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls',
    metadata: { name: 'edited-tls', namespace: ns }, data: tls.data }) });
  assert.ok(r.ok, r.stderr);
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'edited-tls' }));
  await page.getByTestId('edit').click();
  const row = await editInPlace(page, 'tls.key');
  await row.getByTestId('value-toggle').click();
  await row.getByTestId('entry-value').fill('-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n');
  await page.getByTestId('review').click();
  const error = row.getByTestId('field-error');
  await error.waitFor();
  assert.match(await error.textContent(), /tls\.key|private key|PEM/i);
  assert.equal(await page.getByTestId('preview').count(), 0);
  const after = await kubectlJson(cluster, ['get', 'secret', 'edited-tls', '-n', ns]);
  assert.equal(after.data['tls.key'], tls.data['tls.key'], 'the stored key is untouched');
  await page.close();
});
