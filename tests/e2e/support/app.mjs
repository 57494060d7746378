// Small, readable steps a user takes in Keyhole, for the browser tests.

export const uiUrl = (base, params = {}) => {
  const q = new URLSearchParams(params).toString();
  return q ? `${base}?${q}` : base;
};

export async function waitConnected(page) {
  await page.waitForFunction(
    () => /^Connected/.test(document.querySelector('[data-testid=connection-status]')?.textContent ?? ''),
    null, { timeout: 20000 });
}

export const row = (page, name) => page.locator(`[data-testid=secret-row][data-name="${name}"]`);

// A row of the all-namespaces list, where one name can be in several namespaces.
export const rowIn = (page, namespace, name) =>
  page.locator(`[data-testid=secret-row][data-namespace="${namespace}"][data-name="${name}"]`);

// The namespace picker: a combobox named "Namespace".
export const namespaceBox = (page) => page.getByRole('combobox', { name: 'Namespace' });

// Waits until the picker has its choices (it is disabled while namespaces load).
export async function namespacesReady(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid=namespace-select]');
    return el && !el.disabled;
  }, null, { timeout: 20000 });
}

// Chooses a namespace (or '*', all of them) by typing it and pressing Enter.
export async function chooseNamespace(page, name) {
  await namespacesReady(page);
  const box = namespaceBox(page);
  const label = name === '*' ? 'All namespaces' : name;
  await box.fill(label);
  await page.getByRole('option', { name: label, exact: true }).waitFor();
  await box.press('Enter');
}

export async function openSecret(page, name) {
  await row(page, name).getByRole('link', { name }).click();
  await page.getByTestId('secret-detail').waitFor();
  await page.getByTestId('key-row').first().waitFor();
}

export const keyRow = (page, key) => page.locator(`[data-testid=key-row][data-key="${key}"]`);

// Makes a fresh namespace for one test, so tests do not see each other's secrets.
export async function freshNamespace(cluster, prefix) {
  const name = `${prefix}-${Date.now().toString(36)}`;
  const r = await cluster.kubectl(['create', 'namespace', name]);
  if (!r.ok) throw new Error(r.stderr);
  return name;
}

export async function kubectlJson(cluster, args) {
  const r = await cluster.kubectl([...args, '-o', 'json']);
  if (!r.ok) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

// The decoded bytes of every key of a secret, read with kubectl.
export async function clusterValues(cluster, namespace, name) {
  const secret = await kubectlJson(cluster, ['get', 'secret', name, '-n', namespace]);
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

export async function applySecret(cluster, namespace, name, data, extra = {}) {
  const manifest = {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
    metadata: { name, namespace, ...(extra.metadata ?? {}) },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    ...(extra.immutable ? { immutable: true } : {}),
  };
  const r = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
  if (!r.ok) throw new Error(r.stderr);
}
