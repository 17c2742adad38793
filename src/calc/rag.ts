/**
 * Traffic-light status of an indicator (红黄绿灯): Green when the value meets the green
 * threshold, Red when it is past the red one, Amber in between. The codes stay English
 * ("Green", "Amber", "Red") in every locale, so conditional formatting rules and formulas
 * such as =COUNTIF(Ind_Status,"Red") work the same in en and zh workbooks.
 */
import { CalcError, Column, Scalar, isBlank, showCell, toNumber } from '../core/cells';
import { msg } from './messages';

export type RagCode = 'Green' | 'Amber' | 'Red';
export type DirectionCode = 'HigherIsBetter' | 'LowerIsBetter';

export interface RagThresholds {
  direction: DirectionCode;
  /** Value that counts as good; undefined: no Green band. */
  green?: number;
  /** Value past which it counts as bad; undefined: no Red band. */
  red?: number;
}

/** Error when green lies on the wrong side of red for the direction. */
export function checkThresholds(t: RagThresholds): CalcError | undefined {
  if (t.green === undefined || t.red === undefined) return undefined;
  const higher = t.direction === 'HigherIsBetter';
  if (higher ? t.green >= t.red : t.green <= t.red) return undefined;
  return new CalcError(
    'VALUE',
    msg.custom(
      higher
        ? `green (${t.green}) must be at least red (${t.red}) when higher is better; swap them or set direction to LowerIsBetter`
        : `green (${t.green}) must be at most red (${t.red}) when lower is better; swap them or set direction to HigherIsBetter`,
      higher
        ? `方向为“越高越好”时，green（${t.green}）不能小于 red（${t.red}）；请对调两者，或将方向改为“越低越好”`
        : `方向为“越低越好”时，green（${t.green}）不能大于 red（${t.red}）；请对调两者，或将方向改为“越高越好”`,
    ),
  );
}

/** Status of one value (thresholds already checked). */
export function ragOf(value: number, t: RagThresholds): RagCode {
  const higher = t.direction === 'HigherIsBetter';
  if (t.green !== undefined && (higher ? value >= t.green : value <= t.green)) return 'Green';
  if (t.red !== undefined && (higher ? value < t.red : value > t.red)) return 'Red';
  return 'Amber';
}

/**
 * Status per value: blank value → blank; no thresholds at all → blank (an indicator that is
 * only watched); a value that is not a number → that row's error.
 */
export function ragColumn(values: Column, t: RagThresholds): Scalar[] | CalcError {
  const bad = checkThresholds(t);
  if (bad) return bad;
  if (values.length === 0) return [null];
  const judged = t.green !== undefined || t.red !== undefined;
  const single = values.length === 1;
  return values.map((c, i): Scalar => {
    if (isBlank(c)) return null;
    const v = toNumber(c);
    if (v === undefined)
      return new CalcError(
        'VALUE',
        single ? msg.notANumber('value', showCell(c)) : msg.cellNotANumber('value', i + 1, showCell(c)),
      );
    return judged ? ragOf(v, t) : null;
  });
}
