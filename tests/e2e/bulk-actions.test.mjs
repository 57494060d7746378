// Several secrets at once (issue #18.4): rows are ticked with clicks, Shift
// ranges and the keyboard; the ticked secrets are copied to namespaces (with
// the same per-target checks as a single copy), labelled, and deleted after
// typing how many. Every write carries the resourceVersion read, so a secret
// changed meanwhile is reported and left alone. kubectl checks the cluster.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, readmeScreenshot, screenshot } from './support/browser.mjs';
import {
  applySecret, freshNamespace, kubectlJson, row, rowIn, uiUrl, waitConnected,
} from './support/app.mjs';
import { describe, seriousViolations } from './support/axe.mjs';

const { state, cluster } = attachCluster();
let browser;
let src;
let dst1;
let dst2;
const BINARY = Buffer.from([0x00, 0xff, 0x10, 0x00, 0xfe]);
const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

const secretIn = (namespace, name) => kubectlJson(cluster, ['get', 'secret', name, '-n', namespace]);
const exists = async (namespace, name) => (await cluster.kubectl(['get', 'secret', name, '-n', namespace])).ok;
const tick = (page, name) => row(page, name).getByTestId('row-select');
const count = (page) => page.getByTestId('selection-count').textContent();
async function settled(page, testid) {
  await page.waitForFunction((id) => {
    const rows = [...document.querySelectorAll(`[data-testid=${id}]`)];
    return rows.length > 0 && rows.every((r) => r.getAttribute('aria-busy') === 'false');
  }, testid, { timeout: 20000 });
}
// Every request that could change something.
function recordWrites(page) {
  const writes = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && !new URL(r.url()).pathname.includes('selfsubjectaccessreviews')) writes.push(`${r.method()} ${r.url()}`);
  });
  return writes;
}

