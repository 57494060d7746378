// Opening a secret: one GET, values masked until revealed, text vs binary,
// copy, download, manifest, and the URL as a bookmark.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { SAMPLE } from '../../harness/sample-data.mjs';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { applySecret, freshNamespace, keyRow, namespaceBox, openSecret, uiUrl, waitConnected } from './support/app.mjs';
import { assertSameBytes } from './support/values.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;
const BINARY = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0xc3, 0x28, 0x0a]);
const MULTILINE = 'first line\nzweite Zeile — ünïcödé ✓\n\ttabbed';

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'open');
  await applySecret(cluster, ns, 'mixed', { 'notes.txt': MULTILINE, 'blob.bin': BINARY, password: 'p@ss-open-test' });
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('opening a secret is one GET; values stay masked until revealed, per key or all', async () => {
  const page = await openPage(browser.context);
  const gets = [];
  page.on('request', (req) => { if (/\/secrets\/db-credentials$/.test(new URL(req.url()).pathname)) gets.push(req.method()); });
  await page.goto(uiUrl(state.uiUrl));
  await waitConnected(page);
  await openSecret(page, 'db-credentials');
  assert.deepEqual(gets, ['GET']);
  // 'admin' (the username) is also an ordinary word on the page (the ClusterRole
  // "admin" in who-can-access), so the whole page is searched for the distinctive
  // values and the key rows for all of them.
  const html = await page.content();
  for (const v of [SAMPLE.dbCredentials.password, SAMPLE.dbCredentials['connection-string']]) {
    assert.ok(!html.includes(v), 'masked page holds no value');
  }
  const keysText = (await page.getByTestId('key-row').allTextContents()).join('\n');
  for (const v of Object.values(SAMPLE.dbCredentials)) assert.ok(!keysText.includes(v), 'masked keys show no value');
  assert.match(await keyRow(page, 'password').textContent(), /14 B/);

  await keyRow(page, 'password').getByRole('button', { name: /Reveal or hide password/ }).click();
  assert.equal(await keyRow(page, 'password').getByTestId('value-text').textContent(), SAMPLE.dbCredentials.password);
  assert.equal(await keyRow(page, 'username').getByTestId('value-text').count(), 0, 'other keys stay masked');
  // With a value shown, the one button hides everything; then it reveals all.
  assert.equal(await page.getByTestId('reveal-all').textContent(), 'Hide all');
  await page.getByTestId('reveal-all').click();
  assert.equal(await page.getByTestId('value-text').count(), 0, 'hide all masks again');
  assert.equal(await page.getByTestId('reveal-all').textContent(), 'Reveal all');
  await page.getByTestId('reveal-all').click();
  assert.equal(await page.getByTestId('value-text').count(), 3);
  await screenshot(page, 'secret-detail-revealed');
  await page.close();
});

test('a revealed value is masked again after 30 seconds', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { secret: 'db-credentials' }));
  await page.getByTestId('key-row').first().waitFor();
  await keyRow(page, 'password').getByRole('button', { name: /Reveal or hide password/ }).click();
  await keyRow(page, 'password').getByTestId('value-text').waitFor();
  await page.waitForTimeout(29000);
  assert.equal(await keyRow(page, 'password').getByTestId('value-text').count(), 1, 'still shown before 30 s');
  await keyRow(page, 'password').getByTestId('value-text').waitFor({ state: 'detached', timeout: 4000 });
  await page.close();
});

test('UTF-8 shows as exact text, binary as hex with a download of the exact bytes', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'mixed' }));
  await page.getByTestId('key-row').first().waitFor();
  await page.getByTestId('reveal-all').click();
  assert.equal(await keyRow(page, 'notes.txt').getByTestId('value-text').textContent(), MULTILINE);
  const hex = await keyRow(page, 'blob.bin').getByTestId('value-hex').textContent();
  assert.match(hex, /00 ff 10 80 7f c3 28 0a/);
  assert.match(await keyRow(page, 'blob.bin').textContent(), /8 B · binary/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    keyRow(page, 'blob.bin').getByRole('button', { name: /Download the value of blob.bin/ }).click(),
  ]);
  assertSameBytes(fs.readFileSync(await download.path()), BINARY, 'downloaded blob.bin');
  await screenshot(page, 'secret-detail-binary');
  await page.close();
});

test('copy puts the exact value on the clipboard without revealing it, and empties it after 30 s', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await openPage(browser.context);
  // The browser's timers under the test's control: 30 s pass at once.
  await page.clock.install();
  await page.goto(uiUrl(state.uiUrl, { ns, secret: 'mixed' }));
  await page.getByTestId('key-row').first().waitFor();
  const toasts = page.getByTestId('toasts');
  const readClipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await keyRow(page, 'notes.txt').getByRole('button', { name: /Copy the value of notes.txt/ }).click();
  await toasts.getByText('Copied the value of notes.txt. Keyhole empties the clipboard in 30 s if it still holds it.').waitFor();
  assertSameBytes(await readClipboard(), MULTILINE, 'clipboard');
  assert.equal(await page.getByTestId('value-text').count(), 0, 'copy does not reveal');
  await page.clock.fastForward(29000);
  assertSameBytes(await readClipboard(), MULTILINE, 'still in the clipboard before 30 s');
  await page.clock.fastForward(2000);
  await toasts.getByText('Emptied the clipboard: it no longer holds the value of notes.txt.').waitFor();
  assert.equal(await readClipboard(), '', 'emptied after 30 s');

  // Something the user copied since is theirs: it stays.
  await keyRow(page, 'password').getByRole('button', { name: /Copy the value of password/ }).click();
  await toasts.getByText(/Copied the value of password\. Keyhole empties/).waitFor();
  await page.evaluate(() => navigator.clipboard.writeText('copied-by-the-user-meanwhile'));
  await page.clock.fastForward(31000);
  await page.waitForTimeout(300);
  assert.equal(await readClipboard(), 'copied-by-the-user-meanwhile', 'the user\'s own copy is left alone');
  assert.equal(await toasts.getByText(/Emptied the clipboard/).count(), 0);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.close();
});

