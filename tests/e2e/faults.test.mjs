// Faults of the cluster during a session: the API server stops and comes back,
// and watches the server ends on its own are renewed. This file runs its own
// control plane (the shared one belongs to another process and cannot be
// stopped from here), with `--min-request-timeout=4` so the server ends every
// watch after 4–8 s instead of minutes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ControlPlane } from '../../harness/control-plane.mjs';
import { clusterState, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { clusterValues, freshNamespace, row, uiUrl, waitConnected } from './support/app.mjs';
import { clusterNames, createSecret, listedNames, recordLiveProblem, recordWatchRequests } from './support/live.mjs';
import { assertSameBytes } from './support/values.mjs';

let cp;
let proxy;
let browser;

before(async () => {
  // The binaries of the shared harness when KEYHOLE_BIN is not set.
  cp = new ControlPlane({ bin: process.env.KEYHOLE_BIN ?? clusterState().bin });
  cp.extraApiserverArgs = ['--min-request-timeout=4'];
  await cp.start();
  proxy = await cp.startProxy({ www: distDir });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await cp?.stop();
});

const entry = (page, i) => page.getByTestId('entry-row').nth(i);

test('the apiserver stops and starts during a session', async () => {
  const ns = await freshNamespace(cp, 'faults');
  const list = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns }));
  await waitConnected(list);
  await list.getByTestId('list-empty').waitFor();

  const form = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns }));
  await waitConnected(form);
  await form.getByTestId('new-secret').click();
  await form.getByTestId('secret-editor').waitFor();
  await form.getByTestId('secret-name').fill('typed-during-outage');
  await entry(form, 0).getByTestId('entry-key').fill('password');
  await entry(form, 0).getByTestId('entry-value').fill('kept-through-the-outage');

  await cp.stopApiserver();

  // Both pages say the proxy runs but the cluster does not answer (the probe
  // re-checks every 15 s while connected), and the list says its live updates stopped.
  for (const page of [list, form]) {
    const banner = page.getByTestId('banner-cluster-down');
    await banner.waitFor({ timeout: 30000 });
    assert.match(await banner.textContent(), /kubectl proxy runs, but cannot reach the cluster/);
    assert.equal(await page.getByTestId('connection-status').textContent(), 'Disconnected');
  }
  await list.getByTestId('live-problem').waitFor({ timeout: 15000 });
  assert.match(await list.getByTestId('live-problem').textContent(), /^Live updates paused, reconnecting: kubectl proxy runs but cannot reach the cluster/);
  // Reviewing now fails with the reason, writes nothing, and keeps the form.
  await form.getByTestId('review').click();
  await form.getByTestId('server-error').waitFor({ timeout: 15000 });
  assert.match(await form.getByTestId('server-error').textContent(), /cannot reach the cluster/);
  assert.equal(await form.getByTestId('preview').count(), 0);
  await screenshot(list, 'faults-apiserver-down-list');
  await screenshot(form, 'faults-apiserver-down-form');
  // What the user typed is still there.
  assert.equal(await form.getByTestId('secret-name').inputValue(), 'typed-during-outage');
  assert.equal(await entry(form, 0).getByTestId('entry-key').inputValue(), 'password');
  assert.ok(await entry(form, 0).getByTestId('entry-value').inputValue() === 'kept-through-the-outage',
    'the typed value survived the outage');

  await cp.startApiserver();

  // The banner goes by itself (re-probed every 3 s while down), no reload.
  for (const page of [list, form]) {
    await page.getByTestId('banner-cluster-down').waitFor({ state: 'detached', timeout: 20000 });
    assert.match(await page.getByTestId('connection-status').textContent(), /^Connected/);
  }

  // The kept form saves now, and the cluster holds exactly what was typed.
  await form.getByTestId('review').click();
  await form.getByTestId('preview').waitFor();
  assert.equal(await form.getByTestId('server-error').count(), 0, 'the outage error is gone');
  await form.getByTestId('confirm-save').click();
  await form.getByTestId('secret-detail').waitFor();
  assertSameBytes((await clusterValues(cp, ns, 'typed-during-outage')).password, 'kept-through-the-outage', 'password');

  // The list's watch reconnected by itself: a secret kubectl creates now shows, no reload.
  await createSecret(cp, ns, 'created-after-restart', { a: '1' });
  await row(list, 'created-after-restart').waitFor({ timeout: 20000 });
  await row(list, 'typed-during-outage').waitFor({ timeout: 5000 });
  await list.getByTestId('live-problem').waitFor({ state: 'detached', timeout: 5000 });
  assert.deepEqual(await listedNames(list), await clusterNames(cp, ns));
  assert.deepEqual(await listedNames(list), ['created-after-restart', 'typed-during-outage']);
  await list.close();
  await form.close();
});

