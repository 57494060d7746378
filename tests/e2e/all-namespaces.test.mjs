// All namespaces at once: chosen in the namespace combobox by typing, rows
// from every namespace with their namespace (sorted, filtered, live), each
// opening in its own namespace, a URL that survives reload, only value-free
// Tables on the wire; a user without cluster-wide rights is told so plainly
// and still browses a namespace; the combobox copes with many namespaces.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import {
  applySecret, chooseNamespace, namespaceBox, namespacesReady, row, rowIn, uiUrl, waitConnected,
} from './support/app.mjs';
import { createSecret } from './support/live.mjs';

const { state, cluster } = attachCluster();
let browser;
const created = [];

before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
  if (created.length) await cluster.kubectl(['delete', 'namespace', ...created, '--wait=false']);
});

const tag = Date.now().toString(36);

async function createNamespaces(names) {
  const list = { apiVersion: 'v1', kind: 'List', items: names.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })) };
  const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(list) });
  assert.ok(r.ok, r.stderr);
  created.push(...names);
}

// Every secrets list or watch the page asks for, with the list bodies.
function recordSecretRequests(page) {
  const seen = [];
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (!/\/secrets$/.test(url.pathname)) return;
    const entry = { url, accept: res.request().headers().accept ?? '', body: null };
    seen.push(entry);
    if (!url.searchParams.get('watch')) entry.body = await res.text().catch(() => '');
  });
  return seen;
}

// The rows on screen in list order, as namespace/name.
const shownRows = (page) => page.locator('[data-testid=secret-row]').evaluateAll((rows) => rows
  .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
  .map((r) => `${r.dataset.namespace}/${r.dataset.name}`));

async function waitForRows(page, expected) {
  await page.waitForFunction((want) => {
    const rows = [...document.querySelectorAll('[data-testid=secret-row]')]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((r) => `${r.dataset.namespace}/${r.dataset.name}`);
    return JSON.stringify(rows) === JSON.stringify(want);
  }, expected, { timeout: 10000 }).catch(async () => {
    assert.deepEqual(await shownRows(page), expected);
  });
}

