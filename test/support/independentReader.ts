/**
 * An independent reader for the files the project writes: openpyxl (Debian python3-openpyxl,
 * run with /usr/bin/python3; .ci/run installs it). One Python process reads a list of files
 * and reports, per file, its sheet names or why it could not be opened.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';

export const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
out = {}
for path in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(path)
        out[path] = {"ok": True, "sheets": wb.sheetnames, "tables": sorted(t for ws in wb.worksheets for t in ws.tables.keys())}
    except Exception as e:
        out[path] = {"ok": False, "error": type(e).__name__ + ": " + str(e)[:300]}
print(json.dumps(out))
`;

export interface ReadBack {
  ok: boolean;
  sheets?: string[];
  tables?: string[];
  error?: string;
}

/** Whether openpyxl is there (the check fails loudly when it is not: .ci/run installs it). */
export function hasOpenpyxl(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Reads every file with openpyxl. */
export function readWithOpenpyxl(paths: readonly string[]): Record<string, ReadBack> {
  const out = execFileSync(PYTHON, ['-c', SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as Record<string, ReadBack>;
}
