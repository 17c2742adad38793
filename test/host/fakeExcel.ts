/**
 * A small in-memory Excel for ExcelHost tests: sheets with cells, Excel tables, workbook
 * names and charts, behind proxies that follow office-js's rules strictly — a property is
 * readable only after load() and context.sync() (reading it earlier throws, as office-js
 * does), a failing operation fails the next sync and nothing queued after it in that batch
 * happens. office-addin-mock's OfficeMockObject models static property bags; a workbook
 * that changes under insertion, renaming and rollback needs state, so this fake holds it.
 *
 * insertWorksheetsFromBase64 reads the file with the project's own xlsx reader (readGrids)
 * and behaves like Excel at its worst (office-js issues #3583, #4772): colliding sheets and
 * tables are auto-renamed, and the file's names arrive with #REF! references.
 */
import { bytesFromBase64 } from '../../src/host/base64';
import { readGrids } from '../../src/io/readWorkbook';
import { XlsxParts, readWorkbookPart } from '../../src/io/xlsxPackage';
import { inspectXlsx } from '../../src/io/zipGuard';
import { a1 } from '../../src/model/snapshot';

type Raw = number | string | boolean;
interface CellState {
  v: Raw | null;
  error?: string;
  f?: string;
}

export class SheetState {
  cells = new Map<string, CellState>();
  charts: ChartState[] = [];
  protected = false;
  constructor(
    public id: string,
    public name: string,
  ) {}
  get(r: number, c: number): CellState | undefined {
    return this.cells.get(`${r},${c}`);
  }
  set(r: number, c: number, cell: CellState | undefined): void {
    if (!cell || (cell.v === null && cell.f === undefined && cell.error === undefined)) {
      if (this.cells.delete(`${r},${c}`)) this.bounds = undefined;
      return;
    }
    this.cells.set(`${r},${c}`, cell);
    const b = this.bounds;
    if (b)
      this.bounds = {
        top: Math.min(b.top, r),
        left: Math.min(b.left, c),
        bottom: Math.max(b.bottom, r),
        right: Math.max(b.right, c),
      };
    else if (this.cells.size === 1) this.bounds = { top: r, left: c, bottom: r, right: c };
  }
  private bounds: { top: number; left: number; bottom: number; right: number } | undefined;
  /** 1-based bounds of the used cells, or undefined when empty. */
  used(): { top: number; left: number; bottom: number; right: number } | undefined {
    if (this.bounds || this.cells.size === 0) return this.bounds;
    let b: { top: number; left: number; bottom: number; right: number } | undefined;
    for (const key of this.cells.keys()) {
      const [r, c] = key.split(',').map(Number);
      b = b
        ? { top: Math.min(b.top, r), left: Math.min(b.left, c), bottom: Math.max(b.bottom, r), right: Math.max(b.right, c) }
        : { top: r, left: c, bottom: r, right: c };
    }
    return (this.bounds = b);
  }
}

export interface TableState {
  name: string;
  sheet: SheetState;
  top: number;
  left: number;
  bottom: number;
  right: number;
  showHeaders: boolean;
  showTotals: boolean;
  style?: string;
}

export interface NameState {
  name: string;
  formula: string;
}

export interface ChartState {
  name: string;
  type: string;
  source: string;
  title: string;
  anchor?: string;
}

export type FailPoint =
  'charts.add' | 'names.add' | 'tables.add' | 'worksheets.add' | 'insertWorksheetsFromBase64' | 'range.write' | 'rows.add';

export class WorkbookState {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  names: NameState[] = [];
  active?: string;
  selected?: string;
  private nextId = 1;
  runs = 0;
  syncs = 0;
  /** Sheets whose values were read (tests check that only CRM3 sheets are). */
  valuesRead = new Set<string>();
  /** Operations that fail (at the next sync), to test rollbacks. */
  failOn = new Set<FailPoint>();
  changeHandlers: (() => Promise<void> | void)[] = [];
  /** How insertWorksheetsFromBase64 treats the file's names: as Excel at its worst, or not at all. */
  insertedNames: 'ref-error' | 'none' | 'overwrite' = 'ref-error';

