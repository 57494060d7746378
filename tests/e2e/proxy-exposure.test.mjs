// What a page from ANOTHER origin can do to a running `kubectl proxy`, which
// adds the user's credentials to every request it forwards. Measured, not
// assumed: the other origin is http://localhost:P (a tiny page of our own),
// the proxy is http://127.0.0.1:Q. Results (README "Security"):
// - fetch cannot READ the API (no CORS headers) and cannot WRITE (simple
//   POSTs get 415, JSON needs a preflight the API refuses);
// - a WebSocket watch is not covered by CORS and DOES receive every secret
//   with its values — the exposure this file documents;
// - Chromium's Local Network Access blocks that from a public website unless
//   the user allows it, but not from a page on the local network;
// - the proxy's Host check (--accept-hosts) stops DNS rebinding;
//   --reject-methods stops writes but not reads; the default --reject-paths
//   stops exec and attach but not port-forward.
// Secret values are never printed: watches report names and digests only.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { freshNamespace, row, uiUrl, waitConnected } from './support/app.mjs';
import { clusterNames, createSecret } from './support/live.mjs';
import { digest } from './support/values.mjs';
import {
  fetchFromPage, launchChromium, listFromPage, rawRequest, serveOtherOrigin, startProxyWithFlags, watchFromPage,
} from './support/cross-origin.mjs';

const { cluster } = attachCluster();
const CANARY_VALUE = `exposure-canary-${crypto.randomBytes(12).toString('hex')}`;
let canary;
let ns;
let proxy;
let other;
let browser;
const toClose = []; // browsers and servers single tests start

before(async () => {
  ns = await freshNamespace(cluster, 'exposure');
  canary = `canary-${Date.now().toString(36)}`;
  await createSecret(cluster, ns, canary, { token: CANARY_VALUE });
  proxy = await cluster.startProxy({ www: distDir });
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
const wsUrl = (p, path) => `ws://127.0.0.1:${p.port}${path}`;
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

test('another origin cannot read the API with fetch: no CORS headers', async () => {
  const page = await otherPage(browser.context);
  const url = `${proxy.url}${secretsPath()}`;
  // A CORS read fails as a network error for the page's script…
  assert.deepEqual(await fetchFromPage(page, url), { ok: false, error: 'TypeError' });
  // …and a no-cors read gets an opaque response: status 0, empty body.
  assert.deepEqual(await fetchFromPage(page, url, { mode: 'no-cors' }),
    { ok: true, type: 'opaque', status: 0, bodyLength: 0 });
  // Why: the proxy does answer (200) but sends no Access-Control-Allow-Origin,
  // so the browser withholds the body from the other origin.
  const replay = await rawRequest(proxy.port, { path: secretsPath(), headers: { Origin: other.origin } });
  assert.equal(replay.status, 200);
  assert.equal(replay.headers['access-control-allow-origin'], undefined);
  await page.close();
});

test('another origin cannot write: simple POSTs get 415, JSON writes fail their preflight', async () => {
  const page = await otherPage(browser.context);
  const url = `${proxy.url}${secretsPath()}`;
  const body = JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'planted' }, stringData: { planted: 'by-another-origin' },
  });
  // "Simple" requests (what an HTML form can send too) go out without a
  // preflight. They reach the API server, which refuses their content type.
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
    const [response, outcome] = await Promise.all([
      page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST'),
      fetchFromPage(page, url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': contentType }, body }),
    ]);
    assert.deepEqual(outcome, { ok: true, type: 'opaque', status: 0, bodyLength: 0 }, contentType);
    assert.equal(response.status(), 415, `${contentType}: the browser saw 415 Unsupported Media Type`);
    const replay = await rawRequest(proxy.port, {
      method: 'POST', path: secretsPath(), headers: { Origin: other.origin, 'Content-Type': contentType }, body,
    });
    assert.equal(replay.status, 415, contentType);
    assert.match(JSON.parse(replay.body).message, /the body of the request was in an unknown format/);
  }
  // A JSON POST and a DELETE need a CORS preflight; the API server answers
  // OPTIONS with 405 and no CORS headers, so the browser never sends them.
  assert.deepEqual(await fetchFromPage(page, url,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }), { ok: false, error: 'TypeError' });
  assert.deepEqual(await fetchFromPage(page, `${url}/${canary}`, { method: 'DELETE' }), { ok: false, error: 'TypeError' });
  const preflight = await rawRequest(proxy.port, {
    method: 'OPTIONS', path: secretsPath(),
    headers: { Origin: other.origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.equal(preflight.status, 405);
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);

  assert.deepEqual(await clusterNames(cluster, ns), [canary], 'nothing was created or deleted');
  await page.close();
});

