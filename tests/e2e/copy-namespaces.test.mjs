// Copy to namespaces (issue #18.3): a secret with labels, an owner, the
// last-applied annotation and Helm's markers is copied by a restricted user
// into two fresh namespaces, one where it exists with other values, one
// that does not exist and one the user may not write to. Each target says
// what happened; kubectl then sees byte-identical copies without the
// original's own fields, and the original and the existing one untouched
// until "Replace it".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SAMPLE } from '../../harness/sample-data.mjs';
import { attachCluster, distDir } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { freshNamespace, kubectlJson, uiUrl, waitConnected } from './support/app.mjs';
import { describe, seriousViolations } from './support/axe.mjs';

const { cluster } = attachCluster();
const NAME = 'db-copy';
const USER = 'copier-carol';
let browser;
let proxy;
let ns; // source, fresh1, fresh2, existing, forbidden, missing

const b64 = (v) => Buffer.from(v).toString('base64');
const apply = async (manifest, verb = 'apply') => {
  const r = await cluster.kubectl([verb, '-f', '-'], { input: JSON.stringify(manifest) });
  assert.ok(r.ok, r.stderr);
};
const secretIn = (namespace) => kubectlJson(cluster, ['get', 'secret', NAME, '-n', namespace, '--show-managed-fields']);
const target = (page, namespace) => page.locator(`[data-testid=copy-target][data-namespace="${namespace}"]`);
const stateOf = (page, namespace) => target(page, namespace).getByTestId('copy-state').textContent();
async function waitSettled(page) {
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=copy-target]')];
    return rows.length > 0 && rows.every((r) => r.getAttribute('aria-busy') === 'false');
  }, null, { timeout: 20000 });
}

before(async () => {
  browser = await launchBrowser();
  ns = {
    source: await freshNamespace(cluster, 'copy-src'),
    fresh1: await freshNamespace(cluster, 'copy-a'),
    fresh2: await freshNamespace(cluster, 'copy-b'),
    existing: await freshNamespace(cluster, 'copy-e'),
    forbidden: await freshNamespace(cluster, 'copy-f'),
    missing: `copy-missing-${Date.now().toString(36)}`,
  };
  // The owner must exist, or the garbage collector deletes the secret.
  await apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: ns.source } }, 'create');
  const owner = await kubectlJson(cluster, ['get', 'configmap', 'owner', '-n', ns.source]);
  // `kubectl apply` writes the last-applied annotation (it repeats the values).
  await apply({
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque', immutable: true,
    metadata: {
      name: NAME, namespace: ns.source,
      labels: { app: 'db', 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: { team: 'payments', 'meta.helm.sh/release-name': 'db' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }],
    },
    data: Object.fromEntries(Object.entries(SAMPLE.dbCredentials).map(([k, v]) => [k, b64(v)])),
  });
  await apply({
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: NAME, namespace: ns.existing },
    data: { username: b64('admin'), password: b64('an-older-password'), extra: b64('x') },
  }, 'create');
  // Carol may read the original, list namespaces, and write secrets in three targets.
  const kubeconfig = cluster.createUser(USER, []);
  const rbac = [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'read-db-copy', namespace: ns.source },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [NAME], verbs: ['get'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'carol', namespace: ns.source },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-db-copy' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USER }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'copy-test-writer' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'get', 'update'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'copy-test-namespaces' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'copy-test-namespaces' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'copy-test-namespaces' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USER }] },
    ...[ns.fresh1, ns.fresh2, ns.existing].map((namespace) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'carol-writes', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'copy-test-writer' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USER }] })),
  ];
  await apply({ apiVersion: 'v1', kind: 'List', items: rbac }, 'create');
  proxy = await cluster.startProxy({ www: distDir, kubeconfig });
});
after(async () => {
  await browser?.close();
  await cluster.stopProcesses();
  for (const namespace of [ns.source, ns.fresh1, ns.fresh2, ns.existing, ns.forbidden]) {
    await cluster.kubectl(['delete', 'namespace', namespace, '--wait=false']);
  }
  await cluster.kubectl(['delete', 'clusterrolebinding,clusterrole', 'copy-test-namespaces']);
  await cluster.kubectl(['delete', 'clusterrole', 'copy-test-writer']);
});

