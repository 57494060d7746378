// The live list when the user moves on: a namespace whose list is still
// loading when another one is chosen is dropped without a word. Its late
// answer is neither shown nor reported as a problem on the new list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { chooseNamespace, freshNamespace, namespacesReady, row, uiUrl, waitConnected } from './support/app.mjs';
import { clusterNames, createSecret, listedNames } from './support/live.mjs';

const { state, cluster } = attachCluster();
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// Everything that would tell the user something went wrong with the list.
const PROBLEMS = ['[data-testid=list-error]', '[data-testid=banner-proxy-down]', '[data-testid=live-problem]'];

// Installs, before the app starts, a MutationObserver that remembers every
// problem note that was ever in the page, even for a moment between two polls.
async function recordProblems(page) {
  await page.addInitScript((selectors) => {
    window.__problemsSeen = [];
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        for (const node of m.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE) continue;
          for (const selector of selectors) {
            const hit = node.matches(selector) ? node : node.querySelector(selector);
            if (hit) window.__problemsSeen.push(`${selector}: ${hit.textContent}`);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  }, PROBLEMS);
  return () => page.evaluate(() => window.__problemsSeen);
}

async function until(check, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a namespace left while its list loads is dropped: the chosen one shows its rows and no problem', async () => {
  const left = await freshNamespace(cluster, 'left');
  const chosen = await freshNamespace(cluster, 'chosen');
  await createSecret(cluster, left, 'left-only', { k: 'left' });
  await createSecret(cluster, chosen, 'chosen-a', { k: 'a' });
  await createSecret(cluster, chosen, 'chosen-b', { k: 'b' });
  assert.deepEqual(await clusterNames(cluster, left), ['left-only']);
  assert.deepEqual(await clusterNames(cluster, chosen), ['chosen-a', 'chosen-b']);

  const page = await openPage(browser.context);
  const problemsSeen = await recordProblems(page);
  // Hold back the left namespace's list (unchanged, just late): the page
  // asked for at start-up and any the view sends itself.
  const isLeftList = (url) => url.pathname.endsWith(`/namespaces/${left}/secrets`) && !url.searchParams.has('watch');
  let held = 0;
  let settled = 0;
  await page.route(isLeftList, async (route) => {
    held += 1;
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue();
  });
  const onSettled = (req) => { if (isLeftList(new URL(req.url()))) settled += 1; };
  page.on('requestfinished', onSettled);
  page.on('requestfailed', onSettled);

  await page.goto(uiUrl(state.uiUrl, { ns: left }));
  await waitConnected(page);
  await namespacesReady(page);
  assert.ok(held >= 1, 'the left namespace\'s list was asked for');
  assert.equal(settled, 0, 'the switch happens while that list is still pending');
  await chooseNamespace(page, chosen);
  await page.waitForURL(new RegExp(`[?&]ns=${chosen}(&|$)`));
  await row(page, 'chosen-a').waitFor();
  await row(page, 'chosen-b').waitFor();

  // Let the held answer arrive, and the app take it in.
  await until(() => settled === held, 'the held list to be answered');
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(await listedNames(page), await clusterNames(cluster, chosen));
  assert.equal(await page.getByTestId('list-count').textContent(), '2 secrets');
  assert.deepEqual(await problemsSeen(), [], 'no problem note ever showed');
  for (const selector of PROBLEMS) assert.equal(await page.locator(selector).count(), 0, selector);
  await screenshot(page, 'live-list-namespace-switch');
  await page.close();
  await cluster.kubectl(['delete', 'namespace', left, chosen, '--wait=false']);
});