test('a WebSocket watch from another origin receives every secret, values included', async () => {
  // THE EXPOSURE: WebSockets are not covered by CORS. The API server accepts
  // any Origin on a watch upgrade, the proxy adds the user's credentials, and
  // the other origin's script reads every event — full Secret objects with
  // their data. This test asserts that it works, to document it.
  const page = await otherPage(browser.context);
  const url = wsUrl(proxy, `${secretsPath()}?watch=1`);
  for (const protocols of [[], ['base64.binary.k8s.io'], ['v4.channel.k8s.io']]) {
    const watch = await watchFromPage(page, url, { protocols, untilNames: [canary] });
    assertCanaryReceived(watch, `subprotocols [${protocols}]`);
    // The server echoes whichever single subprotocol was offered: no barrier.
    assert.equal(watch.protocol, protocols[0] ?? '');
  }
  const handshake = await rawRequest(proxy.port, {
    path: `${secretsPath()}?watch=1`,
    headers: {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'), Origin: 'http://evil.example',
    },
  });
  assert.equal(handshake.status, 101, 'any Origin is accepted for a watch upgrade');

  // A socket left open is a live tap: a secret created later arrives too.
  const later = `${canary}-later`;
  await page.evaluate(() => { window.__watchNames = []; });
  const pending = watchFromPage(page, url, { untilNames: [canary, later], timeoutMs: 15000 });
  await page.waitForFunction((n) => window.__watchNames?.includes(n), canary);
  await createSecret(cluster, ns, later, { token: 'created-while-watched' });
  const live = await pending;
  assertCanaryReceived(live, 'live watch');
  const laterEvent = live.events.find((e) => e.name === later);
  assert.equal(laterEvent?.type, 'ADDED', 'the later secret arrived on the open socket');
  assert.ok(laterEvent.digests.token === digest(Buffer.from('created-while-watched')), 'with its value');
  await cluster.kubectl(['delete', 'secret', later, '-n', ns]);

  // Not just one namespace: a cluster-wide watch finds the canary by name.
  const everywhere = await watchFromPage(page,
    wsUrl(proxy, `/api/v1/secrets?watch=1&fieldSelector=${encodeURIComponent(`metadata.name=${canary}`)}`),
    { untilNames: [canary] });
  assertCanaryReceived(everywhere, 'cluster-wide watch');
  assert.equal(everywhere.events.find((e) => e.name === canary).namespace, ns);
  await page.close();
});

test('Chromium\'s Local Network Access stops a public website unless the user allows it, but not a local-network page', async () => {
  // Chromium (since 142) asks the user before a public website may reach a
  // private or loopback address. We make Chromium treat one server of ours as
  // a public website and another as a host on the local network (LAN);
  // headless, the permission prompt is answered "deny".
  const lan = await serveOtherOrigin();
  toClose.push(lan);
  const lna = await launchChromium(
    [`--ip-address-space-overrides=127.0.0.1:${other.port}=public,127.0.0.1:${lan.port}=local`]);
  toClose.push(lna);
  const url = wsUrl(proxy, `${secretsPath()}?watch=1`);

  const page = await otherPage(lna.context);
  assert.deepEqual(await fetchFromPage(page, `${proxy.url}${secretsPath()}`, { mode: 'no-cors' }),
    { ok: false, error: 'TypeError' });
  const blocked = await watchFromPage(page, url, { untilNames: [canary], timeoutMs: 5000 });
  assert.equal(blocked.opened, false);
  assert.equal(blocked.events.length, 0);
  assert.ok(page.consoleMessages.some((m) => /ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS/.test(m)),
    'Chromium says why');
  // One "Allow" on the prompt, and the public page reads every secret again.
  await lna.context.grantPermissions(['local-network-access'], { origin: other.origin });
  assertCanaryReceived(await watchFromPage(page, url, { untilNames: [canary] }), 'public page, after allowing');
  await page.close();

  // A page from the local network needs no permission to reach loopback.
  const lanPage = await openPage(lna.context, `${lan.origin}/`);
  assertCanaryReceived(await watchFromPage(lanPage, url, { untilNames: [canary] }), 'local-network page');
  await lanPage.close();
});

