// RBAC around one secret: a guided grant that gives exactly the chosen verbs on
// exactly this secret (checked with kubectl auth can-i as each subject), and a
// who-can-access view that agrees with the API server's own answers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { artifactsDir, launchBrowser, openPage, screenshot } from './support/browser.mjs';
import path from 'node:path';
import { applySecret, freshNamespace, kubectlJson, uiUrl } from './support/app.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'rbac');
  await applySecret(cluster, ns, 'api-key', { key: 'k' });
  await applySecret(cluster, ns, 'other', { key: 'o' });
  assert.ok((await cluster.kubectl(['create', 'serviceaccount', 'rotator', '-n', ns])).ok);
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

async function canI(as, verb, resource) {
  const r = await cluster.kubectl(['auth', 'can-i', verb, resource, '-n', ns, `--as=${as}`]);
  return r.stdout.trim() === 'yes';
}

async function openGrant(page) {
  await page.goto(uiUrl(state.uiUrl, { ns, secret: 'api-key' }));
  await page.getByTestId('who-can').waitFor();
  await page.getByTestId('grant-open').click();
  await page.getByTestId('grant-form').waitFor();
}

test('a grant gives exactly the chosen verbs on exactly this secret, to exactly these subjects', async () => {
  const page = await openPage(browser.context);
  await openGrant(page);
  assert.equal(await page.getByTestId('grant-role').inputValue(), 'api-key-reader');
  assert.equal(await page.getByTestId('verb-get').isChecked(), true, 'get is the default');
  await page.getByTestId('verb-patch').check();
  await page.getByTestId('grant-subject-name').first().fill('rotator');
  await page.getByTestId('grant-add-subject').click();
  await page.getByTestId('grant-subject-name').nth(1).fill('carol');
  await page.getByTestId('grant-preview-button').click();
  await page.getByTestId('grant-preview').waitFor();
  const role = JSON.parse(await page.getByTestId('grant-role-manifest').textContent());
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['api-key'], verbs: ['get', 'patch'] }]);
  const binding = JSON.parse(await page.getByTestId('grant-binding-manifest').textContent());
  assert.deepEqual(binding.subjects, [
    { kind: 'ServiceAccount', name: 'rotator', namespace: ns },
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'carol' }]);
  assert.equal((await cluster.kubectl(['get', 'role', 'api-key-reader', '-n', ns])).ok, false, 'preview wrote nothing');
  await screenshot(page, 'grant-preview');
  await page.getByTestId('grant-apply').click();
  await page.getByTestId('toasts').getByText(/Granted get, patch on api-key/).waitFor();

  for (const who of ['carol', `system:serviceaccount:${ns}:rotator`]) {
    assert.equal(await canI(who, 'get', 'secret/api-key'), true, `${who} may get api-key`);
    assert.equal(await canI(who, 'patch', 'secret/api-key'), true, `${who} may patch api-key`);
    assert.equal(await canI(who, 'delete', 'secret/api-key'), false, `${who} may not delete`);
    assert.equal(await canI(who, 'update', 'secret/api-key'), false, `${who} may not update`);
    assert.equal(await canI(who, 'get', 'secret/other'), false, `${who} may not get other`);
    assert.equal(await canI(who, 'list', 'secrets'), false, `${who} may not list`);
    assert.equal(await canI(who, 'create', 'secrets'), false, `${who} may not create`);
  }
  assert.equal(await canI('dave', 'get', 'secret/api-key'), false, 'nobody else');
  await page.close();
});

