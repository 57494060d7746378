// The manifest view: YAML by default (JSON on request), masked until revealed,
// and a downloaded YAML file that `kubectl apply -f` turns back into the very
// same secret. Values YAML likes to misread (yes, 0123, leading spaces, blocks
// that start indented, CRLF) check the emitter against PyYAML and kubectl.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attachCluster } from './support/cluster.mjs';
import { artifactsDir, launchBrowser, openPage } from './support/browser.mjs';
import { freshNamespace, kubectlJson, uiUrl } from './support/app.mjs';
import { digest } from './support/values.mjs';

const { state, cluster } = attachCluster();
let browser;
let ns;

const MASK = '••••••••';
const NAME = 'yaml-tricky';
const TYPE = 'example.com/yaml-check';
const VALUES = {
  'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUe3ZqTm90QUNlcnQ=\nR2xhc3MgaXMgbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
  flag: 'yes',
  padded: '   leading spaces',
  zip: '0123',
  'app.config.ini': '[section]\nkey = value # not a comment\n\n',
  'two-lines': 'first line\n  second, indented',
  'indented.block': '  starts indented\nthen not\n',
  tabbed: '\tone\n\ttwo',
  crlf: 'windows\r\nline endings\r\n',
  mapping: 'looks: like a mapping',
  unicode: 'ünïcödé ✓ — fine',
  empty: '',
  nothing: 'null',
  'blob.bin': Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x80, 0x7f]),
};
const LABELS = { 'app.kubernetes.io/name': 'yaml-check', flag: 'yes', zip: '0123' };
const ANNOTATIONS = {
  'example.com/note': 'line one\nline two\n',
  'example.com/json': '{"a": [1, 2], "b": "c: d"}',
  'example.com/padded': '  padded  ',
  'example.com/empty': '',
  'example.com/off': 'off',
};
const expectedDigests = Object.fromEntries(Object.entries(VALUES).map(([k, v]) => [k, digest(Buffer.from(v))]));
const full = (hex) => hex.slice(0, 16);
const digestsOf = (digests) => Object.fromEntries(Object.entries(digests).map(([k, v]) => [k, full(v)]));

// What PyYAML (YAML 1.1) reads in a downloaded file: digests, never values.
function readWithPyYaml(file) {
  const out = execFileSync(process.env.KEYHOLE_PYTHON ?? 'python3', ['tests/cluster_truth/manifest_digests.py', file], { encoding: 'utf8' });
  return JSON.parse(out);
}

// What the cluster holds, read with the official Python client: type and digests.
function readWithPythonClient() {
  const out = execFileSync(process.env.KEYHOLE_PYTHON ?? 'python3', ['tests/cluster_truth/secret_digests.py', ns, NAME],
    { env: { ...process.env, KUBECONFIG: state.adminKubeconfig }, encoding: 'utf8' });
  return JSON.parse(out);
}

async function createOriginal() {
  const manifest = {
    apiVersion: 'v1', kind: 'Secret', type: TYPE,
    metadata: { name: NAME, namespace: ns, labels: LABELS, annotations: ANNOTATIONS },
    data: Object.fromEntries(Object.entries(VALUES).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
  // create, not apply: the original carries no last-applied-configuration.
  const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(manifest) });
  assert.ok(r.ok, r.stderr);
}

async function openManifest() {
  const page = await openPage(browser.context, uiUrl(state.uiUrl, { ns, secret: NAME }));
  await page.getByTestId('key-row').first().waitFor();
  return page;
}

const manifestText = (page) => page.getByTestId('manifest').textContent();
const pressed = (page, name) => page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

before(async () => {
  browser = await launchBrowser();
  ns = await freshNamespace(cluster, 'manifest');
  await createOriginal();
});
after(async () => {
  await browser?.close();
  await cluster.kubectl(['delete', 'namespace', ns, '--wait=false']);
});