  addSheet(name: string): SheetState {
    const s = new SheetState(`{sheet-${this.nextId++}}`, name);
    this.sheets.push(s);
    return s;
  }
  sheet(nameOrId: string): SheetState | undefined {
    const k = nameOrId.toUpperCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toUpperCase() === k);
  }
  /** Table and name namespace (Excel keeps them together). */
  nameTaken(name: string): boolean {
    const k = name.toUpperCase();
    return this.tables.some((t) => t.name.toUpperCase() === k) || this.names.some((n) => n.name.toUpperCase() === k);
  }
  /** A1 helpers for tests. */
  cell(sheet: string, address: string): CellState | undefined {
    const { row, col } = parseA1(address);
    return this.sheet(sheet)?.get(row, col);
  }
  put(sheet: string, address: string, rows: (Raw | null)[][]): void {
    const s = this.sheet(sheet) ?? this.addSheet(sheet);
    const { row, col } = parseA1(address);
    const cell = (v: Raw | null): CellState | undefined =>
      v === null ? undefined : typeof v === 'string' && v.startsWith('=') ? { v: null, f: v } : { v };
    rows.forEach((r, i) => r.forEach((v, j) => s.set(row + i, col + j, cell(v))));
  }
  addTable(sheet: string, name: string, address: string, opts: Partial<TableState> = {}): TableState {
    const s = this.sheet(sheet)!;
    const b = parseRangeA1(address);
    const t: TableState = { name, sheet: s, ...b, showHeaders: true, showTotals: false, ...opts };
    this.tables.push(t);
    return t;
  }
  /** What tests compare before and after an insertion. */
  inventory() {
    return {
      sheets: this.sheets.map((s) => s.name),
      tables: this.tables.map((t) => `${t.sheet.name}/${t.name}`),
      names: this.names.map((n) => `${n.name}=${n.formula}`),
      charts: this.sheets.flatMap((s) => s.charts.map((c) => `${s.name}/${c.name}`)),
    };
  }

  /** Loads an .xlsx's sheets, values, formulas, tables and names (as Excel would open it). */
  async loadXlsx(bytes: Uint8Array): Promise<void> {
    const { sheets, definedNames } = await gridsOf(bytes);
    for (const g of sheets) {
      const s = this.addSheet(g.name);
      copyGrid(g, s);
      for (const lo of g.listObjects)
        this.tables.push({
          name: lo.name,
          sheet: s,
          top: lo.top,
          left: lo.left,
          bottom: lo.bottom,
          right: lo.right,
          showHeaders: true,
          showTotals: lo.totalsRow,
        });
    }
    for (const n of definedNames) if (n.sheet === undefined) this.names.push({ name: n.name, formula: `=${n.text}` });
  }
}

/** Parsed files, by their bytes: tests open the same file in several fresh workbooks. */
const parsed = new WeakMap<Uint8Array, ReturnType<typeof readGrids>>();
async function gridsOf(bytes: Uint8Array): ReturnType<typeof readGrids> {
  let p = parsed.get(bytes);
  if (!p) {
    const check = await inspectXlsx(bytes, 'book.xlsx');
    if (!check.ok) throw new Error(check.reason.message.en);
    p = readGrids(new XlsxParts(bytes, check.entries, 'book.xlsx', false, 512 * 1024 * 1024));
    parsed.set(bytes, p);
  }
  return p;
}

function copyGrid(g: Awaited<ReturnType<typeof readGrids>>['sheets'][number], s: SheetState): void {
  // A formula whose saved result is blank is not among a row's entries: look for formulas too.
  let width = 1;
  for (let r = 1; r <= g.lastRow; r++) for (const [c] of g.entries(r)) width = Math.max(width, c);
  for (let r = 1; r <= g.lastRow; r++) {
    const cols = new Map(g.entries(r));
    for (let c = 1; c <= width + 10; c++)
      if (!cols.has(c) && g.formula(r, c) !== undefined) cols.set(c, { flag: 'uncalculated' });
    for (const [c, v] of cols) {
      const f = g.formula(r, c);
      const formula = f === undefined ? undefined : `=${f.replace(/_xldudf_CRM3_/g, 'CRM3.').replace(/_xlfn\./g, '')}`;
      if (v !== null && typeof v === 'object')
        s.set(r, c, v.flag === 'error' ? { v: v.code, error: v.code, f: formula } : { v: null, f: formula ?? '=0' });
      else s.set(r, c, { v, f: formula });
    }
  }
}

