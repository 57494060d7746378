#!/usr/bin/env node
// The serving half of the run command (harness/run.sh): `kubectl proxy` for a
// kube context, as harness/keyhole-proxy.mjs describes, until Ctrl-C.
//   node harness/serve.mjs --dist DIR [--port N] [--context NAME] [--read-only]
//                          [--new-prefix] [--kubectl PATH]
// Without --context it serves the current context, named explicitly so the
// proxy and the header agree even if the current context changes later.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { waitFor } from './process.mjs';
import { announce, keptPrefix, proxyArgs, proxyUrls, servingCopy } from './keyhole-proxy.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '8001' },
    context: { type: 'string' },
    'read-only': { type: 'boolean', default: false },
    'new-prefix': { type: 'boolean', default: false },
    kubectl: { type: 'string', default: 'kubectl' },
  },
});
const fail = (message) => {
  console.error(`[keyhole] ${message}`);
  process.exit(1);
};

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port takes a port number (1-65535), not '${values.port}'`);
let context = values.context;
if (!context) {
  try {
    context = execFileSync(values.kubectl, ['config', 'current-context'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    fail('there is no current kube context: name one with --context, or use --local');
  }
}
const readOnly = values['read-only'];
const prefix = keptPrefix({ renew: values['new-prefix'] });
let www;
try {
  www = servingCopy(path.resolve(values.dist), { context, readOnly });
} catch (e) {
  fail(e.message);
}
// The proxy's own messages go to standard error: standard output is the URL alone.
const proxy = spawn(values.kubectl, proxyArgs({ port, www, prefix, context, readOnly }), { stdio: ['ignore', 2, 2] });

let stopping = false;
const cleanUp = () => fs.rmSync(www, { recursive: true, force: true });
proxy.on('exit', (code, signal) => {
  cleanUp();
  if (!stopping) fail(`kubectl proxy stopped (${code ?? signal})`);
  process.exit(0);
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopping = true;
    proxy.kill('SIGTERM');
  });
}

const { uiUrl } = proxyUrls(port, prefix);
try {
  await waitFor('kubectl proxy', async () => (await fetch(uiUrl)).ok, { timeoutMs: 30000 });
} catch {
  stopping = true;
  proxy.kill('SIGTERM');
  cleanUp();
  fail(`kubectl proxy did not answer on port ${port}`);
}
announce(uiUrl, { context, readOnly });
// For scripts and tests: the URL alone on standard output (a terminal has it above).
if (!process.stdout.isTTY) console.log(uiUrl);
