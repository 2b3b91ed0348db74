import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak resident memory of Chromium's renderer processes (a tab and its dedicated workers live in one),
 * sampled from /proc while something runs: what the issue's « tab under 1 GB » means. Linux only;
 * elsewhere it reports nothing rather than a wrong number.
 */
export function rendererMemorySampler(rootPid = process.pid, everyMs = 50) {
  const pageSize = 4096;
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const renderers = (): number[] => {
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = read(`/proc/${entry}/stat`);
      // The command name may hold spaces and parentheses: the parent's pid is the 2nd field after the last « ) ».
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    }
    const descends = (pid: number): boolean => {
      for (let p = parents.get(pid), depth = 0; p !== undefined && p > 1 && depth < 20; p = parents.get(p), depth += 1) if (p === rootPid) return true;
      return false;
    };
    return [...parents.keys()].filter((pid) => descends(pid) && read(`/proc/${pid}/cmdline`).includes('--type=renderer'));
  };
  const rssMB = (pid: number) => (Number(read(`/proc/${pid}/statm`).split(' ')[1] ?? 0) * pageSize) / 1024 / 1024;
  let peak = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let pids: number[] = [];
  const sample = () => {
    for (const pid of pids) peak = Math.max(peak, rssMB(pid));
  };
  return {
    supported: process.platform === 'linux',
    start() {
      peak = 0;
      pids = renderers();
      sample();
      let ticks = 0;
      timer = setInterval(() => {
        // New renderers (a page opened meanwhile) are picked up every second.
        if ((ticks += 1) % Math.max(1, Math.round(1000 / everyMs)) === 0) pids = renderers();
        sample();
      }, everyMs);
    },
    /** Peak in MB since start(). */
    stop(): number {
      clearInterval(timer);
      sample();
      return Math.round(peak);
    },
  };
}