export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(address.trim());
  if (!m) throw new Error(`InvalidArgument: ${address}`);
  const col = [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

export function parseRangeA1(address: string): { top: number; left: number; bottom: number; right: number } {
  const plain = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const whole = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(plain);
  if (whole) return parseRangeA1(`${whole[1]}1:${whole[2]}1048576`);
  const [p, q] = plain.split(':');
  const a = parseA1(p);
  const b = q ? parseA1(q) : a;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

// ---------------------------------------------------------------- request context and proxies

class FakeContext {
  readonly workbook: FakeWorkbook;
  toSync = new Set<FakeProxy>();
  pending: Promise<void>[] = [];
  error: Error | undefined;
  wrote = false;
  syncs = 0;
  constructor(readonly state: WorkbookState) {
    this.workbook = new FakeWorkbook(this);
  }
  fail(e: Error): void {
    this.error ??= e;
  }
  /** A mutation runs only while the batch has not failed. */
  mutate(point: FailPoint | undefined, f: () => void): void {
    if (this.error) return;
    if (point && this.state.failOn.has(point)) return this.fail(new Error(`GeneralException: ${point} failed`));
    try {
      f();
    } catch (e) {
      this.fail(e as Error);
    }
  }
  async sync(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    this.syncs++;
    this.state.syncs++;
    const error = this.error;
    this.error = undefined;
    const synced = [...this.toSync];
    this.toSync.clear();
    if (error) throw error;
    for (const p of synced) p.settle();
    if (this.wrote) {
      this.wrote = false;
      for (const h of this.state.changeHandlers) await h();
    }
  }
}

abstract class FakeProxy {
  private requested = new Map<string, string[]>();
  private loaded = new Map<string, string[]>();
  private readonly bornAt: number;
  constructor(protected readonly ctx: FakeContext) {
    this.bornAt = ctx.syncs;
  }
  get context(): FakeContext {
    return this.ctx;
  }
  load(spec?: string | string[]): this {
    const parts = Array.isArray(spec) ? spec : (spec ?? '').split(',');
    for (const raw of parts) {
      const p = raw.trim();
      if (!p) continue;
      const [head, ...rest] = p.split('/');
      const list = this.requested.get(head) ?? [];
      if (rest.length) list.push(rest.join('/'));
      this.requested.set(head, list);
    }
    this.ctx.toSync.add(this);
    return this;
  }
  settle(): void {
    for (const [k, v] of this.requested) this.loaded.set(k, [...(this.loaded.get(k) ?? []), ...v]);
    this.requested.clear();
  }
  protected need(prop: string): void {
    if (!this.loaded.has(prop))
      throw new Error(`PropertyNotLoaded: '${prop}' is not available. Call load('${prop}') and context.sync() first.`);
  }
  /** A navigation child with what was loaded through this object ("items/worksheet/name"). */
  protected child<T extends FakeProxy>(prop: string, c: T): T {
    const sub = this.loaded.get(prop);
    if (sub?.length) {
      c.load(sub.join(','));
      c.settle();
      this.ctx.toSync.delete(c);
    }
    return c;
  }
  get isNullObject(): boolean {
    if (this.ctx.syncs <= this.bornAt) throw new Error('PropertyNotLoaded: isNullObject is known after context.sync()');
    return this.isNull();
  }
  protected isNull(): boolean {
    return false;
  }
}

class Collection<T extends FakeProxy> extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly list: () => T[],
  ) {
    super(ctx);
  }
  get items(): T[] {
    this.need('items');
    return this.list().map((x) => this.child('items', x));
  }
}

