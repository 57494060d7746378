// Where the app's size goes: code bytes per crate, read from the release
// linker output (target/wasm32-unknown-unknown/release/keyhole.wasm), which
// still carries function names (wasm-bindgen and wasm-opt strip them later).
// Shares are of code before wasm-opt; wasm-opt shrinks all crates alike.
//   usage: node bench/wasm-breakdown.mjs [file.wasm]
//          node bench/wasm-breakdown.mjs --diff old.wasm [new.wasm]
//   (--diff: the functions that grew or shrank most, hashes stripped, so two
//   builds of different commits can be compared function by function)
import fs from 'node:fs';

function leb(buf, pos) {
  let result = 0; let shift = 0; let byte;
  do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [result, pos];
}

function sections(buf) {
  const out = []; let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size; [size, pos] = leb(buf, pos);
    out.push({ id, start: pos, end: pos + size });
    pos += size;
  }
  return out;
}

function importedFunctions(buf, s) {
  let [n, p] = leb(buf, s.start); let funcs = 0;
  for (let i = 0; i < n; i++) {
    let len; [len, p] = leb(buf, p); p += len; [len, p] = leb(buf, p); p += len;
    const kind = buf[p++];
    if (kind === 0) { [, p] = leb(buf, p); funcs++; } else if (kind === 1) { p++; const f = buf[p++]; [, p] = leb(buf, p); if (f & 1) [, p] = leb(buf, p); } else if (kind === 2) { const f = buf[p++]; [, p] = leb(buf, p); if (f & 1) [, p] = leb(buf, p); } else if (kind === 3) p += 2;
  }
  return funcs;
}

function functionNames(buf, s) {
  let [len, p] = leb(buf, s.start);
  if (buf.toString('utf8', p, p + len) !== 'name') return null;
  p += len; const names = new Map();
  while (p < s.end) {
    const sub = buf[p++]; let size; [size, p] = leb(buf, p); const end = p + size;
    if (sub === 1) {
      let n; [n, p] = leb(buf, p);
      for (let i = 0; i < n; i++) { let idx; [idx, p] = leb(buf, p); let l; [l, p] = leb(buf, p); names.set(idx, buf.toString('utf8', p, p + l)); p += l; }
    }
    p = end;
  }
  return names;
}

// The crate a (legacy-mangled) Rust symbol belongs to; for trait impls
// `<T as Trait>` the implementing type's crate.
function crateOf(symbol) {
  let s = symbol;
  if (s.startsWith('_ZN')) {
    const parts = []; let i = 3;
    while (i < s.length && /\d/.test(s[i])) { let j = i; while (/\d/.test(s[j])) j++; const l = Number(s.slice(i, j)); parts.push(s.slice(j, j + l)); i = j + l; }
    s = parts.join('::');
  }
  s = s.replace(/\$LT\$/g, '<').replace(/\$RF\$/g, '&').replace(/\$u20\$/g, ' ').replace(/^_+/, '');
  const m = s.match(/^[<&\s]*(?:mut\s+)?([A-Za-z_][A-Za-z0-9_]*)/);
  const name = m ? m[1] : '?';
  return /^[a-z][a-z0-9_]*$/.test(name) ? name : '(generic glue)';
}

// Readable symbol: legacy mangling decoded, the trailing hash dropped.
function readable(symbol) {
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = []; let i = 3;
  while (i < symbol.length && /\d/.test(symbol[i])) { let j = i; while (/\d/.test(symbol[j])) j++; const l = Number(symbol.slice(i, j)); parts.push(symbol.slice(j, j + l)); i = j + l; }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$RF\$/g, '&')
    .replace(/\$u20\$/g, ' ').replace(/\$C\$/g, ',').replace(/\.\./g, '::');
}

// Each local function's symbol and code bytes, or null when the file has no
// name section (a stripped build).
function functions(file) {
  if (!fs.existsSync(file)) return null;
  const buf = fs.readFileSync(file);
  const secs = sections(buf);
  const imports = secs.find((s) => s.id === 2);
  const code = secs.find((s) => s.id === 10);
  const names = secs.filter((s) => s.id === 0).map((s) => functionNames(buf, s)).find(Boolean);
  if (!code || !names) return null;
  const firstLocal = imports ? importedFunctions(buf, imports) : 0;
  const out = [];
  let [n, p] = leb(buf, code.start);
  for (let i = 0; i < n; i++) {
    const before = p; let size; [size, p] = leb(buf, p); p += size;
    out.push([names.get(firstLocal + i) ?? '?', p - before]);
  }
  const data = secs.filter((s) => s.id === 11).reduce((a, s) => a + s.end - s.start, 0);
  return { list: out, data };
}

