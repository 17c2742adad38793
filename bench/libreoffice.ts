/**
 * The LibreOffice peer: `soffice --headless --convert-to csv` of the peer workbook, with
 * recalculation on load forced through a private user profile (OOXMLRecalcMode = 0, "always"),
 * so the COUNTIFS/SUMIFS really are computed, not read from cached values (the peer file has
 * none). The CSV (the Accounts sheet) is then checked against the CRM3 kernels.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChildRun, runChild } from './measure';

const PROFILE = path.join(os.tmpdir(), 'crm3-lo-bench-profile');

const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The soffice binary, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

export function libreOfficeVersion(soffice: string): string {
  try {
    return execFileSync(soffice, ['--version'], { encoding: 'utf8', timeout: 60_000 }).trim();
  } catch {
    return 'LibreOffice (version unknown)';
  }
}

function ensureProfile(): string {
  const user = path.join(PROFILE, 'user');
  mkdirSync(user, { recursive: true });
  const registry = path.join(user, 'registrymodifications.xcu');
  // LibreOffice rewrites this file on exit; our two settings must survive, so write them back each time.
  if (!existsSync(registry) || !readFileSync(registry, 'utf8').includes('OOXMLRecalcMode')) writeFileSync(registry, REGISTRY);
  return `file://${PROFILE}`;
}

/** Converts `xlsx` to CSV in `outDir` (recalculating on load), measured as a child process. */
export async function convertToCsv(soffice: string, xlsx: string, outDir: string): Promise<ChildRun & { csv?: string }> {
  const profile = ensureProfile();
  mkdirSync(outDir, { recursive: true });
  const csv = path.join(outDir, `${path.basename(xlsx, '.xlsx')}.csv`);
  rmSync(csv, { force: true });
  const run = await runChild(
    soffice,
    [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'csv', '--outdir', outDir, xlsx],
    { timeoutMs: 30 * 60_000 },
  );
  return { ...run, csv: existsSync(csv) ? csv : undefined };
}

/** Rows of a simple CSV (LibreOffice's default: comma, double-quoted text). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}