class FakeWorkbook {
  constructor(private readonly ctx: FakeContext) {}
  get worksheets() {
    return new FakeWorksheets(this.ctx);
  }
  get tables() {
    const st = this.ctx.state;
    return new FakeTables(this.ctx, () => st.tables, undefined);
  }
  get names() {
    return new FakeNames(this.ctx);
  }
  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }): { value: string[] } {
    const ctx = this.ctx;
    const result: { ids?: string[] } = {};
    if (options?.positionType && options.positionType !== 'End') throw new Error('fake: only End');
    ctx.mutate('insertWorksheetsFromBase64', () => {
      ctx.pending.push(
        insertFile(ctx.state, bytesFromBase64(base64)).then(
          (ids) => void (result.ids = ids),
          (e) => ctx.fail(e),
        ),
      );
    });
    return {
      get value(): string[] {
        if (!result.ids) throw new Error('PropertyNotLoaded: the result is known after context.sync()');
        return result.ids;
      },
    };
  }
}

/** Excel's insertWorksheetsFromBase64 at its worst: auto-renames, names with #REF!. */
async function insertFile(state: WorkbookState, bytes: Uint8Array): Promise<string[]> {
  const check = await inspectXlsx(bytes, 'template.xlsx');
  if (!check.ok) throw new Error('InvalidArgument: not a workbook');
  const parts = new XlsxParts(bytes, check.entries, 'template.xlsx', false, 512 * 1024 * 1024);
  const { sheets, definedNames } = await readGrids(parts);
  const entries = (await readWorkbookPart(parts)).sheets;
  const ids: string[] = [];
  for (const [i, g] of sheets.entries()) {
    let name = g.name;
    for (let k = 2; state.sheet(name); k++) name = `${g.name} (${k})`;
    const s = state.addSheet(name);
    const part = entries[i]?.part;
    s.protected = part !== undefined && /<sheetProtection\b/.test((await parts.text(part)) ?? '');
    ids.push(s.id);
    copyGrid(g, s);
    for (const lo of g.listObjects) {
      let tname = lo.name;
      for (let k = 3; state.nameTaken(tname); k++) tname = `${lo.name}${k}`;
      state.tables.push({
        name: tname,
        sheet: s,
        top: lo.top,
        left: lo.left,
        bottom: lo.bottom,
        right: lo.right,
        showHeaders: true,
        showTotals: lo.totalsRow,
      });
    }
  }
  if (state.insertedNames !== 'none') {
    for (const n of definedNames) {
      if (n.sheet !== undefined) continue;
      const mine = state.names.find((x) => x.name.toUpperCase() === n.name.toUpperCase());
      if (mine && state.insertedNames === 'overwrite') mine.formula = '=#REF!';
      if (state.nameTaken(n.name)) continue;
      state.names.push({ name: n.name, formula: `=#REF!${n.text.includes('!') ? n.text.slice(n.text.indexOf('!')) : ''}` });
    }
  }
  return ids;
}

class FakeWorksheets extends Collection<FakeWorksheet> {
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.state.sheets.map((s) => new FakeWorksheet(ctx, s)));
  }
  getItem(key: string): FakeWorksheet {
    const s = this.ctx.state.sheet(key);
    if (!s) this.ctx.fail(new Error(`ItemNotFound: sheet ${key}`));
    return new FakeWorksheet(this.ctx, s ?? new SheetState('missing', key));
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, this.ctx.state.sheet(key), true);
  }
  add(name: string): FakeWorksheet {
    const st = this.ctx.state;
    let sheet: SheetState | undefined;
    this.ctx.mutate('worksheets.add', () => {
      if (st.sheet(name)) throw new Error(`InvalidArgument: a sheet named ${name} exists`);
      sheet = st.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, sheet ?? new SheetState('failed', name));
  }
  get onChanged() {
    const st = this.ctx.state;
    const ctx = this.ctx;
    return {
      add(handler: () => Promise<void> | void) {
        st.changeHandlers.push(handler);
        return {
          context: ctx,
          remove() {
            st.changeHandlers = st.changeHandlers.filter((h) => h !== handler);
          },
        };
      },
    };
  }
}