test('all namespaces: every namespace\'s rows with their namespace, sorted, filtered, live, opened in place, and value-free', async () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => `all${x}-${tag}`);
  await createNamespaces([a, b, c]);
  const values = {};
  for (const ns of [a, b, c]) {
    // Created with `kubectl apply`: their last-applied annotation repeats the values.
    values[ns] = `value-of-${ns}-s3cr3t`;
    await applySecret(cluster, ns, 'shared-name', { password: values[ns] });
    await applySecret(cluster, ns, `only-${ns.slice(3, 4)}`, { token: `${values[ns]}-token`, extra: 'x' });
  }

  const page = await openPage(browser.context);
  const requests = recordSecretRequests(page);
  await page.goto(state.uiUrl);
  await waitConnected(page);
  await row(page, 'db-credentials').waitFor();

  // Chosen by typing: "All" offers "All namespaces" first, Enter takes it.
  await namespacesReady(page);
  const box = namespaceBox(page);
  await box.fill('All');
  await page.getByRole('option', { name: 'All namespaces', exact: true }).waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await box.press('Enter');
  await page.waitForURL(/\?ns=\*$/);
  assert.equal(await box.inputValue(), 'All namespaces');
  assert.equal(await page.locator('.view-title').textContent(), 'Secrets in all namespaces');

  // Rows from each namespace, the Namespace column saying which.
  for (const ns of [a, b, c]) await rowIn(page, ns, 'shared-name').waitFor();
  await rowIn(page, 'default', 'db-credentials').waitFor();
  assert.equal(await rowIn(page, b, 'only-b').getByTestId('row-namespace').textContent(), b);
  const headers = await page.locator('[role=columnheader]:not(.cell-select)').allTextContents();
  assert.deepEqual(headers.map((h) => h.replace(/[▲▼]/g, '')), ['Namespace', 'Name', 'Type', 'Keys', 'Age']);
  const cells = await rowIn(page, c, 'only-c').locator('[role=cell]:not(.cell-select)').allTextContents();
  assert.deepEqual(cells.slice(0, 4), [c, 'only-c', 'Opaque', '2']);

  // Filter by namespace (a part of it, any case), then sort by namespace both ways.
  await page.getByTestId('filter-namespace').fill(tag.toUpperCase());
  await waitForRows(page, [`${a}/only-a`, `${b}/only-b`, `${c}/only-c`, `${a}/shared-name`, `${b}/shared-name`, `${c}/shared-name`]);
  assert.match(await page.getByTestId('list-count').textContent(), /^6 of \d+ secrets$/);
  await page.getByRole('columnheader', { name: /Namespace/ }).getByRole('button').click();
  await waitForRows(page, [`${a}/only-a`, `${a}/shared-name`, `${b}/only-b`, `${b}/shared-name`, `${c}/only-c`, `${c}/shared-name`]);
  assert.equal(await page.getByRole('columnheader', { name: /Namespace/ }).getAttribute('aria-sort'), 'ascending');
  await page.getByRole('columnheader', { name: /Namespace/ }).getByRole('button').click();
  await waitForRows(page, [`${c}/shared-name`, `${c}/only-c`, `${b}/shared-name`, `${b}/only-b`, `${a}/shared-name`, `${a}/only-a`]);
  await page.getByTestId('filter-name').fill('shared');
  await page.getByTestId('filter-namespace').fill(b);
  await waitForRows(page, [`${b}/shared-name`]);
  await page.getByTestId('filter-name').fill('');
  await page.getByTestId('filter-namespace').fill(tag);
  await screenshot(page, 'all-namespaces');

  // What needs one namespace is off, and says why on the page.
  for (const id of ['new-secret', 'check-certificates', 'open-by-name']) {
    assert.equal(await page.getByTestId(id).isDisabled(), true, `${id} disabled`);
  }
  assert.match(await page.getByTestId('needs-one-namespace').textContent(), /work in one namespace/);
  assert.match(await page.getByTestId('new-secret').getAttribute('title'), /one namespace/);

  // Live: a kubectl change in one of the namespaces, and in a namespace made
  // after the list was read, shows without a reload.
  await createSecret(cluster, b, 'arrives-live', { k: 'v' });
  await rowIn(page, b, 'arrives-live').waitFor({ timeout: 10000 });
  await createNamespaces([d]);
  await createSecret(cluster, d, 'shared-name', { k: 'v' });
  await rowIn(page, d, 'shared-name').waitFor({ timeout: 10000 });
  assert.ok(await cluster.kubectl(['delete', 'secret', 'only-a', '-n', a]).then((r) => r.ok));
  await rowIn(page, a, 'only-a').waitFor({ state: 'detached', timeout: 10000 });
  // A change to a name several namespaces hold lands in the right one.
  const patched = await cluster.kubectl(['patch', 'secret', 'shared-name', '-n', c, '--type=merge',
    '-p', JSON.stringify({ stringData: { second: 'x', third: 'y' } })]);
  assert.ok(patched.ok, patched.stderr);
  await page.waitForFunction(([ns]) => document.querySelector(
    `[data-testid=secret-row][data-namespace="${ns}"][data-name="shared-name"] .cell-keys`)?.textContent === '3', [c], { timeout: 10000 });
  assert.equal(await rowIn(page, a, 'shared-name').locator('.cell-keys').textContent(), '1');
  assert.equal(await page.getByTestId('live-problem').count(), 0);

  // Only value-free Tables were asked for: the cluster-wide anchor and watch
  // at /api/v1/secrets, and each namespace's list at the anchor's version.
  const lists = requests.filter((r) => !r.url.searchParams.get('watch'));
  const watches = requests.filter((r) => r.url.searchParams.get('watch'));
  for (const r of requests) {
    assert.match(r.accept, /as=Table;g=meta\.k8s\.io;v=v1/, `${r.url.pathname} asks for a Table`);
    assert.equal(r.url.searchParams.get('includeObject'), 'None', `${r.url.pathname} without objects`);
  }
  assert.ok(lists.some((r) => r.url.pathname.endsWith('/api/v1/secrets')), 'the cluster-wide list was asked');
  assert.ok(watches.some((r) => r.url.pathname.endsWith('/api/v1/secrets')), 'the cluster-wide watch was opened');
  const snapshot = lists.filter((r) => r.url.pathname.endsWith(`/namespaces/${b}/secrets`));
  assert.ok(snapshot.length >= 1, 'each namespace was read');
  assert.ok(snapshot.every((r) => r.url.searchParams.get('resourceVersionMatch') === 'Exact'), 'at the anchor\'s version');
  for (const r of lists) {
    assert.ok(r.body && !/"data"\s*:/.test(r.body), `${r.url.pathname}: no data field`);
    assert.ok(!r.body.includes('last-applied-configuration'), `${r.url.pathname}: no annotations`);
    for (const v of Object.values(values)) {
      assert.ok(!r.body.includes(v) && !r.body.includes(Buffer.from(v).toString('base64')),
        'a list response carried a secret value');
    }
  }

  // A row opens its secret in its own namespace.
  await rowIn(page, b, 'only-b').getByRole('link', { name: 'only-b' }).click();
  await page.getByTestId('secret-detail').waitFor();
  assert.equal(await page.getByTestId('detail-name').textContent(), 'only-b');
  const opened = new URL(page.url());
  assert.equal(opened.searchParams.get('ns'), b);
  assert.equal(opened.searchParams.get('secret'), 'only-b');
  assert.equal(await box.inputValue(), b);
  // Back is all namespaces again; a reload keeps it.
  await page.goBack();
  await page.waitForURL(/\?ns=\*$/);
  await rowIn(page, c, 'shared-name').waitFor();
  await page.reload();
  await waitConnected(page);
  await rowIn(page, c, 'shared-name').waitFor();
  await namespacesReady(page);
  assert.equal(await namespaceBox(page).inputValue(), 'All namespaces');
  assert.equal(await page.locator('.view-title').textContent(), 'Secrets in all namespaces');
  const link = await rowIn(page, c, 'shared-name').getByRole('link').getAttribute('href');
  assert.equal(link, `?ns=${c}&secret=shared-name`);
  await page.close();
});

