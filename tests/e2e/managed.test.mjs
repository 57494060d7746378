// Secrets written by something else: the page names the manager (from the
// real markers External Secrets, Sealed Secrets, cert-manager, Flux and
// Argo CD write), links its object and shows its state, warns before a hand
// edit or delete, offers External Secrets' force-sync instead, shows who
// wrote which keys, and knows Reloader restarts its workloads. The
// controllers do not run here: minimal CRDs from tests/e2e/crds stand in for
// theirs (Sealed Secrets' is its real one, built with its controller), and
// the owner objects and secrets carry the markers they write.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, readmeScreenshot, screenshot } from './support/browser.mjs';
import { describe, seriousViolations } from './support/axe.mjs';
import { applySecret, clusterValues, freshNamespace, kubectlJson, uiUrl } from './support/app.mjs';
import { assertSameBytes } from './support/values.mjs';
import { sealedSecretsDir } from './support/sealed-secrets.mjs';

const { state, cluster } = attachCluster();
const crds = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'crds');
let browser;
let ns;

async function kubectl(args, input) {
  const r = await cluster.kubectl(args, input === undefined ? {} : { input: JSON.stringify(input) });
  assert.ok(r.ok, r.stderr);
  return r.stdout;
}

// Creates a custom object and returns its uid, for the secret's owner reference.
async function owner(object) {
  const created = JSON.parse(await kubectl(['create', '-o', 'json', '-f', '-'], { ...object, metadata: { ...object.metadata, namespace: ns } }));
  return created.metadata.uid;
}

const ownerRef = (apiVersion, kind, name, uid) => ({ apiVersion, kind, name, uid, controller: true });

before(async () => {
  browser = await launchBrowser();
  const sealedCrd = path.join(sealedSecretsDir(), 'sealedsecret-crd.yaml');
  for (const file of [crds, sealedCrd]) {
    await kubectl(['apply', '-f', file]);
    await kubectl(['wait', '--for', 'condition=established', '--timeout=60s', '-f', file]);
  }
  ns = await freshNamespace(cluster, 'managed');
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('an External Secrets secret: manager, owner link and state, a warning before edit, force-sync instead', async () => {
  const uid = await owner({
    apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db' },
    spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, refreshInterval: '15m',
      target: { name: 'db' }, data: [{ secretKey: 'password', remoteRef: { key: 'db/password' } }] },
    status: { refreshTime: '2026-12-01T10:00:00Z', conditions: [{ type: 'Ready', status: 'True', reason: 'SecretSynced' }] },
  });
  await applySecret(cluster, ns, 'db', { password: 'from-the-vault' }, { metadata: {
    labels: { 'reconcile.external-secrets.io/managed': 'true' },
    annotations: { 'reconcile.external-secrets.io/data-hash': '0123abcd' },
    ownerReferences: [ownerRef('external-secrets.io/v1', 'ExternalSecret', 'db', uid)],
  } });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'db' }));
  const managed = page.getByTestId('managed-by');
  await managed.getByTestId('manager-state').waitFor();
  assert.equal(await managed.getByTestId('manager').getAttribute('data-manager'), 'External Secrets');
  const link = managed.getByRole('link', { name: 'ExternalSecret db' });
  assert.match(new URL(await link.getAttribute('href'), page.url()).pathname,
    new RegExp(`/apis/external-secrets\\.io/v1/namespaces/${ns}/externalsecrets/db$`));
  const stateText = await managed.getByTestId('manager-state').textContent();
  assert.match(stateText, /ClusterSecretStore vault/);
  assert.match(stateText, /15m/);
  assert.match(stateText, /Ready\s*True/);

  // Edit first says what External Secrets will do, and offers a sync instead.
  await page.getByTestId('edit').click();
  const warning = page.getByTestId('managed-warning');
  assert.match(await warning.textContent(), /resyncs at once.*undone/);
  assert.equal(await page.getByTestId('secret-editor').count(), 0, 'no editor before the user chooses');
  await screenshot(page, 'managed-warning');
  await readmeScreenshot(page, 'managed');
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describe(violations));
  await warning.getByTestId('force-sync').click();
  await page.getByTestId('toasts').getByText('Asked ExternalSecret db to sync now').waitFor();
  const es = await kubectlJson(cluster, ['get', 'externalsecret', 'db', '-n', ns]);
  assert.match(es.metadata.annotations['force-sync'], /^\d{10}$/, 'annotated as kubectl annotate does');

  // The change still goes through if the user chooses so; the page then says keyhole wrote it.
  await page.getByTestId('edit').click();
  await page.getByTestId('managed-go').click();
  const row = page.getByTestId('entry-row').nth(0);
  await row.getByTestId('entry-mode').selectOption('edit');
  await row.getByTestId('value-toggle').click();
  await row.getByTestId('entry-value').fill('by-hand');
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  await page.getByTestId('edit').waitFor();
  assertSameBytes((await clusterValues(cluster, ns, 'db')).password, 'by-hand', 'password');
  const last = page.getByTestId('writer').first();
  assert.equal(await last.getAttribute('data-manager'), 'keyhole');
  assert.match(await last.textContent(), /last write: keyhole \(Update at .*\); keys password/);
  const fields = (await kubectlJson(cluster, ['get', 'secret', 'db', '-n', ns, '--show-managed-fields'])).metadata.managedFields;
  assert.ok(fields.some((f) => f.manager === 'keyhole' && f.fieldsV1?.['f:data']?.['f:password']), 'the cluster agrees');

  // Delete warns too, and Cancel leaves everything as it was.
  await page.getByTestId('delete').click();
  assert.match(await page.getByTestId('managed-warning').textContent(), /re-creates this secret/);
  await page.getByTestId('managed-warning').getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByTestId('managed-warning').count(), 0);
  assert.ok((await cluster.kubectl(['get', 'secret', 'db', '-n', ns])).ok);
  await page.close();
});

