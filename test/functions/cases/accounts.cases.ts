/**
 * Account family cases: SHAREOFWALLET, WHITESPACE, GROWTH. Expected values are worked out
 * by hand in the comments.
 */
import { ParityCase, col, err, grid, omit, val } from '../../support/parity';

// Five accounts (row: revenue, wallet, tier).
//  1  300  1000  A
//  2  100   400  B
//  3    -   500  A     (a prospect: no revenue yet)
//  4   50     -  C     (no wallet estimate)
//  5  250   200  D     (we sell more than the estimate)
const REV = col(300, 100, null, 50, 250);
const WALLET = col(1000, 400, 500, null, 200);
const TIER = col('A', 'B', 'A', 'C', 'D');

const shareOfWallet: ParityCase[] = [
  // rows with both: 1, 2, 5 → (300+100+250) / (1000+400+200) = 650 / 1600
  { fn: 'SHAREOFWALLET', name: 'all accounts with both numbers', args: [REV, WALLET], expect: 0.40625 },
  // key accounts A,B: rows 1 and 2 (row 3 has no revenue) → 400 / 1400
  { fn: 'SHAREOFWALLET', name: 'key accounts A,B', args: [REV, WALLET, TIER, val('A,B')], expect: 2 / 7 },
  // tier A: row 1 → 300 / 1000
  { fn: 'SHAREOFWALLET', name: 'tier A', args: [REV, WALLET, TIER, val('A')], expect: 0.3 },
  // tier not D: rows 1, 2 (3 and 4 lack a number) → 400 / 1400
  { fn: 'SHAREOFWALLET', name: 'criterion <>D', args: [REV, WALLET, TIER, val('<>D')], expect: 2 / 7 },
  // row 5 alone: 250 / 200
  { fn: 'SHAREOFWALLET', name: 'share above 1 is reported as is', args: [REV, WALLET, TIER, val('D')], expect: 1.25 },
  { fn: 'SHAREOFWALLET', name: 'no account with both → blank', args: [REV, WALLET, TIER, val('C')], expect: null },
  { fn: 'SHAREOFWALLET', name: 'zero wallet → blank', args: [col(10), col(0)], expect: null },
  { fn: 'SHAREOFWALLET', name: 'numeric text', args: [col('300'), col(' 1000 ')], expect: 0.3 },
  { fn: 'SHAREOFWALLET', name: 'single cells', args: [val(50), val(200)], expect: 0.25 },
  { fn: 'SHAREOFWALLET', name: 'empty ranges → blank', args: [grid([]), grid([])], expect: null },
  { fn: 'SHAREOFWALLET', name: 'text revenue', args: [col(10, 'n/a'), col(100, 100)], expect: err('VALUE') },
  { fn: 'SHAREOFWALLET', name: 'negative wallet', args: [col(10), col(-100)], expect: err('VALUE') },
  { fn: 'SHAREOFWALLET', name: 'mismatched sizes', args: [col(10, 20), col(100)], expect: err('VALUE') },
  { fn: 'SHAREOFWALLET', name: 'filter of another size', args: [REV, WALLET, col('A', 'B'), val('A')], expect: err('VALUE') },
  { fn: 'SHAREOFWALLET', name: 'error cell propagates', args: [col(10, err('DIV0')), col(100, 100)], expect: err('DIV0') },
];

