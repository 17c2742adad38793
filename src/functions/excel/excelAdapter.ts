/**
 * Excel custom-function adapter: converts Excel's values to plain cells, runs the shared
 * invoker and converts the result back (errors become CustomFunctions.Error with a message).
 * `CustomFunctions` is passed in, so tests can run this with a stand-in.
 */
import { CalcError, Cell, Result, Scalar } from '../../core/cells';
import { Locale, pick } from '../../core/i18n';
import { FunctionDeclaration, NAMESPACE } from '../declaration';
import { InputArg, InputCell, invoke } from '../invoke';

/** The part of the CustomFunctions runtime this adapter uses. */
export interface CustomFunctionsRuntime {
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  Error: new (code: string, message?: string) => unknown;
  ErrorCode: Record<string, string>;
}

const CODE_NAMES: Record<CalcError['code'], string> = {
  VALUE: 'invalidValue',
  NA: 'notAvailable',
  DIV0: 'divisionByZero',
  NUM: 'invalidNumber',
  REF: 'invalidReference',
  NAME: 'invalidName',
  NULL: 'nullReference',
};

/**
 * An error cell as Excel hands it to a custom function (functions.json sets
 * allowErrorForDataTypeAny): a `CustomFunctions.Error` whose `code` is the ErrorCode value
 * (`"#N/A"`), or, from a data-type-aware Excel, an error cell value
 * (`{ type: "Error", basicValue: "#N/A" }`). Back to CalcError.
 */
export function fromExcelError(v: unknown): CalcError | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as { code?: unknown; type?: unknown; basicValue?: unknown };
  const code =
    typeof o.code === 'string' ? o.code : o.type === 'Error' && typeof o.basicValue === 'string' ? o.basicValue : undefined;
  if (code === undefined) return undefined;
  const entry = Object.entries(CODE_NAMES).find(([, name]) => name === code || `#${name}` === code);
  const map: Record<string, CalcError['code']> = {
    '#VALUE!': 'VALUE',
    '#N/A': 'NA',
    '#DIV/0!': 'DIV0',
    '#NUM!': 'NUM',
    '#REF!': 'REF',
    '#NAME?': 'NAME',
    '#NULL!': 'NULL',
  };
  const c = entry ? (entry[0] as CalcError['code']) : map[code];
  return c ? new CalcError(c, { en: code, zh: code }) : undefined;
}

function fromExcelCell(v: unknown): InputCell {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return fromExcelError(v) ?? null;
}

/** Excel passes ranges as any[][], single values as themselves, omitted optionals as null/undefined. */
export function fromExcelArg(v: unknown): InputArg {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((row) => (Array.isArray(row) ? row.map(fromExcelCell) : [fromExcelCell(row)]));
  return fromExcelCell(v);
}

export function toExcelValue(r: Result, runtime: CustomFunctionsRuntime, locale: Locale): unknown {
  const scalar = (s: Scalar): unknown => {
    if (s instanceof CalcError) {
      // #REF! and #NAME? are input-only errors in Excel: never returned (invoke turns them into #VALUE!).
      const code = runtime.ErrorCode[CODE_NAMES[s.code === 'REF' || s.code === 'NAME' ? 'VALUE' : s.code]];
      // Excel shows a message only on #VALUE! and #N/A.
      return s.code === 'VALUE' || s.code === 'NA' ? new runtime.Error(code, pick(s.message, locale)) : new runtime.Error(code);
    }
    return s === null ? '' : (s as Cell);
  };
  return Array.isArray(r) ? r.map((row) => row.map(scalar)) : scalar(r);
}

/** The function Excel calls for one declaration. */
export function excelFunction(decl: FunctionDeclaration, runtime: CustomFunctionsRuntime, locale: () => Locale) {
  return (...args: unknown[]): unknown => {
    try {
      // Excel appends an invocation object when a function asks for it; ours never do.
      const values = args.slice(0, decl.params.length).map(fromExcelArg);
      while (values.length && values[values.length - 1] === undefined) values.pop();
      return toExcelValue(invoke(decl, values), runtime, locale());
    } catch (e) {
      return new runtime.Error(runtime.ErrorCode.invalidValue, `CRM3: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Registers every declaration with Excel (`CRM3.<ID>` is the metadata id `<ID>`). */
export function associateAll(decls: readonly FunctionDeclaration[], runtime: CustomFunctionsRuntime, locale: () => Locale): void {
  for (const d of decls) runtime.associate(d.id, excelFunction(d, runtime, locale));
}

export const EXCEL_NAMESPACE = NAMESPACE;
