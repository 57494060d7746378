// Who uses a secret, copy-ready references proven by a server-side dry run,
// and the restart that follows a rotation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { applySecret, freshNamespace, kubectlJson, uiUrl } from './support/app.mjs';
import { consumerManifests } from './support/workloads.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;
const SECRET = 'app-secret';

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'usage');
  await applySecret(cluster, ns, SECRET, { username: 'u', password: 'p' });
  // Pods need the namespace's default ServiceAccount, which the controllers create.
  for (let i = 0; i < 50 && !(await cluster.kubectl(['get', 'sa', 'default', '-n', ns])).ok; i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const created = await cluster.kubectl(['create', '-f', '-'],
    { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: consumerManifests(ns, SECRET) }) });
  assert.ok(created.ok, created.stderr);
  // The Deployment controller makes web's ReplicaSet and Pod: wait for the Pod.
  for (let i = 0; i < 100; i++) {
    const pods = await kubectlJson(cluster, ['get', 'pods', '-n', ns, '-l', 'app=x']);
    if (pods.items.length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

async function consumers(page) {
  await page.getByTestId('consumer').first().waitFor();
  return page.getByTestId('consumer').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.dataset.owner, { plan: e.dataset.plan, text: e.textContent }])));
}

test('used by lists every kind of reference, grouped under owners, with missing keys flagged', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: SECRET }));
  const found = await consumers(page);
  assert.deepEqual(Object.keys(found).sort(), [
    'CronJob nightly', 'DaemonSet agent', 'Deployment idle', 'Deployment web', 'Ingress site',
    'Pod standalone', 'ServiceAccount builder', 'StatefulSet db'].sort());
  assert.equal(found['Deployment web'].plan, 'RolloutRestart');
  assert.match(found['Deployment web'].text, /DB_PASSWORD/);
  assert.match(found['Deployment web'].text, /APP_/);
  assert.equal(found['StatefulSet db'].plan, 'RolloutRestart', 'subPath mounts need a restart');
  assert.match(found['StatefulSet db'].text, /subPath/i);
  assert.equal(found['Deployment idle'].plan, 'UpdatesItself', 'scaled to zero still counts; plain mounts update');
  assert.equal(found['DaemonSet agent'].plan, 'UpdatesItself');
  assert.equal(found['CronJob nightly'].plan, 'NextRun');
  assert.match(found['Pod standalone'].text, /no-such-key/);
  assert.match(found['Ingress site'].text, /site\.example\.com/);
  assert.equal(await page.getByTestId('missing-key').count(), 1);
  await page.getByTestId('used-by').scrollIntoViewIfNeeded();
  await screenshot(page, 'used-by');
  await page.close();
});

test('each reference snippet is accepted by the API server in a dry-run Pod', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: SECRET }));
  await page.getByTestId('snippet-env').waitFor();
  await page.getByTestId('reference-key').selectOption('password');
  const env = await page.getByTestId('snippet-env').locator('pre').textContent();
  assert.match(env, /name: PASSWORD\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: app-secret\n\s+key: password/);
  const envFrom = await page.getByTestId('snippet-env-from').locator('pre').textContent();
  const volume = await page.getByTestId('snippet-volume').locator('pre').textContent();
  // Assemble a Pod from the snippets' own text and let the server validate it.
  const indent = (text, n) => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  const [volumesPart, mountsPart] = volume.split(/#\s*in the container:\s*\n/);
  const podYaml = [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: keyhole-snippet-check', `  namespace: ${ns}`, 'spec:',
    indent(volumesPart.replace(/#.*\n/, ''), 2),
    '  containers:', '    - name: app', '      image: registry.k8s.io/pause:3.10',
    indent(env, 6), indent(envFrom, 6), indent(mountsPart, 6),
  ].join('\n');
  const r = await cluster.kubectl(['create', '--dry-run=server', '-o', 'json', '-f', '-'], { input: podYaml });
  assert.ok(r.ok, `the server refused the snippets:\n${r.stderr}\n${podYaml}`);
  const pod = JSON.parse(r.stdout);
  const c = pod.spec.containers[0];
  assert.deepEqual(c.env[0].valueFrom.secretKeyRef, { name: SECRET, key: 'password' });
  assert.equal(c.envFrom[0].secretRef.name, SECRET);
  assert.equal(pod.spec.volumes.find((v) => v.secret)?.secret.secretName, SECRET);
  assert.ok(c.volumeMounts.some((m) => m.readOnly));
  await page.close();
});

test('after a rotation, what still runs the old value is named and can be restarted', async () => {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: SECRET }));
  await page.getByTestId('edit').click();
  const rows = page.getByTestId('entry-row');
  await rows.nth(0).getByTestId('entry-mode').selectOption('text');
  await rows.nth(0).getByTestId('entry-value').fill('rotated-p');
  await page.getByTestId('review').click();
  await page.getByTestId('confirm-save').click();
  const note = page.getByTestId('rotation-note');
  await note.waitFor();
  assert.match(await note.textContent(), /Deployment web/);
  assert.match(await note.textContent(), /StatefulSet db/);
  const web = page.locator('[data-testid=consumer][data-owner="Deployment web"]');
  await web.getByTestId('restart').click();
  await web.getByTestId('restart-confirm').click();
  await page.getByTestId('toasts').getByText('Restarting Deployment web').waitFor();
  const deployment = await kubectlJson(cluster, ['get', 'deployment', 'web', '-n', ns]);
  const at = deployment.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
  assert.ok(at && Math.abs(Date.parse(at) - Date.now()) < 60000, `restartedAt set to now (${at})`);
  const idle = await kubectlJson(cluster, ['get', 'deployment', 'idle', '-n', ns]);
  assert.equal(idle.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], undefined, 'only what was asked');
  await screenshot(page, 'after-rotation');
  await page.close();
});

test('a user who may not patch the workload sees the restart disabled, with the reason', async () => {
  const kubeconfig = cluster.createUser('viewer-bob', []);
  const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'read-all', namespace: ns },
    rules: [{ apiGroups: ['', 'apps', 'batch', 'networking.k8s.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] }] };
  assert.ok((await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(role) })).ok);
  assert.ok((await cluster.kubectl(['create', 'rolebinding', 'bob-reads', '-n', ns, '--role=read-all', '--user=viewer-bob'])).ok);
  const proxy = await cluster.startProxy({ www: (await import('./support/cluster.mjs')).distDir, kubeconfig });
  const page = await openPage(browser.context, uiUrl(proxy.uiUrl, { ns, secret: SECRET }));
  const web = page.locator('[data-testid=consumer][data-owner="Deployment web"]');
  await web.getByTestId('restart-denied').waitFor();
  assert.equal(await web.getByTestId('restart').isDisabled(), true);
  assert.match(await web.getByTestId('restart-denied').textContent(), /may not patch deployments\/web/);
  await page.close();
  await proxy.stop();
});
