// Every main screen passes axe-core with no serious or critical violation, in
// the light and the dark theme, and the app can be used from the keyboard.
// The screenshots the README shows are taken here, so they stay current.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, readmeScreenshot, screenshot } from './support/browser.mjs';
import { applySecret, freshNamespace, namespaceBox, namespacesReady, openSecret, row, rowIn, uiUrl, waitConnected } from './support/app.mjs';
import { describe, seriousViolations } from './support/axe.mjs';

const { state, cluster } = attachCluster();
let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
});

async function assertAccessible(page, screen) {
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, `${screen}:\n${describe(violations)}`);
}

for (const scheme of ['light', 'dark']) {
  test(`main screens pass axe-core in the ${scheme} theme`, async () => {
    const page = await openPage(browser.context);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(state.uiUrl);
    await waitConnected(page);
    await row(page, 'db-credentials').waitFor();
    await assertAccessible(page, 'secret list');
    if (scheme === 'light') await readmeScreenshot(page, 'list');

    // The namespace combobox, open with its options.
    await namespacesReady(page);
    await namespaceBox(page).click();
    await page.getByRole('listbox', { name: 'Namespaces' }).getByRole('option').first().waitFor();
    await assertAccessible(page, 'namespace combobox, open');
    await namespaceBox(page).press('Escape');

    // All namespaces, with its Namespace column and the note on what needs one namespace.
    await page.goto(uiUrl(state.uiUrl, { ns: '*' }));
    await waitConnected(page);
    await rowIn(page, 'default', 'db-credentials').waitFor();
    await assertAccessible(page, 'all namespaces list');
    await page.goto(state.uiUrl);
    await waitConnected(page);
    await row(page, 'db-credentials').waitFor();

    await openSecret(page, 'db-credentials');
    await page.getByTestId('used-by').waitFor();
    // The README shows the masked page: screenshots are test output too.
    if (scheme === 'light') await readmeScreenshot(page, 'detail');
    await page.getByTestId('reveal-all').click();
    await assertAccessible(page, 'secret detail, revealed');
    await page.getByTestId('reveal-all').click();

    await page.getByTestId('grant-open').click();
    await page.getByTestId('grant-form').waitFor();
    await assertAccessible(page, 'grant form');
    if (scheme === 'light') {
      await page.getByTestId('grant-subject-name').first().fill('jane');
      await page.getByTestId('grant-preview-button').click();
      await page.getByTestId('grant-preview').waitFor();
      await page.getByTestId('grant-form').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await readmeScreenshot(page, 'grant');
    }

    await page.getByTestId('delete').click();
    await page.getByTestId('delete-dialog').waitFor();
    await assertAccessible(page, 'delete dialog');
    await page.getByTestId('delete-dialog').getByRole('button', { name: 'Cancel' }).click();

    // The edit form with a value opened for editing, hidden and then shown.
    await page.getByTestId('edit').click();
    const first = page.getByTestId('entry-row').nth(0);
    await first.getByTestId('entry-mode').selectOption('edit');
    await assertAccessible(page, 'edit form, value hidden');
    if (scheme === 'light') await readmeScreenshot(page, 'edit');
    await first.getByTestId('value-toggle').click();
    await assertAccessible(page, 'edit form, value shown');
    // Nothing changed: Cancel leaves without asking.
    await page.getByTestId('editor-cancel').click();
    await page.getByTestId('secret-editor').waitFor({ state: 'detached' });

    await page.getByTestId('copy-to-namespaces').click();
    await page.getByTestId('copy-namespace-list').waitFor();
    await page.getByTestId('copy-typed-namespaces').fill('Bad_NS');
    await page.getByTestId('copy-check').click();
    await page.getByTestId('copy-namespaces-error').filter({ hasText: 'not a namespace name' }).waitFor();
    await assertAccessible(page, 'copy to namespaces, with a field error');

    await page.goto(state.uiUrl);
    await waitConnected(page);
    await page.getByTestId('new-secret').click();
    await page.getByTestId('secret-name').waitFor();
    await assertAccessible(page, 'create form');
    if (scheme === 'light') await readmeScreenshot(page, 'create');

    await page.goto(state.uiUrl);
    await waitConnected(page);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('secret-import').waitFor();
    await assertAccessible(page, 'import');
    // A review with each kind of entry: ready, refused, not importable, another namespace.
    await page.getByLabel('Manifest (YAML or JSON)').fill([
      'apiVersion: v1\nkind: Secret\nmetadata: {name: axe-import}\nstringData: {k: v}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: axe-config}',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: axe-bad}\ndata: {k: "%"}',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: axe-other, namespace: kube-system}',
    ].join('\n---\n'));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByTestId('import-confirm').waitFor();
    await assertAccessible(page, 'import review');
    await page.getByLabel('Manifest (YAML or JSON)').fill('a: b\n c: d\n');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=import-error]')?.textContent !== '');
    await assertAccessible(page, 'import, bad YAML');
    await page.close();
  });
}

test('keyboard: / filters, arrows and Enter open a secret, Esc goes back', async () => {
  const ns = await freshNamespace(cluster, 'keys');
  for (const name of ['alpha', 'bravo', 'charlie']) await applySecret(cluster, ns, name, { k: 'v' });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  await row(page, 'charlie').waitFor();

  await page.locator('body').press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'filter-name');
  await page.keyboard.type('a');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'bravo');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'charlie');
  await page.keyboard.press('Enter');
  await page.getByTestId('secret-detail').waitFor();
  assert.equal(await page.getByTestId('detail-name').textContent(), 'charlie');

  // Esc in the delete dialog closes the dialog only; Esc again leaves the secret.
  await page.getByTestId('delete').click();
  await page.getByTestId('delete-confirm').press('Escape');
  await page.getByTestId('delete-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('secret-detail').count(), 1);
  await page.keyboard.press('Escape');
  await row(page, 'alpha').waitFor();
  assert.doesNotMatch(page.url(), /secret=/);

  // A "/" typed into a field stays a "/".
  await page.getByTestId('filter-labels').fill('');
  await page.getByTestId('filter-labels').press('/');
  assert.equal(await page.getByTestId('filter-labels').inputValue(), '/');
  await page.close();
});

test('keyboard: Tab reaches the namespace combobox, typing filters, arrows and Enter choose', async () => {
  const page = await openPage(browser.context, state.uiUrl);
  await waitConnected(page);
  await namespacesReady(page);
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('role')) === 'combobox') break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Namespace');
  await page.keyboard.type('kube-');
  const options = await page.getByRole('listbox', { name: 'Namespaces' }).getByRole('option').allTextContents();
  const target = options.indexOf('kube-system');
  assert.ok(target >= 0, `kube-system offered among ${options}`);
  for (let i = 0; i < target; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?ns=kube-system$/);
  assert.equal(await namespaceBox(page).inputValue(), 'kube-system');
  await page.close();
});

test('narrow windows: the list and a secret fit half a laptop screen', async () => {
  const page = await openPage(browser.context);
  await page.setViewportSize({ width: 680, height: 760 });
  await page.goto(state.uiUrl);
  await waitConnected(page);
  await row(page, 'db-credentials').waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(await overflow(), 0, 'no horizontal scrolling on the list');
  await screenshot(page, 'narrow-list');
  await openSecret(page, 'db-credentials');
  assert.equal(await overflow(), 0, 'no horizontal scrolling on a secret');
  await screenshot(page, 'narrow-detail');
  await page.close();
});