test('who can access agrees with kubectl auth can-i for every user and service account listed', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: 'api-key' }));
  await page.getByTestId('access-row').first().waitFor();
  const rows = await page.getByTestId('access-row').evaluateAll((els) =>
    els.map((e) => ({ subject: e.dataset.subject, verbs: e.dataset.verbs.split(', ').filter(Boolean) })));
  const carol = rows.find((r) => r.subject === 'User carol');
  assert.deepEqual(carol?.verbs, ['get', 'patch']);
  assert.ok(rows.some((r) => r.subject === `ServiceAccount ${ns}/rotator`));
  assert.ok(rows.some((r) => r.subject === 'Group system:masters'));
  const checks = [];
  for (const r of rows) {
    const [kind, id] = r.subject.split(' ');
    const as = kind === 'User' ? id : kind === 'ServiceAccount' ? `system:serviceaccount:${id.replace('/', ':')}` : null;
    if (!as) continue;
    for (const verb of ['get', 'list', 'update', 'delete']) {
      checks.push(canI(as, verb, 'secret/api-key').then((yes) => [r.subject, verb, yes, r.verbs.includes(verb)]));
    }
  }
  const results = await Promise.all(checks);
  assert.ok(results.length >= 8, `checked ${results.length} answers`);
  for (const [subject, verb, server, shown] of results) {
    assert.equal(shown, server, `${subject} ${verb}: Keyhole says ${shown}, the API server says ${server}`);
  }
  await screenshot(page, 'who-can-access');
  await page.close();
});

test('an existing Role of that name is offered for update, never overwritten blindly', async () => {
  const existing = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'api-key-reader', namespace: ns },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] };
  assert.ok((await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(existing) })).ok);
  const page = await openPage(browser.context);
  await openGrant(page);
  await page.getByTestId('grant-subject-name').first().fill('rotator');
  await page.getByTestId('grant-preview-button').click();
  await page.getByTestId('grant-conflict').waitFor();
  assert.match(await page.getByTestId('grant-conflict').textContent(), /configmaps/);
  assert.equal(await page.getByTestId('grant-apply').isDisabled(), true, 'needs an explicit yes');
  await page.getByTestId('grant-allow-update').check();
  await page.getByTestId('grant-apply').click();
  await page.getByTestId('toasts').getByText(/Granted get on api-key/).waitFor();
  const role = await kubectlJson(cluster, ['get', 'role', 'api-key-reader', '-n', ns]);
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['api-key'], verbs: ['get'] }]);
  await page.close();
});

test('for db-credentials the guide\'s secret-reader Role is the default', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { secret: 'db-credentials' }));
  await page.getByTestId('who-can').waitFor();
  await page.getByTestId('grant-open').click();
  assert.equal(await page.getByTestId('grant-role').inputValue(), 'secret-reader');
  await page.getByTestId('grant-subject-name').first().fill('default');
  await page.getByTestId('grant-preview-button').click();
  await page.getByTestId('grant-preview').waitFor();
  assert.match(await page.getByTestId('grant-preview').textContent(), /Role: already exactly as wanted, left as is/);
  await page.close();
});

