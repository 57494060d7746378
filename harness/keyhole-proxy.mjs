// `kubectl proxy` the way Keyhole's run command starts it, shared by the run
// command (harness/serve.mjs), the local control plane and the tests:
// - the API and the app only under an unguessable path prefix
//   (`/<prefix>/api/…`, `/<prefix>/ui/`): a web page that does not know the
//   prefix gets 404 for every path, WebSocket watches included;
// - the prefix kept in a file only the user can read, so bookmarks survive
//   restarts (a new one on request: old bookmarks then stop working);
// - the default --reject-paths plus port-forward; --reject-methods for every
//   write when read-only;
// - a copy of dist/ with keyhole-serving.json beside index.html, so the app
//   can show which kube context is served and that writes are refused.
// Nothing here prints the prefix: callers decide who sees the URL.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// kubectl's default list (exec, attach) plus port-forward: the flag replaces
// the default, so all three are named.
export const REJECT_PATHS = '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach,^/api/.*/pods/.*/portforward';
export const WRITE_METHODS = 'POST,PUT,PATCH,DELETE';
export const SERVING_INFO_FILE = 'keyhole-serving.json';

const PREFIX_PATTERN = /^k-[0-9a-f]{32}$/;

// 128 random bits, as one path segment.
export const newPrefix = () => `k-${crypto.randomBytes(16).toString('hex')}`;

// Where the prefix is kept: $XDG_CONFIG_HOME/keyhole/proxy-prefix
// (~/.config/keyhole/proxy-prefix by default).
export function prefixFile(env = process.env) {
  const config = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'keyhole', 'proxy-prefix');
}

// The kept prefix, made (or replaced, with `renew`) when there is none.
// The folder is 0700 and the file 0600, whatever they were before.
export function keptPrefix({ file = prefixFile(), renew = false } = {}) {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  if (!renew) {
    const kept = readPrefix(file);
    if (kept) {
      fs.chmodSync(file, 0o600);
      return kept;
    }
  }
  const prefix = newPrefix();
  // Written whole or not at all: a half-written file would lose the bookmark.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${prefix}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return prefix;
}

function readPrefix(file) {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return PREFIX_PATTERN.test(text) ? text : null;
  } catch {
    return null;
  }
}

// A private copy of dist/ with the serving information beside index.html.
// Returns the folder; the caller removes it when the proxy stops.
export function servingCopy(dist, { context = null, readOnly = false } = {}) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist} has no index.html: build Keyhole first (harness/build-app.sh)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-www-'));
  fs.cpSync(dist, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, SERVING_INFO_FILE), JSON.stringify({ context, readOnly }));
  return dir;
}

// The proxy's arguments. `prefix: null` gives the plain `--www-prefix=/ui/`
// setup (the API at the root), kept for comparison in the exposure tests.
export function proxyArgs({ port, www, prefix, context, readOnly = false, rejectPaths = REJECT_PATHS, extra = [] }) {
  return [
    ...(context ? [`--context=${context}`] : []),
    'proxy', '--address=127.0.0.1', `--port=${port}`, `--www=${www}`,
    ...(prefix ? [`--api-prefix=/${prefix}/`, `--www-prefix=/${prefix}/ui/`] : ['--www-prefix=/ui/']),
    ...(rejectPaths ? [`--reject-paths=${rejectPaths}`] : []),
    ...(readOnly ? [`--reject-methods=${WRITE_METHODS}`] : []),
    ...extra,
  ];
}

// The URLs of a proxy on `port` with `prefix` (null: none).
export function proxyUrls(port, prefix) {
  const url = `http://127.0.0.1:${port}`;
  const base = prefix ? `${url}/${prefix}` : url;
  return { url, base, uiUrl: `${base}/ui/` };
}

// What the run command tells the user once the proxy answers. The URL is the
// bookmark and the only way in; the rest is what the prefix does not cover.
export function announce(uiUrl, { context, readOnly, local = false }) {
  const lines = [
    `serving Keyhole${context ? ` for kube context '${context}'` : ''}${local ? ' on the local control plane' : ''}`
      + `${readOnly ? ', read-only (the proxy refuses every write)' : ''}`,
    `open and bookmark: ${uiUrl}`,
    'that address is the only way into the API through this proxy: keep it to yourself;',
    'harness/run.sh --new-prefix makes a new one (old bookmarks stop working).',
    'other users and programs on this machine can read the address from the process list (ps).',
    'Ctrl-C stops the proxy.',
  ];
  for (const line of lines) console.error(`\x1b[1m[keyhole]\x1b[0m ${line}`);
}