test('where the browser will not let Keyhole read the clipboard back, the copy toast says the value stays', async () => {
  const other = await launchBrowser();
  try {
    // Writing allowed, reading not: Keyhole cannot tell its value from the
    // user's next copy, so it must not clear blindly.
    await other.context.grantPermissions(['clipboard-write']);
    const page = await openPage(other.context, uiUrl(state.uiUrl, { ns, secret: 'mixed' }));
    await page.getByTestId('key-row').first().waitFor();
    await keyRow(page, 'password').getByRole('button', { name: /Copy the value of password/ }).click();
    await page.getByTestId('toasts').getByText(
      'Copied the value of password. It stays in the clipboard until you copy something else: this browser does not let Keyhole clear it.',
    ).waitFor();
    await page.close();
  } finally {
    await other.close();
  }
});

// YAML, the default, has its own file (manifest.test.mjs); this is the JSON choice.
test('the JSON manifest is masked until revealed and downloads as a file kubectl applies', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'mixed' }));
  await page.getByTestId('key-row').first().waitFor();
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const masked = await page.getByTestId('manifest').textContent();
  assert.equal(JSON.parse(masked).kind, 'Secret');
  assert.ok(!masked.includes('p@ss-open-test') && !masked.includes(Buffer.from('p@ss-open-test').toString('base64')));
  await page.getByRole('button', { name: 'Decoded (stringData)' }).click();
  await page.getByRole('button', { name: 'Reveal values' }).click();
  assert.match(await page.getByTestId('manifest').textContent(), /"password": "p@ss-open-test"/);
  await page.getByRole('button', { name: 'As stored (data)' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), 'mixed.json');
  const manifest = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  manifest.metadata.name = 'mixed-reapplied';
  const applied = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
  assert.ok(applied.ok, applied.stderr);
  const original = JSON.parse((await cluster.kubectl(['get', 'secret', 'mixed', '-n', ns, '-o', 'json'])).stdout);
  const copy = JSON.parse((await cluster.kubectl(['get', 'secret', 'mixed-reapplied', '-n', ns, '-o', 'json'])).stdout);
  assert.ok(JSON.stringify(copy.data) === JSON.stringify(original.data), 'the re-applied manifest holds the same data');
  await page.close();
});

test('the namespace and the open secret are a bookmark that survives reload', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'mixed' }));
  await page.getByTestId('detail-name').waitFor();
  assert.equal(await page.getByTestId('detail-name').textContent(), 'mixed');
  await page.reload();
  await page.getByTestId('key-row').first().waitFor();
  assert.equal(await namespaceBox(page).inputValue(), ns);
  assert.doesNotMatch(page.url(), /p@ss|notes/);
  await page.getByRole('link', { name: '← All secrets' }).click();
  await page.waitForURL(new RegExp(`\\?ns=${ns}$`));
  await page.goBack();
  await page.getByTestId('detail-name').waitFor();
  await page.close();
});

test('secret names are real links: new tab, middle-click and copy-link open that secret; a click opens in place', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  const link = page.locator('[data-testid=secret-row][data-name="mixed"]').getByRole('link', { name: 'mixed' });
  const href = await link.getAttribute('href');
  assert.equal(new URL(href, page.url()).search, `?ns=${ns}&secret=mixed`);
  assert.equal(new URL(href, page.url()).pathname, new URL(page.url()).pathname, 'the link keeps the page path');

  // Ctrl+click and middle-click leave this page alone and open the secret in a new tab.
  for (const click of [{ modifiers: ['Control'] }, { button: 'middle' }]) {
    const opened = page.context().waitForEvent('page');
    await link.click(click);
    const tab = await opened;
    await tab.getByTestId('detail-name').waitFor();
    assert.equal(await tab.getByTestId('detail-name').textContent(), 'mixed');
    await tab.close();
    assert.equal(await page.getByTestId('secret-detail').count(), 0, 'the list stays where it was');
  }
  // Enter on the focused link opens in place, without reloading the page.
  await page.evaluate(() => { window.keyholeSamePage = true; });
  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('detail-name').waitFor();
  assert.equal(await page.evaluate(() => window.keyholeSamePage), true, 'no page load');
  // "← All secrets" is a link to the namespace's list.
  const back = page.getByRole('link', { name: '← All secrets' });
  assert.equal(new URL(await back.getAttribute('href'), page.url()).search, `?ns=${ns}`);
  await page.close();
});

test('an owner is a link to its object in the API', async () => {
  const cm = await cluster.kubectl(['create', 'configmap', 'owner-cm', '-n', ns, '--from-literal=a=b', '-o', 'json']);
  assert.ok(cm.ok, cm.stderr);
  const uid = JSON.parse(cm.stdout).metadata.uid;
  await applySecret(cluster, ns, 'owned', { k: 'owned-value' }, {
    metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner-cm', uid }] },
  });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'owned' }));
  const owner = page.getByTestId('owner').getByRole('link', { name: 'ConfigMap owner-cm' });
  await owner.waitFor();
  assert.equal(await owner.getAttribute('target'), '_blank');
  const url = new URL(await owner.getAttribute('href'), page.url());
  assert.match(url.pathname, new RegExp(`/api/v1/namespaces/${ns}/configmaps/owner-cm$`));
  const answer = await page.request.get(url.href);
  assert.equal(answer.status(), 200);
  assert.equal((await answer.json()).metadata.uid, uid);
  await page.close();
});
