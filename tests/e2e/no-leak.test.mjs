// After a session that creates, reveals, copies and rotates values, none of
// them is left in browser storage, cookies, the URLs visited, the title, the
// console, or the page's HTML once masked; nor is the proxy's path prefix
// anywhere but the address bar, and no request carries a Referer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { freshNamespace, keyRow, uiUrl, waitConnected } from './support/app.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;
const CREATED = 'leak-canary-created-7f3a';
const ROTATED = 'leak-canary-rotated-9b1c';

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'leak');
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('values never reach storage, cookies, URLs, the title, the console or the masked page', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await openPage(browser.context);
  const urls = [];
  page.on('framenavigated', (f) => urls.push(f.url()));
  // The page's address holds the proxy's prefix: no request may carry it on.
  const referers = [];
  page.on('request', (req) => {
    const referer = req.headers().referer;
    if (referer) referers.push(req.url().startsWith(state.proxyUrl) ? 'same-origin request' : 'other request');
  });
  await page.goto(uiUrl(state.uiUrl, { ns }));
  await waitConnected(page);

  // Create, reveal, copy.
  await page.getByTestId('new-secret').click();
  await page.getByTestId('secret-name').fill('canary');
  await page.getByTestId('entry-row').nth(0).getByTestId('entry-key').fill('token');
  await page.getByTestId('entry-row').nth(0).getByTestId('entry-value').fill(CREATED);
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('key-row').first().waitFor();
  await page.getByTestId('reveal-all').click();
  await keyRow(page, 'token').getByRole('button', { name: /Copy the value of token/ }).click();
  await page.getByRole('button', { name: 'Reveal values' }).click();

  // Rotate, reveal again, then mask everything.
  await page.getByTestId('edit').click();
  await page.getByTestId('entry-row').nth(0).getByTestId('entry-mode').selectOption('text');
  await page.getByTestId('entry-row').nth(0).getByTestId('entry-value').fill(ROTATED);
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('edit').waitFor();
  await page.getByTestId('reveal-all').click();
  await keyRow(page, 'token').getByTestId('value-text').waitFor();
  await page.getByTestId('reveal-all').click();
  await page.evaluate(() => navigator.clipboard.writeText(''));

  const found = [];
  const check = (where, text) => {
    for (const v of [CREATED, ROTATED, Buffer.from(CREATED).toString('base64'), Buffer.from(ROTATED).toString('base64')]) {
      if (String(text).includes(v)) found.push(where);
    }
  };
  const storage = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    idb: JSON.stringify(await indexedDB.databases()),
  }));
  check('localStorage', storage.local);
  check('sessionStorage', storage.session);
  check('IndexedDB', storage.idb);
  check('cookies', JSON.stringify(await browser.context.cookies()));
  check('URLs', urls.join('\n') + page.url());
  check('title', await page.title());
  check('console', page.consoleMessages.join('\n'));
  check('masked page HTML', await page.content());
  assert.deepEqual(found, [], 'a value leaked');
  // The prefix is the key to the API: only the address bar holds it.
  const prefixFound = Object.entries({
    localStorage: storage.local, sessionStorage: storage.session, IndexedDB: storage.idb,
    cookies: JSON.stringify(await browser.context.cookies()), title: await page.title(),
    console: page.consoleMessages.join('\n'), 'page HTML': await page.content(),
  }).filter(([, text]) => String(text).includes(state.proxyPrefix)).map(([where]) => where);
  assert.deepEqual(prefixFound, [], 'the prefix leaked');
  assert.deepEqual(referers, [], 'no request carries a Referer');
  assert.equal(await page.locator('meta[name=referrer]').getAttribute('content'), 'no-referrer');
  // No link leads off the page's own origin (where the Referer would matter most).
  const offsite = await page.locator('a[href]').evaluateAll((links) =>
    links.map((a) => new URL(a.href, location.href)).filter((u) => u.origin !== location.origin && u.protocol !== 'blob:').length);
  assert.equal(offsite, 0, 'no external link');
  assert.equal(storage.local, '{}');
  assert.equal(storage.session, '{}');
  await page.close();
});