class FakeWorksheet extends FakeProxy {
  constructor(
    ctx: FakeContext,
    readonly state: SheetState | undefined,
    private readonly nullable = false,
  ) {
    super(ctx);
  }
  protected override isNull(): boolean {
    return !this.state || !this.ctx.state.sheets.includes(this.state);
  }
  private get s(): SheetState {
    if (!this.state) throw new Error('InvalidObjectPath: null object');
    return this.state;
  }
  get name(): string {
    this.need('name');
    return this.s.name;
  }
  set name(v: string) {
    this.ctx.mutate(undefined, () => {
      const other = this.ctx.state.sheet(v);
      if (other && other !== this.s) throw new Error(`InvalidArgument: a sheet named ${v} exists`);
      this.s.name = v;
    });
  }
  get id(): string {
    this.need('id');
    return this.s.id;
  }
  get tables() {
    const st = this.ctx.state;
    return new FakeTables(this.ctx, () => st.tables.filter((t) => t.sheet === this.state), this.state);
  }
  get charts() {
    return new FakeCharts(this.ctx, this.s);
  }
  get onChanged() {
    return new FakeWorksheets(this.ctx).onChanged;
  }
  get protection() {
    const ctx = this.ctx;
    const s = this.s;
    const p = new ProtectionProxy(ctx, s);
    return p;
  }
  get freezePanes() {
    const noop = () => undefined;
    return { freezeRows: noop, freezeColumns: noop, freezeAt: noop };
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.ctx, this.s, parseRangeA1(address));
  }
  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.ctx, this.s, { top: row + 1, left: col + 1, bottom: row + 1, right: col + 1 });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this.s, { top: row + 1, left: col + 1, bottom: row + rows, right: col + cols });
  }
  getUsedRangeOrNullObject(): FakeRange {
    const b = this.s.used();
    return new FakeRange(this.ctx, this.s, b ?? { top: 1, left: 1, bottom: 1, right: 1 }, !b);
  }
  activate(): void {
    this.ctx.mutate(undefined, () => void (this.ctx.state.active = this.s.name));
  }
  delete(): void {
    this.ctx.mutate(undefined, () => {
      const st = this.ctx.state;
      st.sheets = st.sheets.filter((x) => x !== this.s);
      st.tables = st.tables.filter((t) => t.sheet !== this.s);
    });
  }
}

class ProtectionProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly s: SheetState,
  ) {
    super(ctx);
  }
  get protected(): boolean {
    this.need('protected');
    return this.s.protected;
  }
  protect(): void {
    this.ctx.mutate(undefined, () => {
      if (this.s.protected) throw new Error('InvalidOperation: the sheet is already protected');
      this.s.protected = true;
    });
  }
  unprotect(): void {
    this.ctx.mutate(undefined, () => void (this.s.protected = false));
  }
}

type Bounds = { top: number; left: number; bottom: number; right: number };

