// CPU time, from /proc (Linux): which process kept the cores busy during a
// stretch of the run, to tell a wait on the network from a wait on the CPU.
//
// A process's time includes its reaped children's (cutime, cstime), so a
// browser renderer that has exited still counts, in its parent.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux kernel configuration in use

// Every live process: pid → { comm, ppid, seconds of CPU }.
function processes() {
  const all = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": utime, stime, cutime, cstime are the 14th to 17th fields.
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      all.set(Number(entry), {
        comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
        ppid: Number(f[1]),
        seconds: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS_PER_SECOND,
      });
    } catch {
      // It exited while we looked.
    }
  }
  return all;
}

// Busy and total CPU seconds of the whole machine, every process of every user.
function machine() {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

// CPU seconds so far of each group: `roots` maps a name to a pid, and each
// group holds that process and all its descendants (a descendant of two
// roots goes to the nearer one), plus the whole machine's.
export function cpuNow(roots) {
  const all = processes();
  const byPid = new Map(Object.entries(roots).map(([name, pid]) => [pid, name]));
  const groupOf = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = all.get(p)?.ppid ?? 0, hops++) {
      if (byPid.has(p)) return byPid.get(p);
    }
    return null;
  };
  const seconds = Object.fromEntries(Object.keys(roots).map((name) => [name, 0]));
  for (const [pid, { seconds: s }] of all) {
    const group = groupOf(pid);
    if (group) seconds[group] += s;
  }
  return { seconds, machine: machine() };
}

// What each group (and the machine) used between two `cpuNow` readings.
export function cpuUsed(before, after) {
  const seconds = Object.fromEntries(Object.keys(after.seconds).map((k) => [k, after.seconds[k] - (before.seconds[k] ?? 0)]));
  return {
    seconds,
    machineBusy: after.machine.busy - before.machine.busy,
    machineTotal: after.machine.total - before.machine.total,
  };
}

// The pid of a child of `parent` whose command name matches `pattern`.
export function childPid(parent, pattern) {
  for (const [pid, { comm, ppid }] of processes()) {
    if (ppid === parent && pattern.test(comm)) return pid;
  }
  return null;
}
