#!/usr/bin/env node
// Prints the size of every file in dist/ raw, gzip and brotli, and the totals:
// what a user's browser downloads on first load.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
let total = { raw: 0, gzip: 0, brotli: 0 };
const rows = [];
for (const name of fs.readdirSync(dist).sort()) {
  const file = path.join(dist, name);
  if (!fs.statSync(file).isFile()) continue;
  const bytes = fs.readFileSync(file);
  const size = {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const k of Object.keys(total)) total[k] += size[k];
  rows.push(`  ${name.padEnd(24)}${kb(size.raw)}${kb(size.gzip)}${kb(size.brotli)}`);
}
console.log(`  ${'dist/'.padEnd(24)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
console.log(rows.join('\n'));
console.log(`  ${'total'.padEnd(24)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