class FakeRange extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: SheetState,
    readonly b: Bounds,
    private readonly nul = false,
  ) {
    super(ctx);
  }
  protected override isNull(): boolean {
    return this.nul;
  }
  get worksheet(): FakeWorksheet {
    return this.child('worksheet', new FakeWorksheet(this.ctx, this.sheet));
  }
  get rowIndex() {
    this.need('rowIndex');
    return this.b.top - 1;
  }
  get columnIndex() {
    this.need('columnIndex');
    return this.b.left - 1;
  }
  get rowCount() {
    this.need('rowCount');
    return this.b.bottom - this.b.top + 1;
  }
  get columnCount() {
    this.need('columnCount');
    return this.b.right - this.b.left + 1;
  }
  get address() {
    this.need('address');
    return `${this.sheet.name}!${a1(this.b.top, this.b.left)}:${a1(this.b.bottom, this.b.right)}`;
  }
  private grid<T>(f: (c: CellState | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = this.b.top; r <= this.b.bottom; r++) {
      const row: T[] = [];
      for (let c = this.b.left; c <= this.b.right; c++) row.push(f(this.sheet.get(r, c)));
      out.push(row);
    }
    return out;
  }
  get values() {
    this.need('values');
    this.ctx.state.valuesRead.add(this.sheet.name);
    return this.grid((c) => (c?.error ? c.error : (c?.v ?? '')));
  }
  set values(v: unknown[][]) {
    this.write(v, false);
  }
  get valueTypes() {
    this.need('valueTypes');
    return this.grid((c) =>
      c?.error
        ? 'Error'
        : c?.v === null || c?.v === undefined || c.v === ''
          ? 'Empty'
          : typeof c.v === 'number'
            ? 'Double'
            : typeof c.v === 'boolean'
              ? 'Boolean'
              : 'String',
    );
  }
  get formulas() {
    this.need('formulas');
    return this.grid((c) => c?.f ?? (c?.error ? c.error : (c?.v ?? '')));
  }
  set formulas(v: unknown[][]) {
    this.write(v, true);
  }
  /** Formats are not kept: every cell reads as General. */
  get numberFormat() {
    this.need('numberFormat');
    return this.grid(() => 'General');
  }
  set numberFormat(v: unknown[][]) {
    this.checkShape(v);
  }
  private checkShape(v: unknown[][]): void {
    const rows = this.b.bottom - this.b.top + 1;
    const cols = this.b.right - this.b.left + 1;
    if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols))
      this.ctx.fail(new Error(`InvalidArgument: the input array does not match the range size ${rows}×${cols}`));
  }
  private write(v: unknown[][], formulas: boolean): void {
    this.checkShape(v);
    this.ctx.mutate('range.write', () => {
      if (this.sheet.protected) throw new Error(`AccessDenied: ${this.sheet.name} is protected`);
      v.forEach((row, i) =>
        row.forEach((x, j) => {
          const r = this.b.top + i;
          const c = this.b.left + j;
          if (typeof x === 'string' && x.startsWith("'")) this.sheet.set(r, c, { v: x.slice(1) });
          else if (typeof x === 'string' && x.startsWith('=')) this.sheet.set(r, c, { v: null, f: x });
          else if (x === '' || x === null) this.sheet.set(r, c, undefined);
          else if (typeof x === 'string' && !formulas && /^-?\d+(\.\d+)?$/.test(x)) this.sheet.set(r, c, { v: Number(x) });
          else this.sheet.set(r, c, { v: x as Raw });
        }),
      );
      this.ctx.wrote = true;
    });
  }
  get format() {
    const noop = {};
    return { columnWidth: 0, font: noop, protection: noop, fill: noop };
  }
  get dataValidation() {
    return {};
  }
  merge(): void {}
  /** Deletes the cells and moves the ones below up (a table over them shrinks). */
  delete(shift: string): void {
    this.ctx.mutate(undefined, () => {
      if (shift !== 'Up') throw new Error('fake: only Up');
      const n = this.b.bottom - this.b.top + 1;
      const used = this.sheet.used();
      const bottom = used ? used.bottom : this.b.bottom;
      for (let r = this.b.top; r <= bottom; r++)
        for (let c = this.b.left; c <= this.b.right; c++) this.sheet.set(r, c, this.sheet.get(r + n, c));
      for (const t of this.ctx.state.tables)
        if (t.sheet === this.sheet && t.top < this.b.top && t.bottom >= this.b.top)
          t.bottom -= Math.min(n, t.bottom - this.b.top + 1);
    });
  }
  select(): void {
    this.ctx.mutate(undefined, () => void (this.ctx.state.selected = `${this.sheet.name}!${a1(this.b.top, this.b.left)}`));
  }
}

class FakeTables extends Collection<FakeTable> {
  constructor(
    ctx: FakeContext,
    list: () => TableState[],
    private readonly sheet: SheetState | undefined,
  ) {
    super(ctx, () => list().map((t) => new FakeTable(ctx, t)));
  }
  getItemOrNullObject(name: string): FakeTable {
    const t = this.ctx.state.tables.find((x) => x.name.toUpperCase() === name.toUpperCase());
    return new FakeTable(this.ctx, t);
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    const st = this.ctx.state;
    let table: TableState | undefined;
    this.ctx.mutate('tables.add', () => {
      const sheet = this.sheet ?? st.sheet(address.split('!')[0].replace(/^'|'$/g, ''));
      if (!sheet) throw new Error('InvalidArgument: no sheet');
      let k = 1;
      while (st.nameTaken(`Table${k}`)) k++;
      table = { name: `Table${k}`, sheet, ...parseRangeA1(address), showHeaders: hasHeaders, showTotals: false };
      st.tables.push(table);
    });
    return new FakeTable(this.ctx, table);
  }
}

