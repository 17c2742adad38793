/**
 * Error cells in the inputs, as Excel hands them to the add-in once functions.json sets
 * allowErrorForDataTypeAny (a CustomFunctions.Error whose code is "#N/A", "#REF!", …; the
 * harness builds exactly that for the Excel adapter and real error formulas for HyperFormula).
 * Each case says by hand what the declared error rule does.
 */
import { ParityCase, col, err, row, val } from '../../support/parity';

export const cases: ParityCase[] = [
  // propagate (default): the status column holds #N/A → the whole result is #N/A
  { fn: 'WINRATE', name: 'an #N/A status cell propagates', args: [col('Won', err('NA'), 'Lost')], expect: err('NA') },
  // Excel cannot return #REF! or #NAME? from a custom function: both hosts answer #VALUE! naming the input
  { fn: 'WINRATE', name: 'a #REF! status cell gives #VALUE!', args: [col('Won', err('REF'))], expect: err('VALUE') },
  { fn: 'SUMWHERE', name: 'a #NAME? amount gives #VALUE!', args: [col(10, err('NAME'))], expect: err('VALUE') },
  // noMatch (filters): the error row fails the filter, as in SUMIFS → 10 + 30 = 40
  {
    fn: 'SUMWHERE',
    name: 'an #N/A in a filter column skips that row',
    args: [col(10, 20, 30), col('Won', err('NA'), 'Won'), val('Won')],
    expect: 40,
  },
  // perRow: only that group's row is the error; A2 has 1 row → 1
  {
    fn: 'COUNTBY',
    name: 'a #DIV/0! group key stays in its row',
    args: [col('A1', 'A2'), col(err('DIV0'), 'A2')],
    expect: [err('DIV0'), 1],
  },
  // blank: an unscored account (error in its attractiveness) has no tier, the other is tiered (80 ≥ 50, 60 ≥ 50 → A)
  { fn: 'TIER', name: 'an error score reads as missing: no tier', args: [col(err('NA'), 80), col(60, 60)], expect: [null, 'A'] },
  // perRow for a row-block result: criteria row 1 holds #VALUE! → that row only; row 2: (4−1)/4 = 75
  {
    fn: 'SCORE',
    name: 'an error criterion scores only its row as the error',
    args: [{ kind: 'grid', rows: [[err('VALUE')], [4]] }],
    expect: [err('VALUE'), 75],
  },
  // a single error value in a scalar argument stops the call
  { fn: 'RATIO', name: 'an #N/A numerator propagates', args: [val(err('NA')), val(2)], expect: err('NA') },
  // row() of errors: QUALSCORE over one opportunity's answers
  { fn: 'QUALSCORE', name: 'an #N/A answer propagates', args: [row('Yes', err('NA'))], expect: err('NA') },
];
