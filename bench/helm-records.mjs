#!/usr/bin/env node
// The Helm release records case (issue #17): one namespace with ordinary
// secrets and many more Helm release records of realistic size, as on a
// real cluster where every `helm upgrade` leaves a record behind.
//
//   node bench/helm-records.mjs [--ordinary 1000] [--records 10000] [--record-kb 20] [--runs 3]
//                               [--out bench/RESULTS-helm.md]
//
// Keyhole leaves the records out on the server (fieldSelector
// type!=helm.sh/release.v1), so it reads and shows the ordinary secrets
// only; `kubectl get secrets` lists every row, and a full-object list
// (`kubectl get secrets -o json`, what a dashboard that lists objects
// downloads) carries every record's payload. Measured turn by turn in the
// same run, on the same cluster; ratios against `kubectl get`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from './session.mjs';
import { createReleaseRecords, createSecrets } from './seed.mjs';
import { summary, ms, mb, kb, ratio } from './stats.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    ordinary: { type: 'string', default: '1000' },
    records: { type: 'string', default: '10000' },
    'record-kb': { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(root, 'bench/RESULTS-helm.md') },
  },
});
const [ordinary, records, recordKb, runs] = ['ordinary', 'records', 'record-kb', 'runs'].map((k) => Number(values[k]));
const log = (msg) => console.error(`[bench-helm] ${msg}`);

runBench('keyhole-bench-helm-', async ({ cluster, proxy, kubectl, firstVisit, turns }) => {
  const ns = 'bench-helm';
  await kubectl(['create', 'namespace', ns]);
  log(`creating ${ordinary} secrets and ${records} release records of ~${recordKb} KB…`);
  await createSecrets(cluster, ns, ordinary);
  await createReleaseRecords(cluster, ns, records, recordKb * 1024, (d) => log(`  ${d}/${records} records`));

  const getArgs = ['get', 'secrets', '-n', ns];
  const jsonArgs = [...getArgs, '-o', 'json'];
  const url = `${proxy.uiUrl}?ns=${ns}`;
  const visit = async () => (await firstVisit(url, { namespace: ns, expected: ordinary, measureMemory: false })).result;
  log('warm-up (not counted), then turn by turn…');
  const { samples, bytes } = await turns({
    runs, getArgs, jsonArgs, visit,
    onTurn: (r, s) => log(`  run ${r}/${runs}: kubectl get ${ms(s.get.at(-1).wallMs)}, -o json ${ms(s.json.at(-1).wallMs)}, ` +
      `Keyhole complete ${ms(s.keyhole.at(-1).completeMs)}`),
  });
  bytes.keyhole = summary(samples.keyhole.map((s) => s.listWire)).median;
  const t = {
    get: summary(samples.get.map((s) => s.wallMs)),
    json: summary(samples.json.map((s) => s.wallMs)),
    first: summary(samples.keyhole.map((s) => s.firstRowMs)),
    complete: summary(samples.keyhole.map((s) => s.completeMs)),
  };
  const range = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  const report = `# Helm release records: ${ordinary.toLocaleString('en-US')} secrets and ${records.toLocaleString('en-US')} release records

\`node bench/helm-records.mjs\`, ${runs} runs, medians (min–max), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores.
Release records of about ${recordKb} KB each (random, as gzip output is), ten revisions per release.
Keyhole asks for \`fieldSelector=type!=helm.sh/release.v1\`: the records never leave the server.

| | time | vs \`kubectl get\` | bytes read | vs full-object list |
|---|---|---|---|---|
| \`kubectl get secrets\` (${(ordinary + records).toLocaleString('en-US')} rows) | ${range(t.get)} | 1.000x | ${mb(bytes.get)} | ${ratio(bytes.get / bytes.json)} |
| \`kubectl get secrets -o json\` (full objects) | ${range(t.json)} | ${ratio(t.json.median / t.get.median)} | ${mb(bytes.json)} | 1.000x |
| Keyhole, first rows | ${range(t.first)} | ${ratio(t.first.median / t.get.median)} | | |
| Keyhole, complete list (${ordinary.toLocaleString('en-US')} rows) | ${range(t.complete)} | ${ratio(t.complete.median / t.get.median)} | ${kb(bytes.keyhole)} | ${ratio(bytes.keyhole / bytes.json)} |
`;
  fs.writeFileSync(values.out, report);
  console.log(report);
});