class FakeTable extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly t: TableState | undefined,
  ) {
    super(ctx);
  }
  protected override isNull(): boolean {
    return !this.t;
  }
  get name(): string {
    this.need('name');
    return this.t!.name;
  }
  set name(v: string) {
    this.ctx.mutate(undefined, () => {
      if (!this.t) throw new Error('InvalidObjectPath');
      if (v.toUpperCase() !== this.t.name.toUpperCase() && this.ctx.state.nameTaken(v))
        throw new Error(`InvalidArgument: the name ${v} is taken`);
      this.t.name = v;
    });
  }
  get showTotals(): boolean {
    this.need('showTotals');
    return this.t!.showTotals;
  }
  set showTotals(v: boolean) {
    this.ctx.mutate(undefined, () => void (this.t!.showTotals = v));
  }
  get showHeaders(): boolean {
    this.need('showHeaders');
    return this.t!.showHeaders;
  }
  set style(v: string) {
    this.ctx.mutate(undefined, () => void (this.t!.style = v));
  }
  get worksheet(): FakeWorksheet {
    return this.child('worksheet', new FakeWorksheet(this.ctx, this.t?.sheet));
  }
  get columns() {
    const t = this.t!;
    const ctx = this.ctx;
    return new Collection(ctx, () => {
      const out: FakeProxy[] = [];
      for (let c = t.left; c <= t.right; c++) {
        const header = t.showHeaders ? t.sheet.get(t.top, c)?.v : undefined;
        out.push(new ColumnProxy(ctx, header === undefined || header === null ? `Column${c - t.left + 1}` : String(header)));
      }
      return out as ColumnProxy[];
    });
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, this.t!.sheet, this.t!);
  }
  /** The rows between the header and the totals row. */
  getDataBodyRange(): FakeRange {
    const t = this.t!;
    return new FakeRange(this.ctx, t.sheet, {
      top: t.top + (t.showHeaders ? 1 : 0),
      left: t.left,
      bottom: t.bottom - (t.showTotals ? 1 : 0),
      right: t.right,
    });
  }
  getHeaderRowRange(): FakeRange {
    const t = this.t!;
    return new FakeRange(this.ctx, t.sheet, { top: t.top, left: t.left, bottom: t.top, right: t.right });
  }
  /** Rows added at the end (index undefined): written below the table, which grows over them. */
  get rows() {
    const t = this.t!;
    const ctx = this.ctx;
    return {
      add(index: number | undefined, values: unknown[][]) {
        if (index !== undefined && index !== null) throw new Error('fake: rows.add only appends');
        const width = t.right - t.left + 1;
        if (!Array.isArray(values) || values.some((r) => !Array.isArray(r) || r.length !== width))
          return ctx.fail(new Error(`InvalidArgument: rows of ${width} values expected`));
        ctx.mutate('rows.add', () => {
          values.forEach((r, i) =>
            r.forEach((v, j) => t.sheet.set(t.bottom + 1 + i, t.left + j, v === '' ? undefined : { v: v as Raw })),
          );
          t.bottom += values.length;
          ctx.wrote = true;
        });
      },
    };
  }
  delete(): void {
    this.ctx.mutate(undefined, () => {
      const st = this.ctx.state;
      st.tables = st.tables.filter((x) => x !== this.t);
    });
  }
}

class ColumnProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly header: string,
  ) {
    super(ctx);
  }
  get name(): string {
    this.need('name');
    return this.header;
  }
}

const NAME_REF = /^=(?:'((?:[^']|'')+)'|([^!'"]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/i;

class FakeNames extends Collection<FakeName> {
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.state.names.map((n) => new FakeName(ctx, n)));
  }
  getItemOrNullObject(name: string): FakeName {
    return new FakeName(
      this.ctx,
      this.ctx.state.names.find((n) => n.name.toUpperCase() === name.toUpperCase()),
    );
  }
  add(name: string, reference: string): FakeName {
    const st = this.ctx.state;
    let item: NameState | undefined;
    this.ctx.mutate('names.add', () => {
      if (st.nameTaken(name)) throw new Error(`InvalidArgument: the name ${name} is taken`);
      if (typeof reference !== 'string' || !reference.startsWith('=')) throw new Error('InvalidArgument: reference');
      item = { name, formula: reference };
      st.names.push(item);
    });
    return new FakeName(this.ctx, item);
  }
}

