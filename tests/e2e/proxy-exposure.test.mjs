// What a page from ANOTHER origin can do to a running `kubectl proxy`, which
// adds the user's credentials to every request it forwards — measured side
// by side for two setups on the same cluster:
// - "plain": `kubectl proxy --www=dist --www-prefix=/ui/` (the API at the
//   root, kubectl's defaults), as Keyhole was served before;
// - "keyhole": the run command's proxy (harness/keyhole-proxy.mjs): the API
//   and the app only under an unguessable prefix, port-forward refused too.
// The other origin is http://localhost:P (a tiny page of our own), the
// proxies are http://127.0.0.1:Q. It knows the proxy's port but not the
// prefix, so it aims at the root paths. Results (README "Security"):
// - plain: fetch cannot read (no CORS headers) or write (415 / failed
//   preflight), but a WebSocket watch receives every secret with its values,
//   from a local or LAN page, and from a public one once "Allow" is clicked;
// - keyhole: every one of those requests answers 404 before it reaches the
//   API server; a scan of the root finds nothing that leads to the prefix.
// Secret values and the prefix are never printed: watches report names and
// digests only, and assertions name the setup, not the URL.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { freePort } from '../../harness/free-port.mjs';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { freshNamespace, openSecret, row, uiUrl, waitConnected } from './support/app.mjs';
import { clusterNames, createSecret } from './support/live.mjs';
import { digest } from './support/values.mjs';
import {
  fetchFromPage, launchChromium, listFromPage, rawRequest, serveOtherOrigin, watchFromPage,
} from './support/cross-origin.mjs';

const { cluster } = attachCluster();
const CANARY_VALUE = `exposure-canary-${crypto.randomBytes(12).toString('hex')}`;
let canary;
let ns;
let plain;
let keyhole;
let other;
let browser;
const toClose = []; // browsers and servers single tests start

