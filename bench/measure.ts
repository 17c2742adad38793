/**
 * Runs one contender as a child process and measures it from outside: wall time and peak
 * resident memory (max RSS over the process and its descendants). Uses GNU time when the
 * machine has it (`/usr/bin/time -f`), else polls /proc/<pid>/status (VmHWM) of the tree.
 */
import { spawn } from 'child_process';
import { existsSync, readFileSync, readdirSync } from 'fs';

export interface ChildRun {
  code: number | null;
  wallMs: number;
  /** Peak resident set size in MB, or undefined when it could not be read. */
  peakMb?: number;
  /** User + system CPU time in ms (GNU time only). */
  cpuMs?: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const MARK = '@@crm3-bench-rss=';

/** Peak RSS (kB) of pid and its descendants so far, from /proc. */
function treeHighWater(pid: number): number {
  let peak = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+)/.exec(status);
      if (m) peak = Math.max(peak, Number(m[1]));
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const k of kids ? kids.split(/\s+/) : []) visit(Number(k));
      }
    } catch {
      // The process ended between two reads.
    }
  };
  visit(pid);
  return peak;
}

export function runChild(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ChildRun> {
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', `${MARK}%M %U %S`, command, ...args]] : [command, [...args]];
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let polled = 0;
    const poll = useTime ? undefined : setInterval(() => (polled = Math.max(polled, treeHighWater(child.pid!))), 50);
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      let stderr = Buffer.concat(err).toString('utf8');
      let peakKb: number | undefined = polled || undefined;
      let cpuMs: number | undefined;
      const at = stderr.lastIndexOf(MARK);
      if (useTime && at >= 0) {
        const [rss, user, system] = stderr
          .slice(at + MARK.length)
          .trim()
          .split(/\s+/)
          .map(Number);
        peakKb = rss;
        cpuMs = (user + system) * 1000;
        stderr = stderr.slice(0, at);
      }
      const peakMb = peakKb ? peakKb / 1024 : undefined;
      resolve({ code, wallMs, peakMb, cpuMs, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}
