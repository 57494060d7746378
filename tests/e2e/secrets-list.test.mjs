// The secrets list: values never cross the wire, paging, filters, sorting,
// virtual rows, and live updates from other writers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SAMPLE } from '../../harness/sample-data.mjs';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { applySecret, freshNamespace, namespacesReady, row, uiUrl, waitConnected } from './support/app.mjs';

const { state, cluster } = attachCluster();
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// Every response body the page received for secret lists/watches.
function recordListResponses(page) {
  const bodies = [];
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (/\/secrets$/.test(url.pathname)) {
      const accept = res.request().headers().accept ?? '';
      bodies.push({ url: url.href, accept, body: url.searchParams.get('watch') ? null : await res.text().catch(() => '') });
    }
  });
  return bodies;
}

test('the list shows name, type and key count, and no value ever crosses the wire', async () => {
  // Created with `kubectl apply`, so its last-applied annotation repeats the values.
  await applySecret(cluster, 'default', 'applied-secret', { token: 'applied-token-value-123' });
  const page = await openPage(browser.context);
  const bodies = recordListResponses(page);
  await page.goto(uiUrl(state.uiUrl));
  await waitConnected(page);
  await row(page, 'db-credentials').waitFor();
  await row(page, 'applied-secret').waitFor();
  const cells = await row(page, 'db-credentials').locator('[role=cell]:not(.cell-select)').allTextContents();
  assert.equal(cells[0], 'db-credentials');
  assert.equal(cells[1], 'Opaque');
  assert.equal(cells[2], '3');
  assert.equal((await row(page, 'tls-cert').locator('[role=cell]:not(.cell-select)').allTextContents())[1], 'kubernetes.io/tls');
  await screenshot(page, 'secrets-list');

  assert.ok(bodies.length >= 1, 'the list was fetched');
  for (const b of bodies) {
    assert.match(b.accept, /as=Table;g=meta\.k8s\.io;v=v1/, `${b.url} asks for a Table`);
    assert.match(b.url, /includeObject=None/);
  }
  const secrets = [...Object.values(SAMPLE.dbCredentials), 'applied-token-value-123'];
  for (const b of bodies.filter((x) => x.body !== null)) {
    for (const v of secrets) {
      assert.ok(!b.body.includes(v) && !b.body.includes(Buffer.from(v).toString('base64')),
        'a list response carried a secret value');
    }
  }
  await page.close();
  await cluster.kubectl(['delete', 'secret', 'applied-secret', '-n', 'default']);
});