before(async () => {
  browser = await launchBrowser();
  [src, dst1, dst2] = [await freshNamespace(cluster, 'bulk-src'), await freshNamespace(cluster, 'bulk-a'), await freshNamespace(cluster, 'bulk-b')];
  for (const name of NAMES) {
    await applySecret(cluster, src, name, { user: `${name}-user`, password: `${name}-pw-${Date.now()}`, blob: BINARY });
  }
  await applySecret(cluster, src, 'chart-tls', { token: 'x' },
    { metadata: { labels: { 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': src } } });
  // dst2 already holds a "delta" with other values.
  await applySecret(cluster, dst2, 'delta', { user: 'someone-else' });
});
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
  await cluster.kubectl(['delete', 'namespace', src, dst1, dst2, '--wait=false']);
});

test('ticked secrets from the all-namespaces list are copied to each target, checked first', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns: '*' }));
  await waitConnected(page);
  await page.getByTestId('filter-namespace').fill(src);
  await page.getByTestId('filter-name').fill('e');
  await rowIn(page, src, 'echo').waitFor();
  // Charlie, delta and echo hold an "e": the header box ticks the shown rows.
  await page.getByTestId('select-all-shown').check();
  assert.equal(await count(page), '3 secrets selected');
  await page.getByTestId('filter-name').fill('alpha');
  assert.equal(await count(page), '3 secrets selected (3 hidden by the filter)');
  await page.getByTestId('filter-name').fill('');

  const writes = recordWrites(page);
  await page.getByTestId('bulk-copy-open').click();
  await page.getByTestId('copy-namespace-list').waitFor();
  // Bad input: a target that holds the originals, and a name that is no namespace.
  await page.getByTestId('copy-typed-namespaces').fill(`${src} Not/Valid`);
  await page.getByTestId('bulk-copy-check').click();
  assert.match(await page.getByTestId('copy-namespaces-error').textContent(), /“Not\/Valid” is not a namespace name/);
  await page.getByTestId('copy-typed-namespaces').fill(`${src}`);
  await page.getByTestId('bulk-copy-check').click();
  await page.getByTestId('copy-namespaces-error')
    .filter({ hasText: `${src} already holds charlie, delta, echo (the originals)` }).waitFor();
  assert.deepEqual(writes, [], 'nothing sent for invalid targets');
  assert.equal(await page.getByTestId('copy-typed-namespaces').inputValue(), src, 'what was typed stays');

  await page.getByTestId('copy-typed-namespaces').fill(`${dst1}, ${dst2}`);
  await page.getByTestId('bulk-copy-check').click();
  await settled(page, 'copy-target');
  const original = (name) => page.locator(`[data-testid=bulk-original][data-name="${name}"]`);
  const stateOf = (name, ns) => original(name).locator(`[data-testid=copy-target][data-namespace="${ns}"] [data-testid=copy-state]`).textContent();
  for (const name of ['charlie', 'delta', 'echo']) assert.equal(await stateOf(name, dst1), 'ready to copy');
  assert.equal(await stateOf('delta', dst2), 'already exists');
  assert.equal(await page.getByTestId('bulk-summary').textContent(), 'Checked; nothing has been written yet.');
  assert.equal(await exists(dst1, 'charlie'), false, 'the dry runs wrote nothing');

  await page.getByRole('button', { name: 'Write 5 copies' }).click();
  await settled(page, 'copy-target');
  assert.equal(await page.getByTestId('bulk-summary').textContent(),
    `Written 5 of 6 copies. Not written: ${src}/delta → ${dst2} (already exists).`);
  for (const name of ['charlie', 'delta', 'echo']) {
    const from = await secretIn(src, name);
    for (const ns of [dst1, dst2]) {
      if (name === 'delta' && ns === dst2) continue;
      const copy = await secretIn(ns, name);
      assert.deepEqual(copy.data, from.data, `${ns}/${name}: byte-identical`);
      assert.deepEqual(Buffer.from(copy.data.blob, 'base64'), BINARY);
    }
  }
  const untouched = await secretIn(dst2, 'delta');
  assert.deepEqual(Object.keys(untouched.data), ['user']);
  await original('delta').locator(`[data-testid=copy-target][data-namespace="${dst2}"]`).getByRole('button', { name: 'Replace it' }).click();
  await settled(page, 'copy-target');
  assert.equal(await stateOf('delta', dst2), 'replaced');
  assert.deepEqual((await secretIn(dst2, 'delta')).data, (await secretIn(src, 'delta')).data);
  assert.equal(await page.getByTestId('bulk-copy').textContent().then((t) => t.includes('-pw-')), false, 'no value on screen');

  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describe(violations));
  await screenshot(page, 'bulk-copy');
  await page.close();
});

test('Shift ranges and the keyboard tick rows; a label is added only where it is not yet', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns: src }));
  await waitConnected(page);
  await row(page, 'echo').waitFor();
  await tick(page, 'alpha').click();
  await tick(page, 'charlie').click({ modifiers: ['Shift'] });
  assert.equal(await count(page), '3 secrets selected');
  for (const name of ['alpha', 'bravo', 'charlie']) assert.equal(await tick(page, name).isChecked(), true, name);
  // From delta's link, Shift+ArrowDown ticks delta and echo.
  await row(page, 'delta').locator('.row-open').focus();
  await page.keyboard.press('Shift+ArrowDown');
  assert.equal(await count(page), '5 secrets selected');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'echo');
  // Space on a box unticks it.
  await tick(page, 'echo').focus();
  await page.keyboard.press(' ');
  assert.equal(await count(page), '4 secrets selected');
  assert.equal(await tick(page, 'echo').isChecked(), false);

  await kubectlLabel('bravo', 'team=payments');
  const writes = recordWrites(page);
  await page.getByTestId('bulk-label-open').click();
  await page.getByTestId('bulk-label-key').fill('Bad Key');
  await page.getByTestId('bulk-label-value').fill('-nope');
  await page.getByTestId('bulk-label-submit').click();
  assert.match(await page.getByTestId('bulk-label-key-error').textContent(), /^Label key: /);
  assert.match(await page.getByTestId('bulk-label-value-error').textContent(), /^Label value: /);
  assert.deepEqual(writes, [], 'nothing sent for a bad label');
  await page.getByTestId('bulk-label-key').fill('team');
  await page.getByTestId('bulk-label-value').fill('payments');
  await page.getByRole('button', { name: 'Label 4 secrets' }).click();
  await settled(page, 'bulk-item');
  assert.equal(await page.getByTestId('bulk-summary').textContent(),
    `Labelled 3 of 4 secrets. Not labelled: ${src}/bravo (already so; nothing sent).`);
  assert.equal(writes.length, 3, writes.join('\n'));
  for (const name of ['alpha', 'bravo', 'charlie', 'delta']) {
    assert.equal((await secretIn(src, name)).metadata.labels?.team, 'payments', name);
  }
  assert.equal((await secretIn(src, 'echo')).metadata.labels?.team, undefined);
  await readmeScreenshot(page, 'bulk');
  await page.getByTestId('bulk-close').click();

  // Removing it: the same panel, nothing to type for a value.
  await page.getByTestId('bulk-label-open').click();
  await page.getByTestId('bulk-label-remove').check();
  await page.getByTestId('bulk-label-key').fill('team');
  await page.getByRole('button', { name: 'Remove the label from 4 secrets' }).click();
  await settled(page, 'bulk-item');
  assert.equal(await page.getByTestId('bulk-summary').textContent(), 'Labelled 4 of 4 secrets.');
  for (const name of ['alpha', 'bravo', 'charlie', 'delta']) {
    assert.equal((await secretIn(src, name)).metadata.labels?.team, undefined, name);
  }
  await page.close();
});