class FakeName extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly n: NameState | undefined,
  ) {
    super(ctx);
  }
  protected override isNull(): boolean {
    return !this.n;
  }
  get name(): string {
    this.need('name');
    return this.n!.name;
  }
  get formula(): string {
    this.need('formula');
    return this.n!.formula;
  }
  set formula(v: string) {
    this.ctx.mutate(undefined, () => void (this.n!.formula = v));
  }
  get type(): string {
    this.need('type');
    const f = this.n!.formula;
    if (NAME_REF.test(f)) return 'Range';
    if (/^=-?\d/.test(f)) return 'Double';
    if (/^=(TRUE|FALSE)$/i.test(f)) return 'Boolean';
    if (/#REF!/.test(f)) return 'Error';
    return 'String';
  }
  private target(): { sheet: SheetState; b: Bounds } | undefined {
    const m = NAME_REF.exec(this.n?.formula ?? '');
    if (!m) return undefined;
    const sheet = this.ctx.state.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    return sheet ? { sheet, b: parseRangeA1(m[3].replace(/\$/g, '')) } : undefined;
  }
  getRange(): FakeRange {
    const t = this.target();
    if (!t) this.ctx.fail(new Error('InvalidArgument: the name is not a range'));
    return new FakeRange(this.ctx, t?.sheet ?? new SheetState('x', 'x'), t?.b ?? { top: 1, left: 1, bottom: 1, right: 1 });
  }
  getRangeOrNullObject(): FakeRange {
    const t = this.target();
    return new FakeRange(this.ctx, t?.sheet ?? new SheetState('x', 'x'), t?.b ?? { top: 1, left: 1, bottom: 1, right: 1 }, !t);
  }
  delete(): void {
    this.ctx.mutate(undefined, () => {
      const st = this.ctx.state;
      st.names = st.names.filter((x) => x !== this.n);
    });
  }
}

class FakeCharts extends Collection<FakeChart> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: SheetState,
  ) {
    super(ctx, () => sheet.charts.map((c) => new FakeChart(ctx, sheet, c)));
  }
  add(type: string, source: FakeRange, seriesBy: string): FakeChart {
    const chart: ChartState = { name: `Chart ${this.sheet.charts.length + 1}`, type, source: '', title: '' };
    this.ctx.mutate('charts.add', () => {
      if (seriesBy !== 'Auto') throw new Error('fake: seriesBy');
      if (this.sheet.protected) throw new Error(`AccessDenied: ${this.sheet.name} is protected`);
      chart.source = `${a1(source.b.top, source.b.left)}:${a1(source.b.bottom, source.b.right)}`;
      this.sheet.charts.push(chart);
    });
    return new FakeChart(this.ctx, this.sheet, chart);
  }
}

class FakeChart extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: SheetState,
    private readonly c: ChartState,
  ) {
    super(ctx);
  }
  get name(): string {
    this.need('name');
    return this.c.name;
  }
  get title() {
    const c = this.c;
    const ctx = this.ctx;
    return {
      set text(v: string) {
        ctx.mutate(undefined, () => void (c.title = v));
      },
    };
  }
  setPosition(anchor: string): void {
    this.ctx.mutate(undefined, () => void (this.c.anchor = anchor));
  }
  delete(): void {
    this.ctx.mutate(undefined, () => void (this.sheet.charts = this.sheet.charts.filter((x) => x !== this.c)));
  }
}

/** Installs `Excel` (and returns the state) for one test. */
export function installExcel(state = new WorkbookState()): WorkbookState {
  (globalThis as unknown as { Excel: unknown }).Excel = {
    async run<T>(a: unknown, b?: unknown): Promise<T> {
      const fn = (typeof a === 'function' ? a : b) as (ctx: FakeContext) => Promise<T>;
      const ctx = typeof a === 'function' ? new FakeContext(state) : (a as FakeContext);
      state.runs++;
      return fn(ctx);
    },
  };
  return state;
}
