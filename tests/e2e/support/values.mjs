// Comparing secret values without ever printing them: failures name the key
// and show digests, so test output cannot leak what the cluster holds.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

export const digest = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);

export function assertSameBytes(actual, expected, label) {
  const a = Buffer.from(actual);
  const e = Buffer.from(expected);
  assert.ok(a.equals(e), `${label}: bytes differ (sha256 ${digest(a)} != ${digest(e)}, ${a.length} vs ${e.length} bytes)`);
}