test('list and watch need an explicit confirmation, and bad names are refused before sending', async () => {
  const page = await openPage(browser.context);
  await openGrant(page);
  await page.getByTestId('grant-role').fill('bad/name');
  await page.getByTestId('grant-subject-name').first().fill('rotator');
  await page.getByTestId('verb-list').check();
  await page.getByTestId('grant-preview-button').click();
  const text = await page.getByTestId('grant-form').textContent();
  assert.match(text, /\//, 'role name error shown');
  assert.equal(await page.getByTestId('grant-preview').count(), 0, 'nothing previewed');
  await page.getByTestId('grant-role').fill('list-ok');
  await page.getByTestId('confirm-broad').check();
  // An existing binding of that name points at another Role: roleRef cannot change, so it is refused.
  assert.ok((await cluster.kubectl(['create', 'rolebinding', 'taken-binding', '-n', ns, '--role=elsewhere', '--user=x'])).ok);
  await page.getByTestId('grant-binding').fill('taken-binding');
  await page.getByTestId('grant-preview-button').click();
  await page.getByTestId('grant-error').waitFor();
  assert.match(await page.getByTestId('grant-error').textContent(), /roleRef|role/i);
  await page.getByTestId('grant-binding').fill('list-ok-binding');
  await page.getByTestId('grant-preview-button').click();
  await page.getByTestId('grant-preview').waitFor();
  const role = JSON.parse(await page.getByTestId('grant-role-manifest').textContent());
  assert.deepEqual(role.rules[0].verbs, ['get', 'list']);
  await page.close();
});

test('a Role that grants this secret but is bound to nobody is named, until a binding gives it to someone', async () => {
  const own = await freshNamespace(cluster, 'unbound');
  try {
    await applySecret(cluster, own, 'vault-token', { token: 't' });
    const roles = [
      { name: 'vault-token-reader', resourceNames: ['vault-token'], verbs: ['get', 'watch'] },
      { name: 'other-reader', resourceNames: ['other'], verbs: ['get'] },
    ];
    for (const r of roles) {
      const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: r.name, namespace: own },
        rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: r.resourceNames, verbs: r.verbs }] };
      const applied = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(role) });
      assert.ok(applied.ok, applied.stderr);
    }
    // Cluster truth: the Role exists and no binding of the namespace uses it.
    const bindings = await kubectlJson(cluster, ['get', 'rolebindings', '-n', own]);
    assert.deepEqual(bindings.items.filter((b) => b.roleRef.name === 'vault-token-reader'), []);

    const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns: own, secret: 'vault-token' }));
    const section = page.getByRole('region', { name: 'Roles bound to nobody' });
    const item = section.getByText('Role vault-token-reader grants get, watch — bound to nobody', { exact: true });
    await item.waitFor();
    assert.equal(await section.getByText(/Role other-reader/).count(), 0, 'a Role naming another secret is not about this one');
    // The cluster's own ClusterRoles bound to nobody (admin, edit, system:…) are folded, with their count.
    const folded = page.getByTestId('unbound-folded');
    assert.match(await folded.locator('summary').textContent(),
      new RegExp(`^\\d+ built-in or aggregated ClusterRoles? grants? access and (is|are) bound to nobody in ${own}$`));
    assert.equal(await folded.evaluate((d) => d.open), false, 'folded by default');
    assert.equal(await folded.getByText(/^ClusterRole edit grants/).isVisible(), false);
    await page.getByTestId('access').screenshot({ path: path.join(artifactsDir, 'who-can-unbound.png') });
    assert.equal(await page.getByTestId('access-row').filter({ hasText: 'erin' }).count(), 0);

    const bound = await cluster.kubectl(['create', 'rolebinding', 'erin-reads-vault', '-n', own,
      '--role=vault-token-reader', '--user=erin']);
    assert.ok(bound.ok, bound.stderr);
    assert.equal(await canIn(own, 'erin', 'watch', 'secret/vault-token'), true, 'the binding is in effect');
    await page.reload();
    const erin = page.locator('[data-testid=access-row][data-subject="User erin"]');
    await erin.waitFor();
    assert.equal(await erin.getAttribute('data-verbs'), 'get, watch');
    assert.equal(await page.getByTestId('unbound-role').filter({ hasText: 'vault-token-reader' }).count(), 0,
      'no longer bound to nobody');
    // Grants of the namespace come before the cluster-wide ones (system:masters, controllers).
    const subjects = await page.getByTestId('access-row').evaluateAll((els) => els.map((e) => e.dataset.subject));
    assert.equal(subjects[0], 'User erin');
    assert.ok(subjects.indexOf('Group system:masters') > 0, JSON.stringify(subjects));
    await page.close();
  } finally {
    await cluster.kubectl(['delete', 'namespace', own, '--wait=false']);
  }
});

async function canIn(namespace, as, verb, resource) {
  const r = await cluster.kubectl(['auth', 'can-i', verb, resource, '-n', namespace, `--as=${as}`]);
  return r.stdout.trim() === 'yes';
}
