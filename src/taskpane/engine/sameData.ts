import type { LoadOptions } from '../paneEngine';

/**
 * Whether two values hold the same data, as far as a structured clone carries it: equal
 * primitives (Object.is: NaN equals NaN, 0 and -0 differ), arrays element by element, plain
 * objects key by key (a key holding undefined differs from a missing key), dates by time.
 * Anything else (maps, typed arrays, class instances) counts as different: the caller then
 * does the work again, which is always right.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && Object.is(a.getTime(), b.getTime());
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

// Checked by shape, not by identity with this realm's Object and Date: a structured clone may
// come from another realm (jest's environment, for one).
const isDate = (x: object): x is Date => Object.prototype.toString.call(x) === '[object Date]';

function isPlain(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Whether two loads' options build the same engine (the language, the file's name and the evaluation date). */
export function sameLoadOptions(a: LoadOptions, b: LoadOptions): boolean {
  return a.locale === b.locale && (a.file ?? '') === (b.file ?? '') && (a.asOf ?? null) === (b.asOf ?? null);
}
