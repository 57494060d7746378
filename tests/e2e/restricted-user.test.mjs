// A user who may only `get` db-credentials (the guide's secret-reader Role)
// still opens and reads it by name; what they may not do says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SAMPLE } from '../../harness/sample-data.mjs';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { keyRow, namespaceBox, namespacesReady, uiUrl, waitConnected } from './support/app.mjs';
import { assertSameBytes } from './support/values.mjs';

const { cluster } = attachCluster();
let browser;
let proxy;

before(async () => {
  browser = await launchBrowser();
  const kubeconfig = cluster.createUser('reader-alice', []);
  const bound = await cluster.kubectl(['create', 'rolebinding', 'alice-reads-db', '-n', 'default',
    '--role=secret-reader', '--user=reader-alice']);
  assert.ok(bound.ok, bound.stderr);
  proxy = await cluster.startProxy({ www: distDir, kubeconfig });
});
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
  await cluster.kubectl(['delete', 'rolebinding', 'alice-reads-db', '-n', 'default']);
});

test('a get-only user cannot list, but opens the secret by name and reads it', async () => {
  const page = await openPage(browser.context, uiUrl(proxy.uiUrl));
  await waitConnected(page);
  // Namespaces cannot be listed: the picker takes a typed name, and says why.
  await namespacesReady(page);
  assert.equal(await namespaceBox(page).inputValue(), 'default');
  assert.match(await page.getByTestId('namespace-hint').textContent(), /You may not list namespaces; type one\./);
  await page.getByTestId('list-error').waitFor();
  assert.match(await page.getByTestId('list-error').textContent(), /may not list secrets.*open one by name/);
  await page.getByTestId('open-by-name').fill('db-credentials');
  await page.getByTestId('open-by-name').press('Enter');
  await page.getByTestId('key-row').first().waitFor();
  await keyRow(page, 'password').getByRole('button', { name: /Reveal or hide password/ }).click();
  assertSameBytes(await keyRow(page, 'password').getByTestId('value-text').textContent(),
    SAMPLE.dbCredentials.password, 'password read by the restricted user');
  await keyRow(page, 'password').getByRole('button', { name: /Reveal or hide password/ }).click();
  // Everything but reading is shown disabled, with the reason.
  await page.getByTestId('denied-actions').waitFor();
  for (const id of ['edit', 'delete', 'copy-to-new']) {
    assert.equal(await page.getByTestId(id).isDisabled(), true, `${id} disabled`);
  }
  assert.match(await page.getByTestId('denied-actions').textContent(), /You may not update secrets\/db-credentials in default/);
  assert.match(await page.getByTestId('edit').getAttribute('title'), /may not update/);
  // Who can access: this user may not read RBAC objects, so the answer says it is incomplete.
  await page.getByTestId('who-can-incomplete').waitFor();
  await page.getByTestId('used-by-incomplete').waitFor();
  assert.equal(await page.getByTestId('used-by-none').textContent(), 'None found among what you may read.');
  assert.equal(await page.getByTestId('grant-open').isDisabled(), true, 'grant disabled');
  assert.match(await page.getByTestId('grant-denied').textContent(), /may not create roles/);
  await screenshot(page, 'restricted-user');
  await page.getByRole('link', { name: '← All secrets' }).click();
  await page.getByTestId('list-error').waitFor();
  assert.equal(await page.getByTestId('new-secret').isDisabled(), true, 'create disabled');
  // Check certificates starts from the list this user may not read: disabled, saying why.
  await page.getByTestId('cert-check-denied').waitFor();
  assert.equal(await page.getByTestId('check-certificates').isDisabled(), true, 'check certificates disabled');
  assert.match(await page.getByTestId('check-certificates').getAttribute('title'), /You may not list secrets in default/);
  assert.equal(await page.getByTestId('cert-check-denied').textContent(),
    'You may not list secrets in default. Check certificates reads the TLS secrets the list shows.');
  assert.equal(await page.getByTestId('cert-check').count(), 0, 'no check ran');
  await page.close();
});

test('a secret the user may not read says so, by URL', async () => {
  const page = await openPage(browser.context, uiUrl(proxy.uiUrl, { secret: 'tls-cert' }));
  await page.getByTestId('detail-error').waitFor();
  assert.match(await page.getByTestId('detail-error').textContent(), /You may not read this secret/);
  await page.close();
});