test('a user who may list secrets in one namespace only is told so for all, and still browses that one', async () => {
  const ns = `allr-${tag}`;
  await createNamespaces([ns]);
  await createSecret(cluster, ns, 'team-secret', { k: 'v' });
  const kubeconfig = cluster.createUser('ns-lister-carol', []);
  for (const args of [
    ['create', 'role', 'list-secrets', '-n', ns, '--verb=get,list,watch', '--resource=secrets'],
    ['create', 'rolebinding', 'carol-lists', '-n', ns, '--role=list-secrets', '--user=ns-lister-carol'],
  ]) {
    const r = await cluster.kubectl(args);
    assert.ok(r.ok, r.stderr);
  }
  const proxy = await cluster.startProxy({ www: distDir, kubeconfig });
  const page = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns: '*' }));
  await waitConnected(page);
  await page.getByTestId('list-error').waitFor();
  assert.equal(await page.getByTestId('list-error').textContent(),
    'You may not list secrets in all namespaces. Choose one namespace at the top: it needs rights in that namespace only.');
  // She may not list namespaces either: she types one. A bad name is caught
  // next to the field and changes nothing.
  await namespacesReady(page);
  const box = namespaceBox(page);
  assert.equal(await box.inputValue(), 'All namespaces');
  await box.fill('Team Space');
  await page.getByTestId('namespace-problem').waitFor();
  assert.match(await page.getByTestId('namespace-problem').textContent(), /RFC 1123 label must consist of lower case alphanumeric characters or '-'/);
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  await box.press('Enter');
  assert.match(page.url(), /\?ns=\*$/);
  await chooseNamespace(page, ns);
  await page.waitForURL(new RegExp(`\\?ns=${ns}$`));
  await row(page, 'team-secret').waitFor();
  assert.equal(await page.getByTestId('list-error').count(), 0);
  assert.equal(await box.inputValue(), ns);
  // Back to all: the same plain sentence, and nothing typed is kept anywhere but the URL.
  await chooseNamespace(page, '*');
  await page.getByTestId('list-error').waitFor();
  assert.match(await page.getByTestId('list-error').textContent(), /^You may not list secrets in all namespaces\./);
  const stored = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, c: document.cookie }));
  assert.ok(!stored.includes(ns), 'the typed namespace is not stored');
  await screenshot(page, 'all-namespaces-forbidden');
  await page.close();
  await proxy.stop();
  await cluster.kubectl(['delete', 'rolebinding', 'carol-lists', '-n', ns]);
});

test('the namespace combobox filters many namespaces, renders the first few, and works from the keyboard', async () => {
  const names = Array.from({ length: 30 }, (_, i) => `pick-${tag}-${String(i).padStart(2, '0')}`);
  await createNamespaces(names);
  const page = await openPage(browser.context, state.uiUrl);
  await waitConnected(page);
  await namespacesReady(page);
  const box = namespaceBox(page);
  assert.equal(await box.getAttribute('role'), 'combobox');
  const listboxId = await box.getAttribute('aria-controls');
  assert.equal(await page.locator(`#${listboxId}`).getAttribute('role'), 'listbox');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');

  // Keyboard only: focus, type, see the first twenty and how many more.
  await box.focus();
  await page.keyboard.type(`pick-${tag}`);
  const options = page.getByRole('listbox', { name: 'Namespaces' }).getByRole('option');
  await page.getByTestId('namespace-more').waitFor();
  assert.equal(await options.count(), 20);
  assert.equal(await page.getByTestId('namespace-more').textContent(), 'and 10 more — keep typing');
  assert.deepEqual(await options.allTextContents(), names.slice(0, 20));
  await page.keyboard.type('-2');
  await page.waitForFunction(() => document.querySelectorAll('[role=listbox] [role=option]').length === 10);
  assert.equal(await page.getByTestId('namespace-more').count(), 0);
  assert.deepEqual(await options.allTextContents(), names.slice(20));

  // Arrows move the active option (aria-activedescendant), Enter takes it.
  const active = async () => {
    const id = await box.getAttribute('aria-activedescendant');
    const option = page.locator(`[id="${id}"]`);
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    return option.textContent();
  };
  assert.equal(await active(), names[20]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), names[22]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(), names[21]);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`\\?ns=${names[21]}$`));
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await box.inputValue(), names[21]);
  assert.equal(await box.getAttribute('aria-activedescendant'), null);

  // Esc closes without choosing, and the field shows the namespace browsed.
  await page.keyboard.type('kube');
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await box.inputValue(), names[21]);
  assert.match(page.url(), new RegExp(`\\?ns=${names[21]}$`));
  // ArrowDown opens all choices at the namespace browsed; "All namespaces" is first.
  await page.keyboard.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.equal((await options.first().textContent()), 'All namespaces');
  assert.equal(await page.getByTestId('namespace-none').count(), 0);
  await page.keyboard.type('no-such-namespace-anywhere');
  await page.getByTestId('namespace-none').waitFor();
  await page.keyboard.press('Escape');
  await page.close();
});