// Code bytes per readable function name (same-named functions summed).
export function functionSizes(file) {
  const fns = functions(file);
  if (!fns) return null;
  const sizes = new Map();
  for (const [symbol, bytes] of fns.list) {
    const name = readable(symbol);
    sizes.set(name, (sizes.get(name) ?? 0) + bytes);
  }
  return sizes;
}

export function functionDiff(oldFile, newFile, top = 40) {
  const [a, b] = [functionSizes(oldFile), functionSizes(newFile)];
  if (!a || !b) return null;
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys].map((k) => [k, (b.get(k) ?? 0) - (a.get(k) ?? 0)]).filter(([, d]) => d !== 0);
  rows.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
  const sum = (m) => [...m.values()].reduce((x, y) => x + y, 0);
  return [
    `all code: ${sum(a).toLocaleString('en')} → ${sum(b).toLocaleString('en')} (${(sum(b) - sum(a)).toLocaleString('en')})`,
    ...rows.slice(0, top).map(([k, d]) => `${d > 0 ? '+' : ''}${d}\t${k.slice(0, 160)}`),
  ].join('\n');
}

// What the code is for, by crate (and, for Keyhole, by layer).
const GROUPS = [
  ['views and reactive glue (Leptos: tachys, reactive_graph, generic glue; Keyhole\'s ui/)', (c, k) => k === 'ui' || ['tachys', 'reactive_graph', 'leptos', 'leptos_dom', '(generic glue)', 'either_of', 'or_poisoned', 'send_wrapper', 'any_spawner'].includes(c)],
  ['Keyhole\'s own logic (model/, api/)', (c, k) => c === 'keyhole'],
  ['JSON, YAML and the Kubernetes types (serde, k8s-openapi, jiff, saphyr)', (c) => /^(serde|serde_json|serde_core|k8s_openapi|jiff|jiff_core|saphyr_parser|base64|ryu|itoa)$/.test(c)],
  ['Rust\'s core, alloc and collections', (c) => /^(core|alloc|std|hashbrown|dlmalloc|compiler_builtins)$/.test(c)],
  ['JavaScript bindings (js-sys, web-sys, wasm-bindgen, gloo)', (c) => /^(js_sys|web_sys|wasm_bindgen|wasm_bindgen_futures|gloo_net|gloo_utils|futures_util|futures_core|futures_channel)$/.test(c)],
];

export function wasmBreakdown(file) {
  const fns = functions(file);
  if (!fns) return null;
  const { data } = fns;
  const byCrate = new Map(); const byFolder = new Map(); const byGroup = new Map(); let total = 0;
  for (const [symbol, bytes] of fns.list) {
    total += bytes;
    const crate = crateOf(symbol);
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + bytes);
    const folder = crate === 'keyhole' ? readable(symbol).match(/keyhole::(ui|model|api)(?:::(\w+))?/) : null;
    if (folder) {
      const name = folder[2] && folder[1] !== 'api' ? `${folder[1]}/${folder[2]}` : folder[1];
      byFolder.set(name, (byFolder.get(name) ?? 0) + bytes);
    }
    const group = GROUPS.find(([, test]) => test(crate, folder?.[1]))?.[0] ?? 'the rest (mostly wasm-bindgen\'s describe shims, which it strips; indexmap, sha2, …)';
    byGroup.set(group, (byGroup.get(group) ?? 0) + bytes);
  }
  const sorted = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  const pct = (x) => `${((100 * x) / total).toFixed(1)} %`;
  const row = ([c, b]) => `| ${c} | ${b.toLocaleString('en')} | ${pct(b)} |`;
  return [
    `| crate | code bytes | share |`, `|---|---:|---:|`,
    ...sorted(byCrate, 15).map(row),
    `| all code | ${total.toLocaleString('en')} | 100 % |`,
    `| data (strings, tables) | ${data.toLocaleString('en')} | |`,
    '',
    'The same code by what it is for:',
    '',
    `| for | code bytes | share |`, `|---|---:|---:|`,
    ...sorted(byGroup, 10).map(row),
    '',
    'Keyhole\'s own code by folder (the largest; `ui/…` are screens, `model/…` decisions, `api` requests):',
    '',
    `| folder | code bytes | share of all code |`, `|---|---:|---:|`,
    ...sorted(byFolder, 16).map(row),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--diff') {
  const [oldFile, newFile = 'target/wasm32-unknown-unknown/release/keyhole.wasm'] = process.argv.slice(3);
  console.log(functionDiff(oldFile, newFile, Number(process.env.TOP ?? 40)) ?? 'no named wasm (build first)');
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/keyhole.wasm';
  console.log(wasmBreakdown(file) ?? `no named wasm at ${file} (build first)`);
}