test('copies into each target it may, reports every other one, and replaces only on request', async () => {
  const original = await secretIn(ns.source);
  const existingBefore = await secretIn(ns.existing);
  const page = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns: ns.source, secret: NAME }));
  await waitConnected(page);
  await page.getByTestId('key-row').first().waitFor();
  await page.getByTestId('copy-to-namespaces').click();
  await page.getByTestId('copy-namespace-list').waitFor();
  assert.equal(await page.getByTestId('copy-dropped').textContent(),
    'Not copied: uid, resourceVersion, creationTimestamp, ownerReferences, managedFields, '
    + 'label app.kubernetes.io/managed-by, annotation kubectl.kubernetes.io/last-applied-configuration, '
    + 'annotation meta.helm.sh/release-name.');

  // Bad input is named next to its field, and nothing at all is sent.
  const posts = [];
  page.on('request', (r) => { if (r.method() !== 'GET') posts.push(r.url()); });
  await page.locator(`input[data-namespace="${ns.fresh1}"]`).check();
  await page.getByTestId('copy-new-name').fill('Bad_Name');
  await page.getByTestId('copy-typed-namespaces').fill(`${ns.forbidden}, Not/A/Namespace`);
  await page.getByTestId('copy-check').click();
  await page.getByTestId('copy-name-error').filter({ hasText: 'Name: a lowercase RFC 1123 subdomain' }).waitFor();
  assert.match(await page.getByTestId('copy-namespaces-error').textContent(),
    /“Not\/A\/Namespace” is not a namespace name: a lowercase RFC 1123 label/);
  await page.waitForTimeout(500);
  assert.deepEqual(posts, [], 'no request was sent for invalid input');
  assert.equal(await page.getByTestId('copy-results').count(), 0);
  // What was typed is still there to correct.
  assert.equal(await page.getByTestId('copy-new-name').inputValue(), 'Bad_Name');

  await page.getByTestId('copy-new-name').fill('');
  await page.locator(`input[data-namespace="${ns.fresh2}"]`).check();
  await page.locator(`input[data-namespace="${ns.existing}"]`).check();
  await page.getByTestId('copy-typed-namespaces').fill(`${ns.forbidden} ${ns.missing}`);
  await page.getByTestId('copy-check').click();
  await waitSettled(page);
  assert.equal(await stateOf(page, ns.fresh1), 'ready to copy');
  assert.equal(await stateOf(page, ns.fresh2), 'ready to copy');
  assert.equal(await stateOf(page, ns.existing), 'already exists');
  assert.equal(await stateOf(page, ns.forbidden), 'forbidden');
  assert.equal(await stateOf(page, ns.missing), 'namespace does not exist');
  assert.match(await target(page, ns.forbidden).getByTestId('copy-detail').textContent(),
    new RegExp(`You may not create secrets in ${ns.forbidden}`));
  const differences = await target(page, ns.existing).getByTestId('copy-differences').locator('li').allTextContents();
  assert.deepEqual(differences, ['+ connection-string (new)', 'password: value changed', '- extra (removed)', 'immutable: false → true']);
  assert.equal(await page.getByTestId('copy-summary').textContent(), 'Checked; nothing has been written yet.');
  // The dry runs wrote nothing.
  assert.equal((await cluster.kubectl(['get', 'secret', NAME, '-n', ns.fresh1])).ok, false);

  await page.getByRole('button', { name: 'Copy to 2 namespaces' }).click();
  await waitSettled(page);
  assert.equal(await stateOf(page, ns.fresh1), 'created');
  assert.equal(await stateOf(page, ns.fresh2), 'created');
  assert.equal(await page.getByTestId('copy-summary').textContent(),
    `Written: ${ns.fresh1} (created), ${ns.fresh2} (created). Not written: ${ns.existing} (already exists), `
    + `${ns.forbidden} (forbidden), ${ns.missing} (namespace does not exist).`);
  assert.equal(await page.getByTestId('copy-results').textContent().then((t) => t.includes(SAMPLE.dbCredentials.password)), false);

  for (const namespace of [ns.fresh1, ns.fresh2]) {
    const copy = await secretIn(namespace);
    assert.deepEqual(copy.data, original.data, `${namespace}: byte-identical data`);
    assert.equal(copy.type, 'Opaque');
    assert.equal(copy.immutable, true);
    assert.deepEqual(copy.metadata.labels, { app: 'db' });
    assert.deepEqual(copy.metadata.annotations, { team: 'payments' });
    assert.equal(copy.metadata.ownerReferences, undefined);
    assert.notEqual(copy.metadata.uid, original.metadata.uid);
    assert.deepEqual(copy.metadata.managedFields.map((m) => m.manager), ['keyhole']);
  }
  assert.equal((await cluster.kubectl(['get', 'secret', NAME, '-n', ns.forbidden])).ok, false);
  assert.equal((await cluster.kubectl(['get', 'namespace', ns.missing])).ok, false);
  const originalAfter = await secretIn(ns.source);
  assert.equal(originalAfter.metadata.resourceVersion, original.metadata.resourceVersion, 'original untouched');
  const existingMid = await secretIn(ns.existing);
  assert.equal(existingMid.metadata.resourceVersion, existingBefore.metadata.resourceVersion, 'existing untouched');
  assert.deepEqual(existingMid.data, existingBefore.data);

  await target(page, ns.existing).getByRole('button', { name: 'Replace it' }).click();
  await waitSettled(page);
  assert.equal(await stateOf(page, ns.existing), 'replaced');
  const replaced = await secretIn(ns.existing);
  assert.deepEqual(replaced.data, original.data, 'replaced: byte-identical data');
  assert.equal(replaced.immutable, true);
  assert.equal(replaced.metadata.uid, existingBefore.metadata.uid, 'replaced in place, not re-created');
  assert.match(await page.getByTestId('copy-summary').textContent(),
    new RegExp(`^Written: ${ns.fresh1} \\(created\\), ${ns.fresh2} \\(created\\), ${ns.existing} \\(replaced\\)\\. Not written: `));

  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describe(violations));
  await page.getByTestId('copy-dialog').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'copy-namespaces');
  await page.close();
});

test('a service-account token is not copied, and the page says why', async () => {
  const page = await openPage(browser.context);
  // Admin proxy: the harness's own.
  const { clusterState } = await import('./support/cluster.mjs');
  const state = clusterState();
  await apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: ns.source } }, 'create');
  await apply({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'builder-token', namespace: ns.source, annotations: { 'kubernetes.io/service-account.name': 'builder' } } }, 'create');
  await page.goto(uiUrl(state.uiUrl, { ns: ns.source, secret: 'builder-token' }));
  await waitConnected(page);
  await page.getByTestId('copy-to-namespaces').click();
  assert.match(await page.getByTestId('copy-refused').textContent(), /service-account token cannot be copied.*token controller/);
  assert.equal(await page.getByTestId('copy-check').count(), 0);
  await page.close();
});
