// Cluster data is only ever text, the page's CSP holds, and a panic leaves a
// panel with a reload button instead of a blank page — without its message.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { freshNamespace, keyRow, openSecret, row, uiUrl, waitConnected } from './support/app.mjs';

const { state, cluster } = attachCluster();
let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
});

const DESIGN_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
  + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

// Each payload flips a page flag if it ever runs as markup or script.
const payloads = {
  script: '<script>window.__pwned = "script"</script>',
  img: '<img src=x onerror="window.__pwned = \'img\'">',
  svg: '<svg onload="window.__pwned = \'svg\'"></svg>',
  attr: '"><b onmouseover="window.__pwned=1">bold</b>',
};

test('the served page carries the design CSP, and an injected inline script does not run', async () => {
  const served = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const csp = served.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  assert.equal(csp, DESIGN_CSP);

  const page = await openPage(browser.context, state.uiUrl);
  await waitConnected(page);
  const outcome = await page.evaluate(() => new Promise((resolve) => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    const div = document.createElement('div');
    div.innerHTML = '<img src="x" onerror="window.__handlerRan = true">';
    document.body.append(div);
    setTimeout(() => resolve({
      inline: window.__inlineRan === true, handler: window.__handlerRan === true, violations,
    }), 500);
  }));
  assert.equal(outcome.inline, false, 'inline script ran');
  assert.equal(outcome.handler, false, 'inline event handler ran');
  assert.ok(outcome.violations.some((d) => d.startsWith('script-src')), `violations: ${outcome.violations}`);
  // …and the app itself works under it: the list loaded above, rows render.
  await row(page, 'db-credentials').waitFor();
  await page.close();
});

test('names, annotations and values with HTML and script payloads are shown literally', async () => {
  const ns = await freshNamespace(cluster, 'xss');
  const manifest = {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
    metadata: {
      name: 'markup', namespace: ns,
      labels: { app: 'web' },
      annotations: { note: payloads.img, 'x.example/attr': payloads.attr },
    },
    data: Object.fromEntries(Object.entries(payloads).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
  // A type is free text in Kubernetes: it is shown in the list and the detail.
  manifest.type = 'example.com/<b>bold</b>';
  const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(manifest) });
  assert.ok(r.ok, r.stderr);

  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);
  await row(page, 'markup').waitFor();
  assert.equal(await row(page, 'markup').locator('.cell-type').textContent(), 'example.com/<b>bold</b>');
  await openSecret(page, 'markup');
  await page.getByTestId('reveal-all').click();
  for (const [key, value] of Object.entries(payloads)) {
    assert.equal(await keyRow(page, key).getByTestId('value-text').textContent(), value, key);
  }
  const body = await page.locator('body').textContent();
  assert.ok(body.includes(payloads.img) && body.includes(payloads.attr), 'annotations shown as text');
  await page.locator('body').hover();
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.equal(await page.locator('.secret-detail b, .secret-detail img, .secret-detail svg, .secret-detail script').count(), 0);
  await page.getByTestId('reveal-all').click();
  await page.close();
});

test('a panic shows a panel with a reload button and never its message', async () => {
  const page = await openPage(browser.context, state.uiUrl);
  await waitConnected(page);
  const marker = 'PANIC-DETAIL-9f3e2c';
  await page.evaluate(async (m) => {
    const wasm = await import('./keyhole.js');
    try { wasm.keyholeCrashDrill(m); } catch { /* the module traps after the hook */ }
  }, marker);
  const panel = page.locator('.crash-panel[role=alert]');
  await panel.waitFor();
  assert.match(await panel.textContent(), /internal error/);
  await screenshot(page, 'crash-panel');
  assert.ok(!(await page.content()).includes(marker), 'panic text on the page');
  assert.ok(!page.consoleMessages.some((m) => m.includes(marker)), 'panic text in the console');
  assert.ok(page.consoleMessages.some((m) => /Keyhole stopped at .*details withheld/.test(m)));
  await panel.getByRole('button', { name: 'Reload' }).click();
  await waitConnected(page);
  assert.equal(await page.locator('.crash-panel').count(), 0);
  await page.close();
});
