// A child process whose output goes to a log file, and that can be stopped
// (SIGTERM, then SIGKILL after a grace period) and awaited.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export class Proc {
  constructor(name, command, args, { logFile, env } = {}) {
    this.name = name;
    this.logFile = logFile;
    const out = fs.openSync(logFile, 'a');
    this.child = spawn(command, args, {
      stdio: ['ignore', out, out],
      env: { ...process.env, ...env },
    });
    fs.closeSync(out);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitCode = code ?? signal;
        resolve(this.exitCode);
      });
      this.child.on('error', (err) => {
        this.exitCode = String(err);
        resolve(this.exitCode);
      });
    });
  }

  get running() {
    return this.exitCode === undefined;
  }

  async stop(graceMs = 5000) {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.running && this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  // The last lines of the log, for error messages and failing tests.
  tail(lines = 30) {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

// Polls `check` until it returns true; fails early if `proc` exits.
export async function waitFor(what, check, { timeoutMs = 60000, proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (proc && !proc.running) {
      throw new Error(`${proc.name} exited (${proc.exitCode}) while waiting for ${what}:\n${proc.tail()}`);
    }
    try {
      if (await check()) return;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}` +
    (proc ? `\n${proc.tail()}` : ''));
}
