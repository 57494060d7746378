// Medians and the few number formats the report uses.

export function median(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

// { median, min, max, n } of a list of numbers.
export function summary(values) {
  const xs = values.filter((v) => Number.isFinite(v));
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

export const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
export const kb = (x) => (Number.isFinite(x) ? `${(x / 1024).toFixed(1)} KB` : 'n/a');
export const mb = (x) => (Number.isFinite(x) ? `${(x / 1024 / 1024).toFixed(1)} MB` : 'n/a');
export const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
export const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(3)}x` : 'n/a');

// "median (min–max)" in the given unit.
export function spread(s, fmt) {
  if (!s || !Number.isFinite(s.median)) return 'n/a';
  return s.n > 1 ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : fmt(s.median);
}
