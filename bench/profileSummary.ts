/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time and total (inclusive) time
 * by function, top N. Used to find where the engine's time goes (docs/performance.md).
 *
 *   npx tsx bench/profileSummary.ts file.cpuprofile [top=25] [--filter text]
 */
import { readFileSync } from 'fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const label = (n: ProfileNode) => {
  const file = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src|bench)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
};

export function summarise(profile: Profile, top = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    // Inclusive time: every distinct function on the stack once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, t]) => `  ${t.toFixed(0).padStart(7)} ms ${((100 * t) / all).toFixed(1).padStart(5)}%  ${l}`);
  return [`total ${all.toFixed(0)} ms`, 'self time:', ...fmt(self), 'total (inclusive) time:', ...fmt(total)];
}

if (require.main === module) {
  const [file, topArg] = process.argv.slice(2);
  const top = Number(topArg ?? 25);
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, top).join('\n'));
}