test('DNS rebinding: the default --accept-hosts refuses the rebound host; --disable-filter lets it read everything', async () => {
  // After DNS rebinding, an attacker's page at http://rebind.test:PORT talks
  // to 127.0.0.1:PORT as its OWN origin (so CORS does not apply) — but its
  // requests carry `Host: rebind.test:PORT`, which the proxy's default
  // --accept-hosts (^localhost$, ^127\.0\.0\.1$, ^\[::1\]$) refuses with 403.
  const unfiltered = await startProxyWithFlags(cluster, { www: distDir, flags: ['--disable-filter=true'] });
  const rebinding = await launchChromium(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
  toClose.push(rebinding);
  const listFromRebound = async (p) => {
    const page = await rebinding.context.newPage();
    // Any document of that origin will do for the attacker's script. Not one
    // Playwright fulfils: it has no IP address, so Chromium counts it as
    // public and Local Network Access blocks the fetch (as it would for a real
    // rebinding page first loaded from a public server). A real document
    // from 127.0.0.1 isolates the proxy's Host check; the proxy serves its
    // --www files whatever the Host.
    await page.goto(`http://rebind.test:${p.port}/ui/main.css`);
    const result = await listFromPage(page, secretsPath());
    await page.close();
    return result;
  };
  assert.deepEqual(await listFromRebound(proxy), { status: 403, text: 'Forbidden' });
  const exposed = await listFromRebound(unfiltered);
  assert.equal(exposed.status, 200, '--disable-filter accepts any Host');
  assert.deepEqual(exposed.items, [{ name: canary, keys: ['token'] }]);

  // The check is on the Host header, whatever the Origin.
  assert.equal((await rawRequest(proxy.port, { path: '/version', headers: { Host: `evil.example:${proxy.port}` } })).status, 403);
  assert.equal((await rawRequest(proxy.port, { path: '/version', headers: { Host: `localhost:${proxy.port}` } })).status, 200);
  assert.equal((await rawRequest(unfiltered.port, { path: '/version', headers: { Host: `evil.example:${unfiltered.port}` } })).status, 200);
  await unfiltered.stop();
});

test('--reject-methods makes the proxy read-only, but reads and WebSocket watches still pass; Keyhole works read-only', async () => {
  const readOnly = await startProxyWithFlags(cluster, { www: distDir, flags: ['--reject-methods=POST,PUT,PATCH,DELETE'] });
  const create = await rawRequest(readOnly.port, {
    method: 'POST', path: secretsPath(), headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'planted' }, stringData: { a: 'b' } }),
  });
  assert.deepEqual([create.status, create.body], [403, 'Forbidden\n'], 'the proxy itself refuses the POST');
  const remove = await rawRequest(readOnly.port, { method: 'DELETE', path: `${secretsPath()}/${canary}` });
  assert.equal(remove.status, 403);
  assert.deepEqual(await clusterNames(cluster, ns), [canary], 'nothing was created or deleted');
  // Reads still pass, so the WebSocket exposure remains.
  assert.equal((await rawRequest(readOnly.port, { path: secretsPath() })).status, 200);
  const page = await otherPage(browser.context);
  assertCanaryReceived(await watchFromPage(page, wsUrl(readOnly, `${secretsPath()}?watch=1`), { untilNames: [canary] }),
    'watch through a read-only proxy');
  await page.close();
  // Keyhole itself works read-only behind it: the list loads; its permission
  // checks (SelfSubjectAccessReview is a POST) are refused, so writing is
  // offered disabled, with the reason.
  const app = await openPage(browser.context, uiUrl(`${readOnly.url}/ui/`, { ns }));
  await waitConnected(app);
  await row(app, canary).waitFor();
  await app.waitForFunction(() => document.querySelector('[data-testid=new-secret]')?.title.startsWith('Could not check'));
  assert.equal(await app.getByTestId('new-secret').isDisabled(), true);
  assert.match(await app.getByTestId('new-secret').getAttribute('title'), /kubectl proxy refused the request \(403: Forbidden\); it may run with --reject-methods/);
  await app.close();
  await readOnly.stop();
});

test('the default --reject-paths stops exec and attach at the proxy; port-forward needs adding', async () => {
  const pod = (sub) => `/api/v1/namespaces/${ns}/pods/any/${sub}`;
  const refusedByProxy = async (p, sub) => {
    const r = await rawRequest(p.port, { path: pod(sub) });
    assert.deepEqual([r.status, r.body], [403, 'Forbidden\n'], `${sub}: refused by the proxy (plain-text 403)`);
  };
  for (const sub of ['exec?command=id', 'attach']) await refusedByProxy(proxy, sub);
  // port-forward reaches the API server (a JSON Status: no such pod here).
  const forward = await rawRequest(proxy.port, { path: pod('portforward') });
  assert.equal(forward.status, 404);
  assert.equal(JSON.parse(forward.body).reason, 'NotFound');
  // --reject-paths replaces the default list: repeat exec and attach when adding to it.
  const stricter = await startProxyWithFlags(cluster, {
    www: distDir,
    flags: ['--reject-paths=^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach,^/api/.*/pods/.*/portforward'],
  });
  for (const sub of ['exec?command=id', 'attach', 'portforward']) await refusedByProxy(stricter, sub);
  assert.equal((await rawRequest(stricter.port, { path: secretsPath() })).status, 200, 'the rest still passes');
  await stricter.stop();
});
