// The app shell against the real control plane, served by kubectl proxy --www.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { chooseNamespace, namespaceBox, namespacesReady } from './support/app.mjs';

const { state, cluster } = attachCluster();
let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
});

const status = (page) => page.getByTestId('connection-status');

async function serverVersion() {
  const r = await cluster.kubectl(['version', '-o', 'json']);
  return JSON.parse(r.stdout).serverVersion.gitVersion;
}

test('the header shows the cluster version and a namespace picker fed by the API', async () => {
  const namespaceNames = async () => JSON.parse((await cluster.kubectl(['get', 'namespaces', '-o', 'json'])).stdout).items;
  const before = await namespaceNames();
  const page = await openPage(browser.context, state.uiUrl);
  const version = await serverVersion();
  await page.waitForFunction(
    (v) => document.querySelector('[data-testid=connection-status]')?.textContent === `Connected · Kubernetes ${v}`,
    version);
  await namespacesReady(page);
  const box = namespaceBox(page);
  await box.click();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  const options = await page.getByRole('listbox', { name: 'Namespaces' }).getByRole('option').allTextContents();
  const more = Number((await page.getByTestId('namespace-more').textContent().catch(() => 'and 0 more')).match(/and (\d+) more/)[1]);
  // Earlier test files delete their namespaces without waiting: one may be
  // terminating, and gone, between kubectl's reads and the page's.
  const after = await namespaceNames();
  const active = after.filter((n) => n.status?.phase !== 'Terminating').map((n) => n.metadata.name);
  const seen = new Set([...before, ...after].map((n) => n.metadata.name));
  assert.equal(options[0], 'All namespaces', 'all namespaces first');
  assert.match(options[1], /^✓?default$/, 'then the default namespace');
  const names = options.slice(1).map((o) => o.replace(/^✓/, ''));
  assert.deepEqual(names.filter((o) => !seen.has(o)), [], 'nothing but namespaces is offered');
  assert.ok(names.length + more >= active.length && names.length + more <= seen.size,
    `every namespace is offered or counted (${names.length} + ${more} of ${active.length})`);
  // Any of them is found by typing.
  for (const ns of ['kube-system', active[active.length - 1]]) {
    await box.fill(ns);
    await page.getByRole('option', { name: ns, exact: true }).waitFor();
  }
  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await box.inputValue(), 'default');
  await screenshot(page, 'shell');
  assert.deepEqual(page.consoleMessages.filter((m) => /error/i.test(m)), []);
  await page.close();
});

test('the chosen namespace lives in the URL and survives a reload', async () => {
  const page = await openPage(browser.context, state.uiUrl);
  await chooseNamespace(page, 'kube-system');
  await page.waitForURL(/\?ns=kube-system$/);
  await page.reload();
  await namespacesReady(page);
  assert.equal(await namespaceBox(page).inputValue(), 'kube-system');
  assert.match(await page.locator('.view-title').textContent(), /kube-system/);
  await page.close();
});

test('a stopped proxy gets the restart command, and the app reconnects by itself', async () => {
  let proxy = await cluster.startProxy({ www: distDir });
  const page = await openPage(browser.context, proxy.uiUrl);
  await page.waitForFunction(() => /^Connected/.test(document.querySelector('[data-testid=connection-status]')?.textContent));
  await proxy.stop();
  const banner = page.getByTestId('banner-proxy-down');
  await banner.waitFor({ timeout: 30000 });
  // The run command keeps the prefix, so it is the way back to this
  // address; the banner names it with this session's options, never the prefix.
  const text = await banner.textContent();
  assert.ok(text.includes(`harness/run.sh --port ${proxy.port} --context keyhole-admin@keyhole-local`), 'the restart command');
  assert.ok(!text.includes(proxy.prefix), 'the banner does not show the prefix');
  assert.equal(await status(page).textContent(), 'Disconnected');
  await screenshot(page, 'banner-proxy-down');
  proxy = await cluster.startProxy({ www: distDir, port: proxy.port, prefix: proxy.prefix });
  await banner.waitFor({ state: 'detached', timeout: 15000 });
  assert.match(await status(page).textContent(), /^Connected/);
  await page.close();
  await proxy.stop();
});

test('a proxy that cannot reach the cluster shows the proxy\'s own error', async () => {
  // A kubeconfig whose server is a closed port: the proxy runs, the cluster does not answer.
  const admin = JSON.parse(fs.readFileSync(state.adminKubeconfig, 'utf8'));
  admin.clusters[0].cluster.server = 'https://127.0.0.1:9';
  const broken = path.join(state.dir, 'users', 'unreachable.kubeconfig');
  fs.writeFileSync(broken, JSON.stringify(admin));
  const proxy = await cluster.startProxy({ www: distDir, kubeconfig: broken });
  const page = await openPage(browser.context, proxy.uiUrl);
  const banner = page.getByTestId('banner-cluster-down');
  await banner.waitFor({ timeout: 15000 });
  assert.match(await banner.textContent(), /connection refused/);
  await screenshot(page, 'banner-cluster-down');
  await page.close();
  await proxy.stop();
});

test('the page carries the CSP and an injected inline script does not run', async () => {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  assert.match(html, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script> in index.html');
  const page = await openPage(browser.context, state.uiUrl);
  await page.waitForFunction(() => /^Connected/.test(document.querySelector('[data-testid=connection-status]')?.textContent));
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__keyholeInjected = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 100));
    return window.__keyholeInjected === true;
  });
  assert.equal(ran, false, 'inline script must be blocked by the CSP');
  await page.close();
});
