/**
 * Statistics for small samples of deals: the inverse normal distribution and the Wilson
 * score interval of a win rate (a planner with 7 closed deals should see how wide the
 * plausible range of the true win rate is, not just 4/7).
 */
import { CalcError, Cell, Column, Scalar, isBlank, showCell, toNumber } from './cells';
import { Enumeration } from './enumerations';
import { msg } from './messages';

/**
 * Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS 241 (PPND16), accurate to
 * about 1e-16 relative. NaN outside (0, 1).
 */
export function inverseNormal(p: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
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
  const level = c > 1 && c < 100 ? c / 100 : c;
  if (level > 0 && level < 1) return level;
  return new CalcError('NUM', msg.custom(
    `confidence must be between 0 and 1 (e.g. 0.95), got ${c}`,
    `confidence 必须介于 0 与 1 之间（如 0.95），实际为 ${c}`,
  ));
}

/** A deal count: blank → undefined; text, negative or fractional → error naming the row. */
function countAt(cell: Cell | undefined, name: string, row: number | undefined): number | undefined | CalcError {
  if (isBlank(cell)) return undefined;
  const where = row === undefined ? name : `${name}, row ${row}`;
  const whereZh = row === undefined ? name : `${name} 第 ${row} 行`;
  const n = toNumber(cell);
  if (n === undefined)
    return new CalcError('VALUE', msg.custom(`${where}: ${showCell(cell)} is not a number`, `${whereZh}：${showCell(cell)} 不是数字`));
  const whole = Math.round(n);
  if (n < 0 || Math.abs(n - whole) > 1e-9)
    return new CalcError('VALUE', msg.custom(
      `${where}: ${showCell(cell)} is not a count of deals (a whole number, 0 or more)`,
      `${whereZh}：${showCell(cell)} 不是商机个数（应为不小于 0 的整数）`,
    ));
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
    return new CalcError('VALUE', msg.custom(
      `${row === undefined ? '' : `row ${row}: `}wins (${wins}) exceed total (${total}); total counts every closed deal`,
      `${row === undefined ? '' : `第 ${row} 行：`}赢单数（${wins}）大于总数（${total}）；总数应包含全部已结单`,
    ));
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
  if (total.length !== 1 && total.length !== wins.length) return new CalcError('VALUE', msg.sizeMismatch('wins', 'total', wins.length, total.length));
  if (wins.length === 0) return [null];
  const z = zForConfidence(level);
  const single = wins.length === 1;
  return wins.map((w, i) => wilsonBound(w, total.length === 1 ? total[0] : total[i], bound, z, single ? undefined : i + 1));
}
