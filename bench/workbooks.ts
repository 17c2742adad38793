/**
 * The benchmark's input files, generated once and cached in bench/out (git-ignored) under a
 * name that carries size, seed and a hash of the sources that shape them (generator, model,
 * kernels, writer), so a changed generator never reuses a stale file.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { generateSample } from '../src/model/sample';
import { ChildRun, runChild } from './measure';
import { peerWorkbook } from './peerWorkbook';

export const ROOT = path.resolve(__dirname, '..');
export const OUT = path.join(ROOT, 'bench', 'out');
// What shapes the files' contents (the reader is not among them: a faster reader must not force a regeneration).
const SOURCES = ['src/model', 'src/calc', 'src/io/writeWorkbook.ts', 'bench/peerWorkbook.ts'];

function sourceHash(): string {
  const h = createHash('sha1');
  const add = (p: string) => {
    const full = path.join(ROOT, p);
    if (!existsSync(full)) return;
    if (full.endsWith('.ts')) h.update(p).update(readFileSync(full));
    else for (const f of readdirSync(full).sort()) if (f.endsWith('.ts')) add(path.join(p, f));
  };
  SOURCES.forEach(add);
  return h.digest('hex').slice(0, 8);
}

export interface BenchFiles {
  crm3: string;
  peer: string;
  /** Set when the CRM3 workbook was generated in this run (not cached). */
  generated?: ChildRun;
}

/** `crm3 sample --size N --seed S` (the real CLI) and the LibreOffice peer, cached. */
export async function benchFiles(size: number, seed: number): Promise<BenchFiles> {
  mkdirSync(OUT, { recursive: true });
  const tag = `${size}-s${seed}-${sourceHash()}`;
  const crm3 = path.join(OUT, `crm3-${tag}.xlsx`);
  const peer = path.join(OUT, `peer-${tag}.xlsx`);
  let generated: ChildRun | undefined;
  if (!existsSync(crm3)) {
    const tmp = `${crm3}.partial.xlsx`;
    generated = await runChild(process.execPath, [
      path.join(ROOT, 'bin', 'crm3.js'),
      'sample',
      '--size',
      String(size),
      '--seed',
      String(seed),
      '--out',
      tmp,
    ]);
    if (generated.code !== 0) throw new Error(`crm3 sample failed: ${generated.stderr}`);
    const { renameSync } = await import('fs');
    renameSync(tmp, crm3);
  }
  if (!existsSync(peer)) writeFileSync(peer, peerWorkbook(generateSample({ size, seed })));
  return { crm3, peer, generated };
}