test('a watch the server ends is renewed without gaps', async (t) => {
  const ns = await freshNamespace(cp, 'renew');
  const page = await openPage(browser.context);
  const watches = recordWatchRequests(page);
  await page.goto(uiUrl(proxy.uiUrl, { ns }));
  await waitConnected(page);
  await page.getByTestId('list-empty').waitFor();
  const liveProblemSeen = await recordLiveProblem(page);

  // ~25 s with a new secret every ~4 s: the server ends each watch after
  // 4–8 s, so several renewals fall between creations.
  const delays = [];
  const started = Date.now();
  for (let i = 0; Date.now() - started < 25000; i++) {
    const name = `tick-${i}`;
    const tick = Date.now();
    await createSecret(cp, ns, name, { n: String(i) });
    const created = Date.now();
    await row(page, name).waitFor({ timeout: 10000 });
    delays.push({ name, ms: Date.now() - created });
    await new Promise((r) => setTimeout(r, Math.max(0, 4000 - (Date.now() - tick))));
  }

  t.diagnostic(`delays (ms): ${delays.map((d) => d.ms).join(', ')}; watch requests: ${watches.length}`);
  assert.ok(delays.length >= 6, `created ${delays.length} secrets`);
  const slow = delays.filter((d) => d.ms >= 3000);
  assert.deepEqual(slow, [], `each secret shows within 3 s: ${JSON.stringify(delays)}`);
  assert.ok(watches.length >= 3, `the page renewed its watch (${watches.length} watch requests)`);
  // Each renewal resumes from a version, never from scratch (which would replay every secret).
  assert.ok(watches.every((u) => /[?&]resourceVersion=\d+/.test(u)), 'every watch names a resourceVersion');
  assert.equal(await liveProblemSeen(), false, 'the "live updates paused" note never showed');
  assert.deepEqual(await listedNames(page), await clusterNames(cp, ns));
  await page.close();
});

test('a token secret made while the token controller is down waits, then fills in by itself', async () => {
  const ns = await freshNamespace(cp, 'token-wait');
  // The namespace's default service account comes from the controller manager too.
  for (let i = 0; i < 60 && !(await cp.kubectl(['get', 'serviceaccount', 'default', '-n', ns])).ok; i++) {
    await new Promise((r) => setTimeout(r, 250));
  }
  // Without kube-controller-manager nobody fills in service-account tokens.
  await cp.controllerManager.stop();
  try {
    const page = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns }));
    await waitConnected(page);
    await page.getByTestId('new-secret').click();
    await page.getByTestId('secret-name').fill('ci-token');
    await page.getByTestId('secret-type').selectOption('kubernetes.io/service-account-token');
    await page.getByTestId('token-account').selectOption('default');
    await page.getByTestId('review').click();
    await page.getByTestId('preview').waitFor();
    await page.getByTestId('confirm-save').click();
    await page.getByTestId('secret-detail').waitFor();
    await page.getByTestId('token-waiting').waitFor();
    assert.equal(await page.getByTestId('token-waiting').textContent(), 'Waiting for the cluster to fill in the token…');
    await cp.startControllerManager();
    await page.getByTestId('token-claims').waitFor({ timeout: 30000 });
    assert.match(await page.getByTestId('token-claims').textContent(), new RegExp(`system:serviceaccount:${ns}:default`));
    assert.equal(await page.locator('[data-testid=key-row][data-key=token]').count(), 1, 'the token key row appears, masked');
    await page.close();
  } finally {
    if (!cp.controllerManager.running) await cp.startControllerManager();
  }
});