const whitespace: ParityCase[] = [
  // 700 + 300 + 500 (blank revenue = 0) + (row 4 has no wallet) + max(−50, 0)
  { fn: 'WHITESPACE', name: 'all accounts', args: [WALLET, REV], expect: 1500 },
  // rows 1 and 3: 700 + 500
  { fn: 'WHITESPACE', name: 'tier A', args: [WALLET, REV, TIER, val('A')], expect: 1200 },
  // rows 1, 2, 3
  { fn: 'WHITESPACE', name: 'key accounts A,B', args: [WALLET, REV, TIER, val('A,B')], expect: 1500 },
  { fn: 'WHITESPACE', name: 'tier B', args: [WALLET, REV, TIER, val('B')], expect: 300 },
  { fn: 'WHITESPACE', name: 'revenue above the wallet gives 0', args: [WALLET, REV, TIER, val('D')], expect: 0 },
  { fn: 'WHITESPACE', name: 'no wallet → 0', args: [WALLET, REV, TIER, val('C')], expect: 0 },
  { fn: 'WHITESPACE', name: 'blank revenue counts as 0', args: [col(500, 100), col(null, 40)], expect: 560 },
  { fn: 'WHITESPACE', name: 'numeric text', args: [col('500'), col('120.5')], expect: 379.5 },
  { fn: 'WHITESPACE', name: 'single cells', args: [val(500), val(100)], expect: 400 },
  { fn: 'WHITESPACE', name: 'empty ranges → 0', args: [grid([]), grid([])], expect: 0 },
  { fn: 'WHITESPACE', name: 'text wallet', args: [col('big'), col(1)], expect: err('VALUE') },
  { fn: 'WHITESPACE', name: 'text revenue', args: [col(100), col('some')], expect: err('VALUE') },
  { fn: 'WHITESPACE', name: 'negative wallet', args: [col(-1), col(0)], expect: err('VALUE') },
  { fn: 'WHITESPACE', name: 'mismatched sizes', args: [col(1, 2, 3), col(1, 2)], expect: err('VALUE') },
  { fn: 'WHITESPACE', name: 'error cell propagates', args: [col(100), col(err('NA'))], expect: err('NA') },
];

// (row: current, previous, tier)
//  1  120  100  A
//  2   90  100  B
//  3    -   50  A
//  4   60    -  C
const CUR = col(120, 90, null, 60);
const PREV = col(100, 100, 50, null);
const GTIER = col('A', 'B', 'A', 'C');

const growth: ParityCase[] = [
  // rows 1, 2: 210 / 200 − 1
  { fn: 'GROWTHRATE', name: 'accounts with both years', args: [CUR, PREV], expect: 0.05 },
  // row 1: 120 / 100 − 1
  { fn: 'GROWTHRATE', name: 'tier A', args: [CUR, PREV, GTIER, val('A')], expect: 0.2 },
  // row 2: 90 / 100 − 1
  { fn: 'GROWTHRATE', name: 'decline', args: [CUR, PREV, GTIER, val('B')], expect: -0.1 },
  { fn: 'GROWTHRATE', name: 'key accounts A,B', args: [CUR, PREV, GTIER, val('A,B')], expect: 0.05 },
  // filter on previous ≥ 100: rows 1, 2
  { fn: 'GROWTHRATE', name: 'comparison criterion', args: [CUR, PREV, PREV, val('>=100')], expect: 0.05 },
  { fn: 'GROWTHRATE', name: 'no previous → blank', args: [CUR, PREV, GTIER, val('C')], expect: null },
  { fn: 'GROWTHRATE', name: 'zero previous → blank', args: [col(10), col(0)], expect: null },
  { fn: 'GROWTHRATE', name: 'negative previous sum → blank', args: [col(10), col(-5)], expect: null },
  { fn: 'GROWTHRATE', name: 'all revenue lost → −1', args: [col(0), col(100)], expect: -1 },
  { fn: 'GROWTHRATE', name: 'numeric text', args: [col('150'), col('100')], expect: 0.5 },
  { fn: 'GROWTHRATE', name: 'empty ranges → blank', args: [grid([]), grid([])], expect: null },
  { fn: 'GROWTHRATE', name: 'text current', args: [col('more'), col(100)], expect: err('VALUE') },
  { fn: 'GROWTHRATE', name: 'mismatched sizes', args: [col(1, 2), col(1)], expect: err('VALUE') },
  { fn: 'GROWTHRATE', name: 'error cell propagates', args: [col(1), col(err('DIV0'))], expect: err('DIV0') },
  {
    fn: 'GROWTHRATE',
    name: 'filter without criterion means non-blank',
    args: [CUR, PREV, col('x', null, null, null), omit],
    expect: 0.2,
  },
];

export const cases: ParityCase[] = [...shareOfWallet, ...whitespace, ...growth];
