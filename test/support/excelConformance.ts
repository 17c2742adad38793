/**
 * The Excel conformance check: what every .xlsx the project writes must satisfy for Excel to
 * open it as if Excel had written it (issue #13; facts and sources in docs/excel-checklist.md).
 * It reads the package part by part, independently of our writers:
 *
 * - every part has a content type, every relationship target exists, workbook.xml has bookViews;
 * - no `#` (spill operator) or `@` in a stored formula, name, calculated column, validation or
 *   conditional format; every future function carries its prefix; CRM3 calls are stored as
 *   `_xldudf_CRM3_…`, never as `CRM3.X(`;
 * - tables: unique ids and names, ref width = column count, header cells = column names;
 * - no two data validations cover one cell; conditional-format priorities are unique per sheet;
 * - dynamic-array cells (`cm`) have the XLDAPR metadata part;
 * - for a client copy: no `_xldudf_` and no CRM3 call anywhere, no add-in part.
 *
 * Returns the problems found (empty = conforms).
 */
import JSZip from 'jszip';
import { tokenize } from '../../src/engine/formulaText';
import { isFutureFunction, structuredItems } from '../../src/engine/formulaLanguage';

export interface ConformanceOptions {
  /** A copy for clients without the add-in: no CRM3 left anywhere. */
  clientCopy?: boolean;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decode(m[1] ?? m[2]) : undefined;
};

/** `A1:B3 D5` → rectangles (1-based). */
function rects(sqref: string): { top: number; left: number; bottom: number; right: number }[] {
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return sqref
    .trim()
    .split(/\s+/)
    .map((r) => {
      const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(r.toUpperCase());
      if (!m) return { top: 0, left: 0, bottom: -1, right: -1 };
      return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4] ?? m[2]), right: col(m[3] ?? m[1]) };
    });
}

const overlap = (a: ReturnType<typeof rects>[number], b: ReturnType<typeof rects>[number]) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** Problems of one stored formula (no `=`). */
export function formulaProblems(formula: string, clientCopy: boolean): string[] {
  const out: string[] = [];
  if (/^\s*=/.test(formula)) out.push('starts with "="');
  const tokens = tokenize(formula);
  tokens.forEach((t, k) => {
    if (t.kind === 'other' && t.text === '#') out.push('holds the spill operator # (store _xlfn.ANCHORARRAY)');
    if (t.kind === 'other' && t.text === '@') out.push('holds @ (store _xlfn.SINGLE or [#This Row])');
    if (t.kind === 'bracket' && tokens[k - 1]?.text !== '!' && /^\[\d+\]$/.test(t.text) === false) {
      const items = structuredItems(t.text);
      if (t.text.includes('[@') || t.text.startsWith('[@')) out.push(`holds ${t.text} (store [#This Row])`);
      else if (!items) out.push(`holds an unreadable structured reference ${t.text}`);
    }
    if (t.kind === 'function') {
      const name = t.text;
      if (/^CRM3\./i.test(name)) out.push(`calls ${name} in typed form (store _xldudf_CRM3_…)`);
      else if (!/^_xl/i.test(name) && isFutureFunction(name)) out.push(`calls ${name} without its _xlfn. prefix`);
      if (clientCopy && /^(?:_xlfn\.)?_xldudf_/i.test(name)) out.push(`calls the add-in function ${name}`);
    }
  });
  return out;
}

