/**
 * Indicator helper cases: WILSON, RAG, VERSION. Expected values are worked out by hand in
 * the comments (z(95 %) = 1.959964, z² = 3.841459; z(90 %) = 1.644854, z(99 %) = 2.575829).
 * Column results (a column of wins, a column of values) are checked in
 * test/calc/statistics.test.ts: the shared harness puts the first argument's cells in the
 * column the result spills into, so HyperFormula would report #SPILL! there.
 */
import { VERSION } from '../../../src/version';
import { ParityCase, col, err, omit, val } from '../../support/parity';

const wilson: ParityCase[] = [
  // 4 of 7: p = 0.571429, z²/n = 0.548780, centre = (0.571429 + 0.274390) / 1.548780 = 0.546119,
  // half = z·√(0.034985 + 0.019599) / 1.548780 = 0.295661 → [0.250458, 0.841780]
  { fn: 'WILSON', name: '4 of 7, lower bound (default)', args: [val(4), val(7)], expect: 0.25045836452765724 },
  { fn: 'WILSON', name: '4 of 7, upper bound', args: [val(4), val(7), val('upper')], expect: 0.84178014474853025 },
  { fn: 'WILSON', name: '4 of 7, centre', args: [val(4), val(7), val('center')], expect: 0.54611925463809374 },
  { fn: 'WILSON', name: '下限', args: [val(4), val(7), val('下限')], expect: 0.25045836452765724 },
  { fn: 'WILSON', name: '上限', args: [val(4), val(7), val('上限')], expect: 0.84178014474853025 },
  // 0 of 10: lower 0, upper z² / (n + z²) = 3.841459 / 13.841459
  { fn: 'WILSON', name: '0 of 10, lower is 0', args: [val(0), val(10)], expect: 0 },
  { fn: 'WILSON', name: '0 of 10, upper', args: [val(0), val(10), val('Upper')], expect: 0.27753279986288915 },
  // 10 of 10: upper 1, lower n / (n + z²) = 10 / 13.841459
  { fn: 'WILSON', name: '10 of 10, upper is 1', args: [val(10), val(10), val('upper')], expect: 1 },
  { fn: 'WILSON', name: '10 of 10, lower', args: [val(10), val(10)], expect: 0.72246720013711085 },
  // 5 of 10 at 90 %: 0.5 − 1.644854·√(0.025 + 2.705543/400) / 1.270554 = 0.5 − 0.230728
  { fn: 'WILSON', name: 'confidence 0.9', args: [val(5), val(10), omit, val(0.9)], expect: 0.26927182113826731 },
  // 5 of 10 at 99 %: 0.5 − 2.575829·√(0.025 + 6.634897/400) / 1.663490 = 0.5 − 0.315774
  { fn: 'WILSON', name: 'confidence 99 read as 99 %', args: [val(5), val(10), omit, val(99)], expect: 0.18422551824723549 },
  { fn: 'WILSON', name: 'centre of 5 of 10 is ½', args: [val(5), val(10), val('中心'), val(0.9)], expect: 0.5 },
  { fn: 'WILSON', name: 'numeric text counts', args: [val('4'), val('7')], expect: 0.25045836452765724 },
  { fn: 'WILSON', name: 'one-cell columns give one value', args: [col(4), col(7)], expect: 0.25045836452765724 },
  { fn: 'WILSON', name: 'total 0 → blank', args: [val(0), val(0)], expect: null },
  { fn: 'WILSON', name: 'blank wins → blank', args: [val(null), val(7)], expect: null },
  { fn: 'WILSON', name: 'wins above total', args: [val(5), val(3)], expect: err('VALUE') },
  { fn: 'WILSON', name: 'negative wins', args: [val(-1), val(3)], expect: err('VALUE') },
  { fn: 'WILSON', name: 'fractional total', args: [val(3), val(7.5)], expect: err('VALUE') },
  { fn: 'WILSON', name: 'text wins', args: [val('four'), val(7)], expect: err('VALUE') },
  { fn: 'WILSON', name: 'unknown bound', args: [val(4), val(7), val('middle-ish')], expect: err('VALUE') },
  { fn: 'WILSON', name: 'confidence 0', args: [val(4), val(7), omit, val(0)], expect: err('NUM') },
  { fn: 'WILSON', name: 'confidence 100', args: [val(4), val(7), omit, val(100)], expect: err('NUM') },
  { fn: 'WILSON', name: 'text confidence', args: [val(4), val(7), omit, val('high')], expect: err('VALUE') },
  { fn: 'WILSON', name: 'one wins but two totals', args: [val(4), col(7, 8)], expect: err('VALUE') },
  { fn: 'WILSON', name: 'error cell propagates', args: [val(err('DIV0')), val(7)], expect: err('DIV0') },
];