test('the manifest shows YAML by default, masked, with JSON on request', async () => {
  const page = await openManifest();
  assert.equal(await pressed(page, 'YAML'), 'true');
  assert.equal(await pressed(page, 'JSON'), 'false');
  let text = await manifestText(page);
  assert.match(text, /^apiVersion: v1$/m);
  assert.match(text, /^kind: Secret$/m);
  assert.ok(text.includes(`type: ${TYPE}\n`), 'the type is shown');
  for (const [key, value] of Object.entries(VALUES)) {
    const encoded = Buffer.from(value).toString('base64');
    if (encoded.length > 4) assert.ok(!text.includes(encoded), `masked YAML shows no stored value of ${key}`);
    if (typeof value === 'string' && value.length > 5) assert.ok(!text.includes(value), `masked YAML shows no value of ${key}`);
  }
  assert.equal(text.split(MASK).length - 1, Object.keys(VALUES).length, 'every value is masked');
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.locator('section.manifest').screenshot({ path: path.join(artifactsDir, 'manifest-yaml-masked.png') });

  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  assert.equal(await pressed(page, 'JSON'), 'true');
  const json = JSON.parse(await manifestText(page));
  assert.equal(json.apiVersion, 'v1');
  assert.deepEqual(Object.keys(json.data).sort(), Object.keys(VALUES).sort());
  assert.ok(Object.values(json.data).every((v) => v === MASK), 'masked JSON holds only the mask');

  await page.getByRole('button', { name: 'YAML', exact: true }).click();
  await page.getByRole('button', { name: 'Decoded (stringData)' }).click();
  await page.getByRole('button', { name: 'Reveal values' }).click();
  text = await manifestText(page);
  assert.match(text, /^apiVersion: v1$/m);
  // Shown, and quoted where a YAML reader would misread them (asserted
  // without printing the text).
  for (const line of ['\n  flag: "yes"\n', '\n  zip: "0123"\n', '\n  padded: "   leading spaces"\n', '\n  tls.crt: |\n    -----BEGIN CERTIFICATE-----\n']) {
    assert.ok(text.includes(line), `revealed YAML holds the line of ${line.split(':')[0].trim()}`);
  }
  assert.ok(!text.includes(MASK), 'revealed YAML holds no mask');
  await page.getByRole('button', { name: 'Hide values' }).click();
  assert.ok((await manifestText(page)).includes(MASK), 'masked again');
  assert.deepEqual(page.consoleMessages.filter((m) => /^(error|pageerror)/.test(m)), []);
  await page.close();
});

for (const form of ['As stored (data)', 'Decoded (stringData)']) {
  test(`the downloaded YAML (${form}) re-creates the identical secret with kubectl apply -f`, async () => {
    const page = await openManifest();
    await page.getByRole('button', { name: form }).click();
    // Masked on screen; the download still holds the real values.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    assert.equal(download.suggestedFilename(), `${NAME}.yaml`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-manifest-'));
    try {
      const file = path.join(dir, `${NAME}.yaml`);
      await download.saveAs(file);
      await page.close();
      await appliesAsTheOriginal(file, form);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

// The downloaded file says what the original holds, and applying it after a
// delete gives the original back.
async function appliesAsTheOriginal(file, form) {
  const yaml = fs.readFileSync(file, 'utf8');
  assert.ok(yaml.startsWith('apiVersion: v1\n'), 'a YAML document');
  assert.ok(!yaml.includes(MASK), 'the download holds the values, not the mask');

  // PyYAML (YAML 1.1) reads exactly the original out of the file.
  const read = readWithPyYaml(file);
  assert.equal(read.apiVersion, 'v1');
  assert.equal(read.kind, 'Secret');
  assert.equal(read.type, TYPE);
  assert.equal(read.name, NAME);
  assert.equal(read.namespace, ns);
  assert.deepEqual(read.labels, LABELS);
  assert.deepEqual(read.annotations, ANNOTATIONS);
  assert.deepEqual(digestsOf(read.digests), expectedDigests, 'PyYAML reads every value byte for byte');
  const binary = ['blob.bin'];
  const text = Object.keys(VALUES).filter((k) => !binary.includes(k)).sort();
  assert.deepEqual(read.fields, form.startsWith('As stored')
    ? { data: Object.keys(VALUES).sort(), stringData: [] }
    : { data: binary, stringData: text });

  // Delete the secret, apply the file: the cluster holds the same secret again.
  assert.ok((await cluster.kubectl(['delete', 'secret', NAME, '-n', ns])).ok);
  const applied = await cluster.kubectl(['apply', '-f', file]);
  assert.ok(applied.ok, applied.stderr);
  const truth = readWithPythonClient();
  assert.equal(truth.type, TYPE);
  assert.deepEqual(digestsOf(truth.digests), expectedDigests, 'the re-applied secret holds every value byte for byte');
  const secret = await kubectlJson(cluster, ['get', 'secret', NAME, '-n', ns]);
  assert.deepEqual(secret.metadata.labels, LABELS);
  const { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied, ...annotations } = secret.metadata.annotations;
  assert.ok(lastApplied, 'kubectl apply recorded its own annotation');
  assert.deepEqual(annotations, ANNOTATIONS);

  // Back to the original (without kubectl's annotation) for the next test.
  assert.ok((await cluster.kubectl(['delete', 'secret', NAME, '-n', ns])).ok);
  await createOriginal();
}
