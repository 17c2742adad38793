/**
 * A worksheet as findTables reads it (SheetGrid), built from the blocks of values that
 * office-js loaded: the used range of a CRM3 sheet, the range of a CRM3 table elsewhere, a
 * setting's cell. Excel already gives dates as serials; errors are told apart from text by
 * valueTypes.
 */
import { GridValue, ListObjectInfo, SheetGrid } from '../io/sheetTables';

export interface LoadedBlock {
  /** 1-based row and column of values[0][0]. */
  top: number;
  left: number;
  values: readonly (readonly unknown[])[];
  valueTypes?: readonly (readonly string[])[];
  /** Loaded only where formula text is read (the Indicators sheet). */
  formulas?: readonly (readonly unknown[])[];
}

/** One office-js value as a grid value. */
export function gridValueOfExcel(v: unknown, type: string | undefined): GridValue {
  if (type === 'Error') return { flag: 'error', code: String(v) };
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { flag: 'error', code: '#NUM!' };
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'boolean') return v;
  return null;
}

export class ExcelGrid implements SheetGrid {
  readonly listObjects: ListObjectInfo[] = [];
  private readonly blocks: LoadedBlock[] = [];
  lastRow = 0;

  constructor(readonly name: string) {}

  addBlock(block: LoadedBlock): void {
    this.blocks.push(block);
    this.lastRow = Math.max(this.lastRow, block.top + block.values.length - 1);
  }

  private at(row: number, col: number): { b: LoadedBlock; r: number; c: number } | undefined {
    for (const b of this.blocks) {
      const r = row - b.top;
      const c = col - b.left;
      if (r >= 0 && r < b.values.length && c >= 0 && c < (b.values[r]?.length ?? 0)) return { b, r, c };
    }
    return undefined;
  }

  value(row: number, col: number): GridValue {
    const p = this.at(row, col);
    return p ? gridValueOfExcel(p.b.values[p.r][p.c], p.b.valueTypes?.[p.r]?.[p.c]) : null;
  }

  formula(row: number, col: number): string | undefined {
    const p = this.at(row, col);
    const f = p?.b.formulas?.[p.r]?.[p.c];
    return typeof f === 'string' && f.startsWith('=') ? f.slice(1) : undefined;
  }

  entries(row: number): [number, GridValue][] {
    const seen = new Map<number, GridValue>();
    for (const b of this.blocks) {
      const r = row - b.top;
      if (r < 0 || r >= b.values.length) continue;
      const values = b.values[r];
      const types = b.valueTypes?.[r];
      for (let c = 0; c < values.length; c++) {
        const col = b.left + c;
        if (seen.has(col)) continue;
        const v = gridValueOfExcel(values[c], types?.[c]);
        if (v !== null) seen.set(col, v);
      }
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]);
  }
}