const rag: ParityCase[] = [
  // higher is better, green 0.5, red 0.3
  { fn: 'RAG', name: 'between the lines → Amber', args: [val(0.42), val('HigherIsBetter'), val(0.5), val(0.3)], expect: 'Amber' },
  { fn: 'RAG', name: 'above green → Green', args: [val(0.55), val('HigherIsBetter'), val(0.5), val(0.3)], expect: 'Green' },
  { fn: 'RAG', name: 'exactly green → Green', args: [val(0.5), val('HigherIsBetter'), val(0.5), val(0.3)], expect: 'Green' },
  { fn: 'RAG', name: 'below red → Red', args: [val(0.2), val('HigherIsBetter'), val(0.5), val(0.3)], expect: 'Red' },
  {
    fn: 'RAG',
    name: 'exactly red is not past it → Amber',
    args: [val(0.3), val('HigherIsBetter'), val(0.5), val(0.3)],
    expect: 'Amber',
  },
  // lower is better, green 0.15, red 0.3 (e.g. STALE_RATE)
  { fn: 'RAG', name: 'lower is better, Green', args: [val(0.1), val('LowerIsBetter'), val(0.15), val(0.3)], expect: 'Green' },
  { fn: 'RAG', name: 'lower is better, Amber', args: [val(0.3), val('LowerIsBetter'), val(0.15), val(0.3)], expect: 'Amber' },
  { fn: 'RAG', name: 'lower is better, Red', args: [val(0.35), val('LowerIsBetter'), val(0.15), val(0.3)], expect: 'Red' },
  { fn: 'RAG', name: 'zh direction 越高越好', args: [val(0.6), val('越高越好'), val(0.5), val(0.3)], expect: 'Green' },
  { fn: 'RAG', name: 'zh direction 越低越好', args: [val(0.6), val('越低越好'), val(0.15), val(0.3)], expect: 'Red' },
  { fn: 'RAG', name: 'green equal to red: no Amber band', args: [val(0.49), val('Higher'), val(0.5), val(0.5)], expect: 'Red' },
  { fn: 'RAG', name: 'numeric text value', args: [val('0.6'), val('HigherIsBetter'), val(0.5), val(0.3)], expect: 'Green' },
  {
    fn: 'RAG',
    name: 'only a red line: not past it → Amber',
    args: [val(0.4), val('HigherIsBetter'), val(null), val(0.3)],
    expect: 'Amber',
  },
  {
    fn: 'RAG',
    name: 'only a red line: past it → Red',
    args: [val(0.2), val('HigherIsBetter'), val(null), val(0.3)],
    expect: 'Red',
  },
  { fn: 'RAG', name: 'no thresholds → blank', args: [val(0.2), val('HigherIsBetter'), val(null), val(null)], expect: null },
  { fn: 'RAG', name: 'blank value → blank', args: [val(null), val('HigherIsBetter'), val(0.5), val(0.3)], expect: null },
  {
    fn: 'RAG',
    name: 'one-cell column gives one value',
    args: [col(0.42), val('HigherIsBetter'), val(0.5), val(0.3)],
    expect: 'Amber',
  },
  {
    fn: 'RAG',
    name: 'green below red when higher is better',
    args: [val(0.4), val('HigherIsBetter'), val(0.3), val(0.5)],
    expect: err('VALUE'),
  },
  {
    fn: 'RAG',
    name: 'green above red when lower is better',
    args: [val(0.4), val('LowerIsBetter'), val(0.5), val(0.3)],
    expect: err('VALUE'),
  },
  { fn: 'RAG', name: 'unknown direction', args: [val(0.4), val('Sideways'), val(0.5), val(0.3)], expect: err('VALUE') },
  { fn: 'RAG', name: 'blank direction', args: [val(0.4), val(null), val(0.5), val(0.3)], expect: err('VALUE') },
  { fn: 'RAG', name: 'text value', args: [val('good'), val('HigherIsBetter'), val(0.5), val(0.3)], expect: err('VALUE') },
  { fn: 'RAG', name: 'text threshold', args: [val(0.4), val('HigherIsBetter'), val('half'), val(0.3)], expect: err('VALUE') },
  {
    fn: 'RAG',
    name: 'error value propagates',
    args: [val(err('DIV0')), val('HigherIsBetter'), val(0.5), val(0.3)],
    expect: err('DIV0'),
  },
];

// VERSION has no inputs: the only calls there are give the same text.
const version: ParityCase[] = [
  { fn: 'VERSION', name: 'no arguments', args: [], expect: `CRM3 ${VERSION}` },
  { fn: 'VERSION', name: 'an omitted argument is no argument', args: [omit], expect: `CRM3 ${VERSION}` },
];

export const cases: ParityCase[] = [...wilson, ...rag, ...version];
