/**
 * Statistics for small samples of deals: the inverse normal distribution and the Wilson
 * score interval of a win rate (a planner with 7 closed deals should see how wide the
 * plausible range of the true win rate is, not just 4/7).
 */
import { CalcError, Cell, Column, Scalar, isBlank, showCell, toNumber } from '../core/cells';
import { Enumeration } from '../core/enumerations';
import { exactRatio } from './exact';
import { msg } from './messages';

// Wichura's AS 241 (PPND16) coefficients, highest power first: A/B for the centre
// |p − ½| ≤ 0.425, C/D for the near tails, E/F for the far tails.
const A = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946, 1971.5909503065513,
  133.14166789178438, 3.3871328727963665,
];
const B = [
  5226.495278852546, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751, 687.1870074920579,
  42.31333070160091, 1,
];
const C = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045, 5.769497221460691,
  4.630337846156546, 1.4234371107496835,
];
const D = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851, 1.6763848301838038,
  2.053191626637759, 1,
];
const E = [
  2.0103343992922881e-7, 0.000027115555687434876, 0.0012426609473880784, 0.026532189526576124, 0.29656057182850487,
  1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const F = [
  2.0442631033899397e-15, 1.421511758316446e-7, 0.000018463183175100548, 0.0007868691311456133, 0.014875361290850615,
  0.1369298809227358, 0.599832206555888, 1,
];

/** Polynomial with coefficients highest power first, by Horner's rule. */
const poly = (coefficients: readonly number[], x: number): number => coefficients.reduce((acc, c) => acc * x + c, 0);

/**
 * Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS 241 (PPND16), accurate to
 * about 1e-16 relative. NaN outside (0, 1).
 */
export function inverseNormal(p: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x = r <= 5 ? poly(C, r - 1.6) / poly(D, r - 1.6) : poly(E, r - 5) / poly(F, r - 5);
  return q < 0 ? -x : x;
}

/** The z of a two-sided confidence level: 0.95 → 1.959963985. */
export function zForConfidence(confidence: number): number {
  return inverseNormal(1 - (1 - confidence) / 2);
}

/** Which end of the interval WILSON returns. */
export const WilsonBound: Enumeration = {
  name: 'Bound',
  values: [
    { code: 'Lower', zh: '下限', aliases: ['Low', 'Min', '下界', '最小'] },
    { code: 'Upper', zh: '上限', aliases: ['High', 'Max', '上界', '最大'] },
    { code: 'Center', zh: '中心', aliases: ['Centre', 'Mid', 'Middle', '中点', '中值'] },
  ],
};

export interface WilsonInterval {
  lower: number;
  center: number;
  upper: number;
}

/**
 * Wilson score interval for `wins` successes in `total` trials at normal quantile z.
 * The centre is pulled towards ½ and both bounds stay in [0, 1], which is why it suits
 * the few deals a single salesperson closes.
 */
export function wilsonInterval(wins: number, total: number, z: number): WilsonInterval {
  const p = wins / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const center = (p + z2 / (2 * total)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denominator;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  // No wins (all wins) puts the lower (upper) end at exactly 0 (1); rounding would leave 1e-17.
  return {
    lower: wins === 0 ? 0 : clamp(center - half),
    center: clamp(center),
    upper: wins === total ? 1 : clamp(center + half),
  };
}

/**
 * Confidence as a fraction in (0, 1); 95 is read as 95 %. Outside → #NUM!, as Excel's
 * CONFIDENCE.NORM does.
 */
export function confidenceLevel(c: number): number | CalcError {
  const level = c > 1 && c < 100 ? exactRatio(c, 100) : c;
  if (level > 0 && level < 1) return level;
  return new CalcError(
    'NUM',
    msg.custom(
      `confidence must be between 0 and 1 (e.g. 0.95), got ${c}`,
      `confidence 必须介于 0 与 1 之间（如 0.95），实际为 ${c}`,
    ),
  );
}

/** A deal count: blank → undefined; text, negative or fractional → error naming the row. */
function countAt(cell: Cell | undefined, name: string, row: number | undefined): number | undefined | CalcError {
  if (isBlank(cell)) return undefined;
  const where = row === undefined ? name : `${name}, row ${row}`;
  const whereZh = row === undefined ? name : `${name} 第 ${row} 行`;
  const n = toNumber(cell);
  if (n === undefined)
    return new CalcError(
      'VALUE',
      msg.custom(`${where}: ${showCell(cell)} is not a number`, `${whereZh}：${showCell(cell)} 不是数字`),
    );
  const whole = Math.round(n);
  if (n < 0 || Math.abs(n - whole) > 1e-9)
    return new CalcError(
      'VALUE',
      msg.custom(
        `${where}: ${showCell(cell)} is not a count of deals (a whole number, 0 or more)`,
        `${whereZh}：${showCell(cell)} 不是商机个数（应为不小于 0 的整数）`,
      ),
    );
  return whole;
}

export type WilsonBoundCode = 'Lower' | 'Upper' | 'Center';

/** One interval end for one pair of counts: blank when either count is blank or total is 0. */
export function wilsonBound(
  winsCell: Cell | undefined,
  totalCell: Cell | undefined,
  bound: WilsonBoundCode,
  z: number,
  row?: number,
): Scalar {
  const wins = countAt(winsCell, 'wins', row);
  if (wins instanceof CalcError) return wins;
  const total = countAt(totalCell, 'total', row);
  if (total instanceof CalcError) return total;
  if (wins === undefined || total === undefined) return null;
  if (wins > total)
    return new CalcError(
      'VALUE',
      msg.custom(
        `${row === undefined ? '' : `row ${row}: `}wins (${wins}) exceed total (${total}); total counts every closed deal`,
        `${row === undefined ? '' : `第 ${row} 行：`}赢单数（${wins}）大于总数（${total}）；总数应包含全部已结单`,
      ),
    );
  if (total === 0) return null;
  const interval = wilsonInterval(wins, total, z);
  return bound === 'Lower' ? interval.lower : bound === 'Upper' ? interval.upper : interval.center;
}

/**
 * Interval ends for a column of win counts; `total` is a column of the same length or one
 * value shared by every row. Row problems become that row's error.
 */
export function wilsonColumn(wins: Column, total: Column, bound: WilsonBoundCode, confidence: number): Scalar[] | CalcError {
  const level = confidenceLevel(confidence);
  if (level instanceof CalcError) return level;
  if (total.length !== 1 && total.length !== wins.length)
    return new CalcError('VALUE', msg.sizeMismatch('wins', 'total', wins.length, total.length));
  if (wins.length === 0) return [null];
  const z = zForConfidence(level);
  const single = wins.length === 1;
  return wins.map((w, i) => wilsonBound(w, total.length === 1 ? total[0] : total[i], bound, z, single ? undefined : i + 1));
}