test('long lists page with limit/continue, show progress, and render only visible rows', async () => {
  const ns = await freshNamespace(cluster, 'paging');
  const items = Array.from({ length: 1100 }, (_, i) => ({
    apiVersion: 'v1', kind: 'Secret', metadata: { name: `s-${String(i).padStart(4, '0')}`, namespace: ns },
    data: { a: 'YQ==' },
  }));
  const created = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) });
  assert.ok(created.ok, created.stderr);

  const page = await openPage(browser.context);
  const lists = [];
  const apiCalls = [];
  const apiBase = new URL(state.proxyBase).pathname; // the proxy's prefix, API and app alike
  let outsideThePrefix = 0;
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith('http') && !url.pathname.startsWith(`${apiBase}/`)) outsideThePrefix += 1;
    if (!url.pathname.startsWith(`${apiBase}/ui/`)) apiCalls.push(url.pathname.slice(apiBase.length));
    if (url.pathname.endsWith('/secrets') && !url.searchParams.get('watch')) lists.push(url);
  });
  // Hold back the later pages a moment (unchanged, just late) to see what the user sees meanwhile.
  await page.route((url) => url.searchParams.has('continue'), async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await page.goto(uiUrl(state.uiUrl, { ns }));
  await row(page, 's-0000').waitFor();
  const progress = await page.getByTestId('list-progress').textContent();
  // No "of 1100": the list carries fieldSelector=type!=helm.sh/release.v1,
  // and the apiserver sends no remainingItemCount for a filtered list.
  assert.match(progress, /^Loading… 1000$/, 'first rows show with progress before the last page');
  await page.waitForFunction(() => document.querySelector('[data-testid=list-count]')?.textContent === '1100 secrets',
    null, { timeout: 30000 });
  // A first page that holds most namespaces, then large ones (few round
  // trips, big enough for the apiserver to gzip), never indented JSON.
  // The first page is asked for before the app renders anything (ahead of
  // the connection probe), and only once: the list view takes that answer.
  assert.equal(apiCalls[0], `/api/v1/namespaces/${ns}/secrets`, `first API call: ${apiCalls[0]}`);
  assert.equal(outsideThePrefix, 0, 'every request of the app and to the API goes under the prefix');
  assert.equal(lists.length, 2, `paged in ${lists.length} requests`);
  assert.equal(lists[0].searchParams.get('limit'), '1000');
  assert.equal(lists[1].searchParams.get('limit'), '5000');
  assert.ok(lists.slice(1).every((u) => u.searchParams.get('continue')), 'later pages continue');
  assert.ok(lists.every((u) => u.searchParams.get('pretty') === 'false'), 'pretty=false');
  const rendered = await page.locator('[data-testid=secret-row]').count();
  assert.ok(rendered > 5 && rendered < 100, `only visible rows are in the DOM (${rendered})`);
  // A taller window fills with rows at once, without a scroll.
  const size = page.viewportSize();
  await page.setViewportSize({ width: size.width, height: size.height + 600 });
  await page.waitForFunction((before) => document.querySelectorAll('[data-testid=secret-row]').length > before,
    rendered, { timeout: 5000 });
  await page.setViewportSize(size);
  // Scrolling to the end brings the last rows.
  await page.getByTestId('rows-viewport').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await row(page, 's-1099').waitFor();
  await page.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('filter by name, type and label selector, and sort by column', async () => {
  const ns = await freshNamespace(cluster, 'filter');
  await applySecret(cluster, ns, 'alpha-db', { a: '1' }, { metadata: { labels: { app: 'db' } } });
  await applySecret(cluster, ns, 'beta-web', { a: '1', b: '2' }, { metadata: { labels: { app: 'web' } } });
  const tls = await cluster.kubectl(['get', 'secret', 'tls-cert', '-n', 'default', '-o', 'json']);
  const tlsObj = JSON.parse(tls.stdout);
  await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'gamma-tls', namespace: ns }, data: tlsObj.data }) });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await row(page, 'gamma-tls').waitFor();
  const names = async () => page.locator('[data-testid=secret-row]').evaluateAll((rows) =>
    rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((r) => r.dataset.name));

  await page.getByTestId('filter-name').fill('ET');
  assert.deepEqual(await names(), ['beta-web']);
  await page.getByTestId('filter-name').fill('');
  await page.getByTestId('filter-type').selectOption('kubernetes.io/tls');
  assert.deepEqual(await names(), ['gamma-tls']);
  await page.getByTestId('filter-type').selectOption('');
  await page.getByTestId('filter-labels').fill('app=db');
  await page.getByTestId('filter-labels').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=list-count]')?.textContent === '1 secrets');
  assert.deepEqual(await names(), ['alpha-db']);
  await page.getByTestId('filter-labels').fill('');
  await page.getByTestId('filter-labels').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=list-count]')?.textContent === '3 secrets');
  assert.deepEqual(await names(), ['alpha-db', 'beta-web', 'gamma-tls']);
  await page.getByRole('button', { name: 'Name' }).click();
  assert.deepEqual(await names(), ['gamma-tls', 'beta-web', 'alpha-db']);
  await page.getByRole('button', { name: 'Keys' }).click();
  assert.equal((await names())[0], 'alpha-db');
  await page.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('changes by other writers appear live, and a deleted secret disappears', async () => {
  const ns = await freshNamespace(cluster, 'live');
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await page.waitForFunction(() => document.querySelector('[data-testid=list-count]')?.textContent === '0 secrets');
  await page.getByTestId('list-empty').waitFor();
  await applySecret(cluster, ns, 'arrives-later', { one: '1' });
  await row(page, 'arrives-later').waitFor({ timeout: 1000 });
  await applySecret(cluster, ns, 'arrives-later', { one: '1', two: '2' });
  await page.waitForFunction(() =>
    document.querySelector('[data-name="arrives-later"] .cell-keys')?.textContent === '2', null, { timeout: 1000 });
  // The AGE column keeps counting for rows that arrived live.
  await page.waitForFunction(() =>
    /^[1-9][0-9]*s$/.test(document.querySelector('[data-name="arrives-later"] .cell-age')?.textContent ?? ''),
  null, { timeout: 4000 });
  await cluster.kubectl(['delete', 'secret', 'arrives-later', '-n', ns]);
  await row(page, 'arrives-later').waitFor({ state: 'detached', timeout: 1000 });
  await page.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('placeholder rows show while the first page loads; an empty namespace says what to do next', async () => {
  const ns = await freshNamespace(cluster, 'empty');
  const page = await openPage(browser.context);
  // Hold back the first page (unchanged, just late) to see what the user sees meanwhile.
  await page.route((url) => url.pathname.endsWith('/secrets') && !url.searchParams.has('watch'), async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await page.goto(uiUrl(state.uiUrl, { ns }));
  await page.getByTestId('list-skeleton').waitFor();
  assert.equal(await page.getByTestId('list-skeleton').getAttribute('aria-hidden'), 'true');
  await page.getByTestId('list-empty').waitFor();
  assert.equal(await page.getByTestId('list-skeleton').count(), 0);
  assert.match(await page.getByTestId('list-empty').textContent(), /New secret/);
  await page.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('the rows come first: the connection check, the namespace names and the permission reviews are asked for once the rows are shown, and still arrive', async () => {
  const page = await openPage(browser.context);
  // Each request the app sends, as it sends it: its API path (the proxy's
  // prefix cut off in the page) and how many rows the list showed then.
  await page.addInitScript(() => {
    const send = window.fetch;
    window.__sent = [];
    window.fetch = function (input, init) {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      // The module itself is fetched by the glue: not a question to the cluster.
      if (/\.wasm$/.test(url.pathname)) return send.call(this, input, init);
      const path = url.pathname.replace(/^.*?(?=\/(api|apis|version|ui)(\/|$))/, '');
      // The list's own requests: its pages, then its watch.
      window.__sent.push({ path, list: path.endsWith('/secrets'), watch: url.searchParams.has('watch'),
        rows: document.querySelectorAll('[data-testid=secret-row]').length });
      return send.call(this, input, init);
    };
  });
  await page.goto(uiUrl(state.uiUrl));
  await row(page, 'db-credentials').waitFor();
  // What the later requests are for still shows: the cluster's version, the
  // namespace picker's names, New secret enabled by the review's yes.
  await waitConnected(page);
  assert.match(await page.getByTestId('connection-status').textContent(), /^Connected · Kubernetes v1\.\d+/);
  await namespacesReady(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=new-secret]')?.disabled === false, null, { timeout: 20000 });

  const sent = await page.evaluate(() => window.__sent);
  assert.ok(sent[0]?.list && !sent[0].watch && sent[0].rows === 0, `the first request is the list's page, not ${sent[0]?.path}`);
  const early = sent.filter((r) => !r.list && r.rows === 0).map((r) => r.path);
  assert.deepEqual(early, [], 'nothing else was asked for before the rows were shown');
  const paths = new Set(sent.map((r) => r.path));
  for (const wanted of ['/version', '/api/v1/namespaces', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews']) {
    assert.ok(paths.has(wanted), `${wanted} was asked for (asked: ${[...paths].join(', ')})`);
  }
  await page.close();
});
