// The size floor: builds bench/size-floor (Leptos CSR + k8s-openapi with the
// app's release profile and flags) in three variants and sizes each the way
// Trunk builds the app (wasm-bindgen, then wasm-opt -Oz), to show how much of
// the bundle budget our fixed choices take before any feature is written.
//   usage: node bench/size-floor.mjs   (takes minutes cold; bench/run.mjs runs it too)
// Needs cargo with the wasm32-unknown-unknown target, and wasm-bindgen and
// wasm-opt: the same tools Trunk uses, from where harness/bootstrap.sh puts
// them (or PATH).
// CARGO_TARGET_DIR defaults to target/size-floor, apart from the app's build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize } from './machine.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = path.join(root, 'bench/size-floor/Cargo.toml');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target/size-floor');
const variants = ['hello', 'secret', 'kept', 'types'];
// Trunk's wasm-opt settings for the app (index.html, data-wasm-opt-params).
const wasmOptArgs = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-reference-types', '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue'];

function run(cmd, args, env) {
  // cwd is the repo root so cargo applies .cargo/config.toml (the
  // erase_components flag the app is built with). Output goes to stderr:
  // stdout is the report's.
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2], env: { ...process.env, ...env } });
  if (r.error?.code === 'ENOENT') throw new Error(`${cmd} not found on PATH (harness/bootstrap.sh installs it)`);
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

// The tools harness/bootstrap.sh installs (wasm-bindgen under the cache's
// tools/, wasm-opt from npm's binaryen), found without a prepared PATH.
function addToolDirs() {
  const cache = process.env.KEYHOLE_CACHE ?? path.join(os.homedir(), '.cache/keyhole');
  const tools = path.join(cache, 'tools');
  // The wasm-bindgen the app is pinned to (Trunk.toml), as the app's build uses.
  const pinned = fs.readFileSync(path.join(root, 'Trunk.toml'), 'utf8').match(/wasm_bindgen\s*=\s*"([^"]+)"/)?.[1];
  const dirs = [path.join(root, 'node_modules/.bin'), path.join(tools, `wasm-bindgen-${pinned}`, 'bin')];
  process.env.PATH = [...dirs.filter((d) => fs.existsSync(d)), process.env.PATH].join(path.delimiter);
}

function checkTools() {
  addToolDirs();
  for (const tool of ['cargo', 'wasm-bindgen', 'wasm-opt']) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.error) throw new Error(`${tool} not found on PATH (harness/bootstrap.sh installs it)`);
    console.error(`using ${r.stdout.trim()}`);
  }
  // RUSTFLAGS would replace, not extend, the flags in .cargo/config.toml.
  if (process.env.RUSTFLAGS || process.env.CARGO_ENCODED_RUSTFLAGS) {
    console.error('warning: RUSTFLAGS is set and replaces --cfg=erase_components from .cargo/config.toml');
  }
}

// The .wasm's raw size, and gzip and brotli of all the files in dir, taken
// the way dist/ is sized (harness/bundle-size.mjs, file by file).
function sizes(dir, bundle = bundleSize(dir)) {
  const wasm = fs.readdirSync(dir).filter((name) => name.endsWith('.wasm'));
  const raw = wasm.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  return { raw, gzip: bundle.total.gzip, brotli: bundle.total.brotli };
}

// Builds and sizes each variant; `dist` (the app's build) is sized last for
// comparison, from `distBundle` when the caller has sized it already.
// Returns [{ name, raw, gzip, brotli }].
export function measureSizeFloor(dist = path.join(root, 'dist'), distBundle = undefined) {
  checkTools();
  const rows = [];
  for (const variant of variants) {
    console.error(`[size-floor] building the ${variant} variant…`);
    run('cargo', ['build', '--release', '--offline', '--target', 'wasm32-unknown-unknown',
      '--manifest-path', manifest, '--no-default-features', '--features', variant],
    { CARGO_TARGET_DIR: targetDir });
    const wasm = path.join(targetDir, 'wasm32-unknown-unknown/release/keyhole-size-floor.wasm');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), `size-floor-${variant}-`));
    try {
      run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'app', wasm]);
      const bg = path.join(out, 'app_bg.wasm');
      run('wasm-opt', [...wasmOptArgs, '-o', bg, bg]);
      rows.push({ name: variant, ...sizes(out) });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  if (fs.existsSync(dist)) rows.push({ name: 'app (all of dist/)', ...sizes(dist, distBundle) });
  return rows;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const LABELS = {
  hello: '`hello`: Leptos, one signal, one `<p>`',
  secret: '`secret`: + one k8s-openapi `Secret` read with serde_json',
  kept: '`kept`: + the k8s-openapi types the app reads or writes now (7: Secret, Role, RoleBinding, SelfSubjectAccessReview, Status, Info, APIVersions)',
  types: '`types`: + every k8s-openapi type the app read or wrote before its purpose-made read structs (19)',
};

export function sizeFloorTable(rows) {
  return [
    '| build | wasm raw | gzip | brotli |',
    '|---|--:|--:|--:|',
    ...rows.map((r) => `| ${LABELS[r.name] ?? r.name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  try {
    console.log(sizeFloorTable(measureSizeFloor()));
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s; KB = 1024 bytes; gzip -9, brotli 11; wasm + JS glue (+ all of dist/ for the app).`);
}