test('Sealed Secrets, cert-manager, Flux and Argo CD are each named with what they do to an edit', async () => {
  const sealedUid = await owner({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'sealed' },
    spec: { encryptedData: { k: 'AgB=' } } });
  await applySecret(cluster, ns, 'sealed', { k: 'v' }, { metadata: {
    ownerReferences: [ownerRef('bitnami.com/v1alpha1', 'SealedSecret', 'sealed', sealedUid)] } });
  await owner({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web' },
    spec: { secretName: 'web-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    status: { renewalTime: '2027-01-01T00:00:00Z', conditions: [{ type: 'Ready', status: 'True' }] } });
  await applySecret(cluster, ns, 'web-tls', { 'tls.crt': 'x', 'tls.key': 'y' }, { metadata: {
    labels: { 'controller.cert-manager.io/fao': 'true' },
    annotations: { 'cert-manager.io/certificate-name': 'web', 'cert-manager.io/issuer-name': 'letsencrypt',
      'cert-manager.io/issuer-kind': 'ClusterIssuer' } } });
  await applySecret(cluster, ns, 'flux-app', { k: 'v' }, { metadata: {
    labels: { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' } } });
  await applySecret(cluster, ns, 'argo-app', { k: 'v' }, { metadata: {
    annotations: { 'argocd.argoproj.io/tracking-id': `guestbook:/Secret:${ns}/argo-app` } } });

  const cases = [
    { secret: 'sealed', manager: 'Sealed Secrets', link: 'SealedSecret sealed', state: /Scope\s*strict/, warns: /until that SealedSecret changes/ },
    { secret: 'web-tls', manager: 'cert-manager', link: 'Certificate web', state: /Renews at\s*2027-01-01/, warns: /re-issues/ },
    { secret: 'flux-app', manager: 'Flux', link: 'Kustomization apps', warns: /Kustomization flux-system\/apps.*next interval/ },
    { secret: 'argo-app', manager: 'Argo CD', text: /application guestbook/, warns: /self-heal/ },
  ];
  for (const c of cases) {
    const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: c.secret }));
    const managed = page.getByTestId('managed-by');
    await managed.waitFor();
    assert.equal(await managed.getByTestId('manager').getAttribute('data-manager'), c.manager, c.secret);
    if (c.link) await managed.getByRole('link', { name: c.link }).waitFor();
    if (c.state) {
      await managed.getByTestId('manager-state').waitFor();
      assert.match(await managed.getByTestId('manager-state').textContent(), c.state, c.secret);
    }
    if (c.text) assert.match(await managed.textContent(), c.text, c.secret);
    await page.getByTestId('edit').click();
    assert.match(await page.getByTestId('managed-warning').textContent(), c.warns, c.secret);
    await page.close();
  }
  // A hand-made secret has no manager and no warning.
  await applySecret(cluster, ns, 'by-hand', { k: 'v' });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'by-hand' }));
  await page.getByTestId('edit').click();
  await page.getByTestId('secret-editor').waitFor();
  assert.equal(await page.getByTestId('managed-by').count(), 0);
  await page.close();
});

test('a workload Reloader watches is left to Reloader after a rotation', async () => {
  await applySecret(cluster, ns, 'reloaded', { password: 'p1' });
  const deployment = (name, annotations) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, annotations },
    spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'app:1', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'reloaded', key: 'password' } } }] }] } } },
  });
  await kubectl(['apply', '-f', '-'], { apiVersion: 'v1', kind: 'List', items: [
    deployment('watched', { 'secret.reloader.stakater.com/reload': 'other, reloaded' }),
    deployment('plain', {}),
  ] });
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'reloaded' }));
  const consumer = (name) => page.locator(`[data-testid=consumer][data-owner="Deployment ${name}"]`);
  await consumer('watched').waitFor();
  assert.equal(await consumer('watched').getAttribute('data-plan'), 'ReloaderRestarts');
  assert.match(await consumer('watched').textContent(), /Reloader restarts it/);
  assert.equal(await consumer('watched').getByRole('button', { name: /Restart/ }).count(), 0, 'no second restart offered');
  assert.equal(await consumer('plain').getAttribute('data-plan'), 'RolloutRestart');
  await page.close();
});