before(async () => {
  ns = await freshNamespace(cluster, 'exposure');
  canary = `canary-${Date.now().toString(36)}`;
  await createSecret(cluster, ns, canary, { token: CANARY_VALUE });
  plain = await cluster.startProxy({ www: distDir, prefix: null, rejectPaths: null });
  keyhole = await cluster.startProxy({ www: distDir });
  other = await serveOtherOrigin();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const thing of toClose.reverse()) await thing.close();
  await other?.close();
  await cluster.stopProcesses();
  if (ns) await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

const secretsPath = () => `/api/v1/namespaces/${ns}/secrets`;
// What another origin aims at: the proxy's root, as it does not know the prefix.
const wsUrl = (p, path) => `ws://127.0.0.1:${p.port}${path}`;
// The path the app itself uses on the keyhole proxy (the control experiments).
const prefixed = (p, path) => (p.prefix ? `/${p.prefix}${path}` : path);
const expectedDigest = () => digest(Buffer.from(CANARY_VALUE));

// The page of the other origin, in the given browser context.
const otherPage = (context) => openPage(context, `${other.origin}/`);

// Asserts a watch delivered the canary secret, value included (compared by digest).
function assertCanaryReceived(watch, label) {
  assert.equal(watch.opened, true, `${label}: the WebSocket opened`);
  const events = watch.events.filter((e) => e.name === canary);
  assert.equal(events.length, 1, `${label}: one event for the canary`);
  assert.equal(events[0].type, 'ADDED');
  assert.equal(events[0].kind, 'Secret');
  assert.deepEqual(events[0].keys, ['token']);
  assert.ok(events[0].digests.token === expectedDigest(), `${label}: the page received the canary's value (digests compared)`);
}

// Asserts a watch reached nothing: no socket, no event.
function assertNothingReceived(watch, label) {
  assert.equal(watch.opened, false, `${label}: the WebSocket did not open`);
  assert.equal(watch.events.length, 0, `${label}: no event`);
}

// A 404 from the proxy itself: plain text, and nothing in it that names the prefix.
function assertProxy404(response, label) {
  assert.equal(response.status, 404, `${label}: 404`);
  assert.ok(!response.body.includes(keyhole.prefix), `${label}: the answer does not hold the prefix`);
}

test('another origin cannot read the API with fetch; with the prefix the request does not even reach it', async () => {
  const page = await otherPage(browser.context);
  for (const p of [plain, keyhole]) {
    const url = `${p.url}${secretsPath()}`;
    // A CORS read fails as a network error for the page's script…
    assert.deepEqual(await fetchFromPage(page, url), { ok: false, error: 'TypeError' });
    // …and a no-cors read gets an opaque response: status 0, empty body.
    assert.deepEqual(await fetchFromPage(page, url, { mode: 'no-cors' }),
      { ok: true, type: 'opaque', status: 0, bodyLength: 0 });
  }
  // Why, plain: the proxy does answer (200) but sends no
  // Access-Control-Allow-Origin, so the browser withholds the body.
  const replay = await rawRequest(plain.port, { path: secretsPath(), headers: { Origin: other.origin } });
  assert.equal(replay.status, 200);
  assert.equal(replay.headers['access-control-allow-origin'], undefined);
  // With the prefix, the same request is a 404 from the proxy; the app's own
  // path is the only one that reads.
  assertProxy404(await rawRequest(keyhole.port, { path: secretsPath(), headers: { Origin: other.origin } }), 'keyhole, root path');
  assert.equal((await rawRequest(keyhole.port, { path: prefixed(keyhole, secretsPath()) })).status, 200, 'keyhole, prefixed path');
  await page.close();
});

test('another origin cannot write: simple POSTs get 415 (404 with the prefix), JSON writes fail their preflight', async () => {
  const page = await otherPage(browser.context);
  const body = JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'planted' }, stringData: { planted: 'by-another-origin' },
  });
  for (const [p, expected] of [[plain, 415], [keyhole, 404]]) {
    const url = `${p.url}${secretsPath()}`;
    // "Simple" requests (what an HTML form can send too) go out without a
    // preflight. Plain: they reach the API server, which refuses their
    // content type. Keyhole: the proxy answers 404 for the unprefixed path.
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const [response, outcome] = await Promise.all([
        page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST'),
        fetchFromPage(page, url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': contentType }, body }),
      ]);
      assert.deepEqual(outcome, { ok: true, type: 'opaque', status: 0, bodyLength: 0 }, contentType);
      assert.equal(response.status(), expected, `${contentType}: the browser saw ${expected}`);
      const replay = await rawRequest(p.port, {
        method: 'POST', path: secretsPath(), headers: { Origin: other.origin, 'Content-Type': contentType }, body,
      });
      assert.equal(replay.status, expected, contentType);
      if (p === plain) assert.match(JSON.parse(replay.body).message, /the body of the request was in an unknown format/);
    }
    // A JSON POST and a DELETE need a CORS preflight, which fails: the
    // browser never sends them.
    assert.deepEqual(await fetchFromPage(page, url,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }), { ok: false, error: 'TypeError' });
    assert.deepEqual(await fetchFromPage(page, `${url}/${canary}`, { method: 'DELETE' }), { ok: false, error: 'TypeError' });
  }
  // Plain: the API server answers OPTIONS with 405 and no CORS headers.
  // Keyhole: the proxy answers 404.
  const preflight = (p) => rawRequest(p.port, {
    method: 'OPTIONS', path: secretsPath(),
    headers: { Origin: other.origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  const plainPreflight = await preflight(plain);
  assert.equal(plainPreflight.status, 405);
  assert.equal(plainPreflight.headers['access-control-allow-origin'], undefined);
  assertProxy404(await preflight(keyhole), 'keyhole preflight');

  assert.deepEqual(await clusterNames(cluster, ns), [canary], 'nothing was created or deleted');
  await page.close();
});

test('a WebSocket watch from another origin receives every secret without the prefix, and nothing with it', async () => {
  // THE EXPOSURE the prefix closes: WebSockets are not covered by CORS. The
  // API server accepts any Origin on a watch upgrade, the proxy adds the
  // user's credentials, and the other origin's script reads every event —
  // full Secret objects with their data.
  const page = await otherPage(browser.context);
  const upgrade = (p, path) => rawRequest(p.port, {
    path,
    headers: {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'), Origin: 'http://evil.example',
    },
  });
  for (const protocols of [[], ['base64.binary.k8s.io'], ['v4.channel.k8s.io']]) {
    const label = `subprotocols [${protocols}]`;
    const watch = await watchFromPage(page, wsUrl(plain, `${secretsPath()}?watch=1`), { protocols, untilNames: [canary] });
    assertCanaryReceived(watch, `plain, ${label}`);
    // The server echoes whichever single subprotocol was offered: no barrier.
    assert.equal(watch.protocol, protocols[0] ?? '');
    assertNothingReceived(await watchFromPage(page, wsUrl(keyhole, `${secretsPath()}?watch=1`),
      { protocols, untilNames: [canary], timeoutMs: 3000 }), `keyhole, ${label}`);
  }
  assert.equal((await upgrade(plain, `${secretsPath()}?watch=1`)).status, 101, 'plain: any Origin is accepted for a watch upgrade');
  assertProxy404(await upgrade(keyhole, `${secretsPath()}?watch=1`), 'keyhole, root watch upgrade');
  // The prefixed path still upgrades: the 404 is the prefix's doing, not a broken proxy.
  assert.equal((await upgrade(keyhole, prefixed(keyhole, `${secretsPath()}?watch=1`))).status, 101, 'keyhole, prefixed upgrade');

  // A socket left open is a live tap: a secret created later arrives too.
  const later = `${canary}-later`;
  await page.evaluate(() => { window.__watchNames = []; });
  const pending = watchFromPage(page, wsUrl(plain, `${secretsPath()}?watch=1`), { untilNames: [canary, later], timeoutMs: 15000 });
  await page.waitForFunction((n) => window.__watchNames?.includes(n), canary);
  await createSecret(cluster, ns, later, { token: 'created-while-watched' });
  const live = await pending;
  assertCanaryReceived(live, 'plain, live watch');
  const laterEvent = live.events.find((e) => e.name === later);
  assert.equal(laterEvent?.type, 'ADDED', 'the later secret arrived on the open socket');
  assert.ok(laterEvent.digests.token === digest(Buffer.from('created-while-watched')), 'with its value');
  await cluster.kubectl(['delete', 'secret', later, '-n', ns]);

  // Not just one namespace: a cluster-wide watch finds the canary by name.
  const everywhere = `/api/v1/secrets?watch=1&fieldSelector=${encodeURIComponent(`metadata.name=${canary}`)}`;
  const wide = await watchFromPage(page, wsUrl(plain, everywhere), { untilNames: [canary] });
  assertCanaryReceived(wide, 'plain, cluster-wide watch');
  assert.equal(wide.events.find((e) => e.name === canary).namespace, ns);
  assertNothingReceived(await watchFromPage(page, wsUrl(keyhole, everywhere), { untilNames: [canary], timeoutMs: 3000 }),
    'keyhole, cluster-wide watch');
  await page.close();
});

test('Chromium\'s Local Network Access: a public site after "Allow" and a LAN page read everything without the prefix, nothing with it', async () => {
  // Chromium (since 142) asks the user before a public website may reach a
  // private or loopback address. We make Chromium treat one server of ours as
  // a public website and another as a host on the local network (LAN);
  // headless, the permission prompt is answered "deny".
  const lan = await serveOtherOrigin();
  toClose.push(lan);
  const lna = await launchChromium(
    [`--ip-address-space-overrides=127.0.0.1:${other.port}=public,127.0.0.1:${lan.port}=local`]);
  toClose.push(lna);
  const watchUrl = (p) => wsUrl(p, `${secretsPath()}?watch=1`);

  const page = await otherPage(lna.context);
  assert.deepEqual(await fetchFromPage(page, `${plain.url}${secretsPath()}`, { mode: 'no-cors' }),
    { ok: false, error: 'TypeError' });
  assertNothingReceived(await watchFromPage(page, watchUrl(plain), { untilNames: [canary], timeoutMs: 5000 }), 'public page, plain');
  assert.ok(page.consoleMessages.some((m) => /ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS/.test(m)),
    'Chromium says why');
  // One "Allow" on the prompt: the public page reads every secret through
  // the plain proxy, and still nothing through the prefixed one.
  await lna.context.grantPermissions(['local-network-access'], { origin: other.origin });
  assertCanaryReceived(await watchFromPage(page, watchUrl(plain), { untilNames: [canary] }), 'public page after allowing, plain');
  assertNothingReceived(await watchFromPage(page, watchUrl(keyhole), { untilNames: [canary], timeoutMs: 3000 }),
    'public page after allowing, keyhole');
  await page.close();

  // A page from the local network needs no permission to reach loopback.
  const lanPage = await openPage(lna.context, `${lan.origin}/`);
  assertCanaryReceived(await watchFromPage(lanPage, watchUrl(plain), { untilNames: [canary] }), 'local-network page, plain');
  assertNothingReceived(await watchFromPage(lanPage, watchUrl(keyhole), { untilNames: [canary], timeoutMs: 3000 }),
    'local-network page, keyhole');
  await lanPage.close();
});

test('DNS rebinding: the plain proxy\'s --accept-hosts refuses the rebound host, and only without it gives everything away; with the prefix the root leads nowhere', async () => {
  // After DNS rebinding, an attacker's page at http://rebind.test:PORT talks
  // to 127.0.0.1:PORT as its OWN origin (so CORS does not apply) — but its
  // requests carry `Host: rebind.test:PORT`, which the proxy's default
  // --accept-hosts (^localhost$, ^127\.0\.0\.1$, ^\[::1\]$) refuses with 403.
  const plainUnfiltered = await cluster.startProxy({ www: distDir, prefix: null, rejectPaths: null, extra: ['--disable-filter=true'] });
  const keyholeUnfiltered = await cluster.startProxy({ www: distDir, extra: ['--disable-filter=true'] });
  const rebinding = await launchChromium(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
  toClose.push(rebinding);
  const listFromRebound = async (p) => {
    const page = await rebinding.context.newPage();
    // Any document of that origin will do for the attacker's script, as long
    // as it really comes from 127.0.0.1 (one Playwright fulfils has no IP
    // address, so Chromium would count it public and Local Network Access
    // would block the fetch, as for a real rebinding page first loaded from a
    // public server): whatever the proxy answers for its root.
    await page.goto(`http://rebind.test:${p.port}/`);
    const result = await listFromPage(page, secretsPath());
    await page.close();
    return result;
  };
  assert.deepEqual(await listFromRebound(plain), { status: 403, text: 'Forbidden' });
  // Keyhole: the root path is not the API at all, whatever the Host.
  assert.deepEqual(await listFromRebound(keyhole), { status: 404, text: '404 page not found' });
  const exposed = await listFromRebound(plainUnfiltered);
  assert.equal(exposed.status, 200, 'plain with --disable-filter accepts any Host');
  assert.deepEqual(exposed.items, [{ name: canary, keys: ['token'] }]);
  const guarded = await listFromRebound(keyholeUnfiltered);
  assert.equal(guarded.status, 404, 'keyhole with --disable-filter: the root path leads nowhere');

  // The Host check still guards the prefixed paths, whatever the Origin.
  for (const p of [plain, keyhole]) {
    assert.equal((await rawRequest(p.port, { path: prefixed(p, '/version'), headers: { Host: `evil.example:${p.port}` } })).status, 403);
    assert.equal((await rawRequest(p.port, { path: prefixed(p, '/version'), headers: { Host: `localhost:${p.port}` } })).status, 200);
  }
  assert.equal((await rawRequest(plainUnfiltered.port, { path: '/version', headers: { Host: `evil.example:${plainUnfiltered.port}` } })).status, 200);
  await plainUnfiltered.stop();
  await keyholeUnfiltered.stop();
});

test('a scan of the prefixed proxy\'s port finds it open but reaches nothing and learns nothing of the prefix', async () => {
  // A page can find a listening port (an opaque answer instead of a network
  // error). Plain: from there, the well-known paths lead to everything.
  // Keyhole: every guess is a bare 404 that says nothing about the prefix.
  const page = await otherPage(browser.context);
  const closedPort = await freePort(); // nothing listens there
  const guesses = ['/', '/ui/', '/api', '/apis', '/version', '/healthz', '/openapi/v2', '/api/v1/secrets',
    '/ui/keyhole-serving.json', `/${keyhole.prefix.slice(0, 6)}/ui/`, `/${keyhole.prefix.slice(0, -1)}/api`];

  const probe = async (port) => fetchFromPage(page, `http://127.0.0.1:${port}/`, { mode: 'no-cors' });
  assert.deepEqual(await probe(closedPort), { ok: false, error: 'TypeError' }, 'a closed port: network error');
  assert.equal((await probe(keyhole.port)).type, 'opaque', 'the proxy\'s port is found open');

  for (const guess of guesses) assertProxy404(await rawRequest(keyhole.port, { path: guess }), `keyhole ${guess}`);
  for (const guess of ['/api/v1/secrets?watch=1', '/ui/api/v1/secrets?watch=1', '/k/api/v1/secrets?watch=1']) {
    assertNothingReceived(await watchFromPage(page, wsUrl(keyhole, guess), { timeoutMs: 2000 }), `keyhole ws ${guess}`);
  }
  // Plain, for comparison: the same guesses find the app and the API.
  assert.equal((await rawRequest(plain.port, { path: '/ui/' })).status, 200);
  assert.equal((await rawRequest(plain.port, { path: '/version' })).status, 200);
  assert.equal((await rawRequest(plain.port, { path: '/api/v1/secrets' })).status, 200);
  await page.close();
});

test('read-only: --reject-methods refuses writes at the proxy; Keyhole works read-only and says so', async () => {
  const readOnly = await cluster.startProxy({ www: distDir, readOnly: true });
  const create = await rawRequest(readOnly.port, {
    method: 'POST', path: prefixed(readOnly, secretsPath()), headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'planted' }, stringData: { a: 'b' } }),
  });
  assert.deepEqual([create.status, create.body], [403, 'Forbidden\n'], 'the proxy itself refuses the POST');
  const remove = await rawRequest(readOnly.port, { method: 'DELETE', path: prefixed(readOnly, `${secretsPath()}/${canary}`) });
  assert.equal(remove.status, 403);
  assert.deepEqual(await clusterNames(cluster, ns), [canary], 'nothing was created or deleted');
  assert.equal((await rawRequest(readOnly.port, { path: prefixed(readOnly, secretsPath()) })).status, 200, 'reads pass');
  // --reject-methods alone does not stop the WebSocket read; the prefix does.
  const plainReadOnly = await cluster.startProxy({ www: distDir, prefix: null, rejectPaths: null, readOnly: true });
  const page = await otherPage(browser.context);
  assertCanaryReceived(await watchFromPage(page, wsUrl(plainReadOnly, `${secretsPath()}?watch=1`), { untilNames: [canary] }),
    'watch through a plain read-only proxy');
  assertNothingReceived(await watchFromPage(page, wsUrl(readOnly, `${secretsPath()}?watch=1`), { untilNames: [canary], timeoutMs: 3000 }),
    'watch through the keyhole read-only proxy');
  await page.close();
  await plainReadOnly.stop();
  // Keyhole behind it: the list loads; the header says read-only; its
  // permission checks (SelfSubjectAccessReview is a POST) are refused, so
  // writing is offered disabled, with the reason.
  const app = await openPage(browser.context, uiUrl(readOnly.uiUrl, { ns }));
  await waitConnected(app);
  await row(app, canary).waitFor();
  await app.getByTestId('read-only-badge').waitFor();
  await app.waitForFunction(() => document.querySelector('[data-testid=new-secret]')?.title.includes('read-only'));
  assert.equal(await app.getByTestId('new-secret').isDisabled(), true);
  assert.equal(await app.getByTestId('new-secret').getAttribute('title'), 'This Keyhole is served read-only: kubectl proxy refuses every change.');
  // The secret's page says so once, not once for each action it checked.
  await openSecret(app, canary);
  await app.getByTestId('denied-actions').waitFor();
  assert.equal(await app.getByTestId('denied-actions').textContent(),
    'Some actions are unavailable to you. This Keyhole is served read-only: kubectl proxy refuses every change.');
  for (const action of ['edit', 'copy-to-new', 'delete']) assert.equal(await app.getByTestId(action).isDisabled(), true, `${action} is disabled`);
  await app.close();
  await readOnly.stop();
});

test('kubectl\'s default --reject-paths stops exec and attach; Keyhole\'s proxy stops port-forward too, under its prefix', async () => {
  const pod = (p, sub) => prefixed(p, `/api/v1/namespaces/${ns}/pods/any/${sub}`);
  const refusedByProxy = async (p, sub) => {
    const r = await rawRequest(p.port, { path: pod(p, sub) });
    assert.deepEqual([r.status, r.body], [403, 'Forbidden\n'], `${sub}: refused by the proxy (plain-text 403)`);
  };
  for (const sub of ['exec?command=id', 'attach']) await refusedByProxy(plain, sub);
  // port-forward reaches the API server (a JSON Status: no such pod here).
  const forward = await rawRequest(plain.port, { path: pod(plain, 'portforward') });
  assert.equal(forward.status, 404);
  assert.equal(JSON.parse(forward.body).reason, 'NotFound');
  // --reject-paths matches the path after the prefix is stripped, so the
  // run command's list (which replaces the default) covers all three.
  for (const sub of ['exec?command=id', 'attach', 'portforward']) await refusedByProxy(keyhole, sub);
  assert.equal((await rawRequest(keyhole.port, { path: prefixed(keyhole, secretsPath()) })).status, 200, 'the rest still passes');
});
