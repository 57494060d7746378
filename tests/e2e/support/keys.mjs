// Real key material for typed-secret tests, made with openssl and ssh-keygen
// in a temp folder at test time (never checked in, never printed).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

// A self-signed EC certificate for `cn`, valid `days` days, and its key.
export function tlsPair(dir, name, cn, days = 90) {
  run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', String(days), '-subj', `/CN=${cn}`,
    '-addext', `subjectAltName=DNS:${cn}`], dir);
  return {
    cert: fs.readFileSync(path.join(dir, `${name}.crt`)),
    key: fs.readFileSync(path.join(dir, `${name}.key`)),
  };
}

// An unencrypted ed25519 key pair and the fingerprint ssh-keygen prints.
export function sshKey(dir, name) {
  const file = path.join(dir, name);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@keyhole-test`, '-f', file], dir);
  const fingerprint = run('ssh-keygen', ['-l', '-f', `${file}.pub`], dir).toString().split(' ')[1];
  return { privateKey: fs.readFileSync(file), publicKey: fs.readFileSync(`${file}.pub`), fingerprint };
}
