import test from 'node:test';
import assert from 'node:assert/strict';
import { previousTargets, previousSimpleTargets, key, leadingNumber } from './previous.mjs';

const report = `# Keyhole scale benchmark

Written by \`node bench/run.mjs --sizes 1000,10000 --runs 5\` on 2026-11-27T17:12:09.091Z. Shared.

| machine and versions | |
|---|---|
| CPU | AMD EPYC × 2 |
| Keyhole commit; dist/ built | fad6f23; 2026-11-27T16:57:30.045Z |

## Targets

| target | secrets | measured | limit | met |
|---|---|---|---|---|
| complete list (first visit) / \`kubectl get\` wall | 1,000 | 1.755x (page with no app: 0.808x) | ≤ 1.0x | **no** |
| first load of the app: all of dist/, gzip (brotli) | – | 636.4 KB (480.0 KB); x | < 300 KB gzip | **no** |

Why the missed targets are missed:

## Ratios

| ratio | 1,000 |
|---|---|
| first rows | 9.9x |
`;

test('the previous targets are read by what they measure', () => {
  const prev = previousTargets(report);
  assert.equal(prev.commit, 'fad6f23');
  assert.equal(prev.cpu, 'AMD EPYC × 2');
  assert.equal(prev.written, '2026-11-27T17:12:09.091Z');
  assert.equal(prev.measured.size, 2);
  const cell = prev.measured.get(key('complete list (first visit) / `kubectl get` wall', '1,000'));
  assert.equal(leadingNumber(cell), 1.755);
  assert.equal(leadingNumber(prev.measured.get(key('first load of the app: all of dist/, gzip (brotli)', '–'))), 636.4);
});

test('no previous report, no previous column', () => {
  assert.equal(previousTargets(''), null);
  assert.equal(previousTargets('# something else'), null);
});

test('the all-namespaces report\'s previous targets come from its first table only', () => {
  const allNs = [
    '# All namespaces: 50,000 secrets in 500 namespaces',
    '',
    '`node bench/all-namespaces.mjs`, 3 runs, medians (min–max), 2026-12-03 20:12 UTC, Keyhole commit 1607695, 2 cores.',
    '',
    '| target | measured | limit | met |',
    '|---|---|---|---|',
    '| first rows / `kubectl get secrets -A` | 0.026x | ≤ 0.5x | yes |',
    '| complete list / `kubectl get secrets -A` | 0.186x | ≤ 1.0x | yes |',
    '',
    '| | time | vs `kubectl get -A` |',
    '|---|---|---|',
    '| target | 9 ms | 9.9x |',
  ].join('\n');
  const prev = previousSimpleTargets(allNs);
  assert.equal(prev.written, '2026-12-03 20:12');
  assert.equal(prev.commit, '1607695');
  assert.deepEqual([...prev.measured.keys()], ['first rows / `kubectl get secrets -A`', 'complete list / `kubectl get secrets -A`']);
  assert.equal(leadingNumber(prev.measured.get('complete list / `kubectl get secrets -A`')), 0.186);
  assert.equal(previousSimpleTargets('# nothing here'), null);
});