async function kubectlLabel(name, label) {
  const r = await cluster.kubectl(['label', 'secret', name, '-n', src, label, '--overwrite']);
  assert.ok(r.ok, r.stderr);
}

test('a bulk delete needs the count typed, and leaves alone a secret changed since it was read', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns: src }));
  await waitConnected(page);
  await row(page, 'chart-tls').waitFor();
  // A managed secret is pointed out before anything is deleted.
  await tick(page, 'chart-tls').click();
  await tick(page, 'alpha').click();
  await tick(page, 'bravo').click();
  await page.getByTestId('bulk-delete-open').click();
  await page.getByText('Type 3 to delete these 3 secrets').waitFor();
  assert.match(await page.getByTestId('bulk-managed-note').textContent(), /^One of these secrets is written by a controller/);
  assert.equal(await page.locator('[data-testid=bulk-item][data-name="chart-tls"] [data-testid=bulk-managed]').textContent(), 'managed by Helm');
  await page.getByTestId('bulk-close').click();
  await tick(page, 'chart-tls').click();

  const writes = recordWrites(page);
  await page.getByTestId('bulk-delete-open').click();
  await page.getByText('Type 2 to delete these 2 secrets').waitFor();
  // bravo changes after it was read.
  await kubectlLabel('bravo', 'changed=yes');
  await page.getByTestId('bulk-delete-count').fill('3');
  assert.equal(await page.getByTestId('bulk-delete-error').textContent(), 'Type 2, the number of secrets that will be deleted.');
  assert.equal(await page.getByTestId('bulk-delete-submit').isDisabled(), true);
  await page.getByTestId('bulk-delete-count').press('Enter');
  assert.deepEqual(writes, [], 'nothing deleted on a wrong count');
  await page.getByTestId('bulk-delete-count').fill('2');
  await page.getByRole('button', { name: 'Delete 2 secrets' }).click();
  await page.getByTestId('bulk-summary').waitFor();
  assert.equal(await page.getByTestId('bulk-summary').textContent(),
    `Deleted 1 of 2 secrets. Not deleted: ${src}/bravo (changed since it was read; not touched).`);
  assert.equal(writes.filter((w) => w.startsWith('DELETE')).length, 2);
  assert.equal(await exists(src, 'alpha'), false);
  assert.equal(await exists(src, 'bravo'), true, 'the changed secret is still there');
  assert.equal(await exists(src, 'chart-tls'), true);
  // The deleted row leaves the list, and the selection with it.
  await row(page, 'alpha').waitFor({ state: 'detached' });
  assert.equal(await count(page), '1 secret selected');
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describe(violations));
  await screenshot(page, 'bulk-delete');
  await page.close();
});