/** The conformance problems of an .xlsx (empty when it conforms). */
export async function excelConformance(bytes: Uint8Array | Buffer, options: ConformanceOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const text = async (p: string) => (zip.file(p) ? await zip.file(p)!.async('string') : undefined);

  // Content types for every part.
  const types = (await text('[Content_Types].xml')) ?? '';
  const defaults = new Set(
    [...types.matchAll(/<(?:\w+:)?Default\b([^>]*)>/g)].map((m) => attr(m[1], 'Extension')?.toLowerCase()),
  );
  const overrides = new Set(
    [...types.matchAll(/<(?:\w+:)?Override\b([^>]*)>/g)].map((m) =>
      (attr(m[1], 'PartName') ?? '').replace(/^\//, '').toLowerCase(),
    ),
  );
  for (const n of names) {
    if (n === '[Content_Types].xml') continue;
    const ext = n.split('.').pop()!.toLowerCase();
    if (!overrides.has(n.toLowerCase()) && !defaults.has(ext)) problems.push(`${n}: no content type`);
  }
  for (const o of overrides)
    if (!names.some((n) => n.toLowerCase() === o)) problems.push(`[Content_Types].xml: override for missing part /${o}`);

  // Relationship targets exist.
  for (const rels of names.filter((n) => n.endsWith('.rels'))) {
    const base = rels.replace(/_rels\/[^/]*\.rels$/, '');
    for (const m of ((await text(rels)) ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
      if (attr(m[1], 'TargetMode') === 'External') continue;
      const target = attr(m[1], 'Target') ?? '';
      const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
      const resolved: string[] = [];
      for (const p of parts) {
        if (p === '..') resolved.pop();
        else if (p !== '.') resolved.push(p);
      }
      if (!names.includes(resolved.join('/'))) problems.push(`${rels}: target ${target} is missing`);
    }
  }

  const workbook = (await text('xl/workbook.xml')) ?? '';
  if (!/<(?:\w+:)?bookViews\b/.test(workbook)) problems.push('xl/workbook.xml: no bookViews');
  const sheetCount = (workbook.match(/<(?:\w+:)?sheet\b/g) ?? []).length;
  for (const m of workbook.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const name = attr(m[1], 'name') ?? '';
    const local = attr(m[1], 'localSheetId');
    if (local !== undefined && Number(local) >= sheetCount) problems.push(`name ${name}: localSheetId ${local} out of range`);
    for (const p of formulaProblems(decode(m[2]), !!options.clientCopy)) problems.push(`name ${name}: ${p}`);
  }

  const hasMetadata = !!(await text('xl/metadata.xml'))?.includes('XLDAPR');
  const shared = [...((await text('xl/sharedStrings.xml')) ?? '').matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)].map((m) =>
    decode([...m[1].matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((t) => t[1]).join('')),
  );

  // Worksheets: formulas, validations, conditional formats, header cells of tables.
  const tableIds = new Set<string>();
  const tableNames = new Set<string>();
  for (const sheetPart of names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = (await text(sheetPart)) ?? '';
    const cellValue = new Map<string, string>();
    for (const m of xml.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attr(m[1], 'r') ?? '';
      const body = m[2] ?? '';
      const f = /<(?:\w+:)?f\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?f>/.exec(body);
      if (f) {
        for (const p of formulaProblems(decode(f[2]), !!options.clientCopy)) problems.push(`${sheetPart} ${ref}: ${p}`);
        if (attr(m[1], 'cm') !== undefined && !hasMetadata) problems.push(`${sheetPart} ${ref}: cm without xl/metadata.xml`);
        if (attr(m[1], 'cm') !== undefined && attr(f[1], 't') !== 'array')
          problems.push(`${sheetPart} ${ref}: cm on a non-array formula`);
      }
      const t = attr(m[1], 't');
      const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      if (t === 's' && v !== undefined) cellValue.set(ref, shared[Number(v)] ?? '');
      else if (t === 'inlineStr')
        cellValue.set(ref, decode([...body.matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((x) => x[1]).join('')));
      else if (v !== undefined) cellValue.set(ref, decode(v));
    }
    const validations = [...xml.matchAll(/<(?:\w+:)?dataValidation\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?dataValidation>/g)];
    const covered = validations.map((m) => ({ sqref: attr(m[1], 'sqref') ?? '', rects: rects(attr(m[1], 'sqref') ?? '') }));
    for (let i = 0; i < covered.length; i++)
      for (let j = i + 1; j < covered.length; j++)
        if (covered[i].rects.some((a) => covered[j].rects.some((b) => overlap(a, b))))
          problems.push(`${sheetPart}: validations ${covered[i].sqref} and ${covered[j].sqref} overlap`);
    for (const m of validations)
      for (const f of m[2].matchAll(/<(?:\w+:)?formula\d>([\s\S]*?)<\/(?:\w+:)?formula\d>/g))
        for (const p of formulaProblems(decode(f[1]), !!options.clientCopy)) problems.push(`${sheetPart} validation: ${p}`);
    const priorities = [...xml.matchAll(/<(?:\w+:)?cfRule\b([^>]*)>/g)].map((m) => attr(m[1], 'priority'));
    if (new Set(priorities).size !== priorities.length) problems.push(`${sheetPart}: duplicate conditional-format priorities`);
    for (const m of xml.matchAll(/<(?:\w+:)?cfRule\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cfRule>/g))
      for (const f of m[1].matchAll(/<(?:\w+:)?formula>([\s\S]*?)<\/(?:\w+:)?formula>/g))
        for (const p of formulaProblems(decode(f[1]), !!options.clientCopy))
          problems.push(`${sheetPart} conditional format: ${p}`);

    // The sheet's tables.
    const relsPart = sheetPart.replace(/([^/]+)$/, '_rels/$1.rels');
    const rels = (await text(relsPart)) ?? '';
    for (const tp of xml.matchAll(/<(?:\w+:)?tablePart\b([^>]*)>/g)) {
      const id = attr(tp[1], 'r:id');
      const rel = [...rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)].find((r) => attr(r[1], 'Id') === id);
      const target = rel ? (attr(rel[1], 'Target') ?? '') : '';
      const tablePath = target.startsWith('/') ? target.slice(1) : `xl/tables/${target.split('/').pop()}`;
      const t = await text(tablePath);
      if (!t) {
        problems.push(`${sheetPart}: table part ${target} missing`);
        continue;
      }
      const open = /<(?:\w+:)?table\b([^>]*)>/.exec(t)?.[1] ?? '';
      const tableId = attr(open, 'id') ?? '';
      const name = attr(open, 'displayName') ?? attr(open, 'name') ?? '';
      if (tableIds.has(tableId)) problems.push(`${tablePath}: table id ${tableId} is not unique`);
      if (tableNames.has(name.toLowerCase())) problems.push(`${tablePath}: table name ${name} is not unique`);
      tableIds.add(tableId);
      tableNames.add(name.toLowerCase());
      const [r] = rects(attr(open, 'ref') ?? '');
      const columns = [...t.matchAll(/<(?:\w+:)?tableColumn\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?tableColumn>)/g)];
      const count = Number(/<(?:\w+:)?tableColumns\b[^>]*count="(\d+)"/.exec(t)?.[1]);
      if (r.right - r.left + 1 !== columns.length || count !== columns.length)
        problems.push(
          `${tablePath}: ref ${attr(open, 'ref')} is ${r.right - r.left + 1} wide, ${columns.length} columns, count ${count}`,
        );
      const colIds = columns.map((c) => attr(c[1], 'id'));
      if (new Set(colIds).size !== colIds.length) problems.push(`${tablePath}: column ids not unique`);
      const letters = (n: number) => {
        let s = '';
        for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
        return s;
      };
      if ((attr(open, 'headerRowCount') ?? '1') !== '0')
        columns.forEach((c, i) => {
          const header = cellValue.get(`${letters(r.left + i)}${r.top}`);
          if (header !== attr(c[1], 'name'))
            problems.push(`${tablePath}: header ${letters(r.left + i)}${r.top} "${header}" ≠ column "${attr(c[1], 'name')}"`);
        });
      for (const c of columns)
        for (const f of (c[2] ?? '').matchAll(
          /<(?:\w+:)?calculatedColumnFormula\b[^>]*>([\s\S]*?)<\/(?:\w+:)?calculatedColumnFormula>/g,
        ))
          for (const p of formulaProblems(decode(f[1]), !!options.clientCopy))
            problems.push(`${tablePath} calculated column: ${p}`);
    }
  }

  if (options.clientCopy) {
    for (const n of names) {
      if (/webextension/i.test(n)) problems.push(`${n}: a client copy must not ask for the add-in`);
      const t = /\.(xml|rels)$/.test(n) ? await text(n) : undefined;
      if (t && /_xldudf_/i.test(t)) problems.push(`${n}: holds _xldudf_`);
    }
  }
  return problems;
}
