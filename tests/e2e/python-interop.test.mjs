// The guide's Python snippets and Keyhole agree, both ways, byte for byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { freshNamespace, keyRow, row, uiUrl } from './support/app.mjs';
import { digest } from './support/values.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;
const sha = (s) => digest(Buffer.from(s));

function python(action, name) {
  const out = execFileSync(process.env.KEYHOLE_PYTHON ?? 'python3',
    ['tests/cluster_truth/guide_snippets.py', ns, action, name],
    { env: { ...process.env, KUBECONFIG: state.adminKubeconfig }, encoding: 'utf8' });
  return JSON.parse(out);
}
const full = (hex) => hex.slice(0, 16);

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'python');
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('what the guide\'s Python writes, Keyhole shows exactly, live', async () => {
  python('create', 'db-credentials');
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await row(page, 'db-credentials').waitFor();
  const listed = python('list', '-');
  assert.deepEqual(listed, [{ name: 'db-credentials', type: 'Opaque' }]);
  await row(page, 'db-credentials').getByRole('link', { name: 'db-credentials' }).click();
  await page.getByTestId('reveal-all').click();
  const shown = async (key) => keyRow(page, key).getByTestId('value-text').textContent();
  assert.equal(sha(await shown('username')), sha('admin'));
  assert.equal(sha(await shown('password')), sha('s3cr3t-db-pass'));
  assert.equal(sha(await shown('connection-string')), sha('postgresql://admin:s3cr3t-db-pass@postgres:5432/mydb'));

  python('patch', 'db-credentials');
  await page.reload();
  await page.getByTestId('reveal-all').click();
  assert.equal(sha(await shown('password')), sha('new-rotated-password'));
  await page.close();
});

test('what Keyhole writes, the guide\'s Python reads exactly', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await page.getByTestId('new-secret').click();
  await page.getByTestId('secret-name').fill('from-keyhole');
  const rows = page.getByTestId('entry-row');
  await rows.nth(0).getByTestId('entry-key').fill('username');
  await rows.nth(0).getByTestId('entry-value').fill('ui-admin');
  await page.getByTestId('add-entry').click();
  await rows.nth(1).getByTestId('entry-key').fill('password');
  await rows.nth(1).getByTestId('entry-value').fill('ui-pässword ✓');
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('secret-detail').waitFor();
  const read = python('read', 'from-keyhole');
  assert.equal(full(read.username), sha('ui-admin'));
  assert.equal(full(read.password), sha('ui-pässword ✓'));
  await page.close();
});
