/**
 * Row-list cases: LISTBY. Expected blocks are worked out by hand in the comments. maxRows is
 * typed into the formula (lit), as templates do, so HyperFormula knows the block's height.
 */
import { ParityCase, col, err, lit, omit, val } from '../../support/parity';

// A decision chain of seven people. Opportunity O1 is written "O1", "o1" and full-width "Ｏ１"
// (rows 1, 3, 4, 6); row 5 has no opportunity.
const OPP = col('O1', 'O2', 'o1', 'O1', null, 'Ｏ１', 'O3');
const NAME = col('Ann', 'Bob', 'Cai', 'Dee', 'Eve', 'Fay', 'Gus');
const ROLE = col('Approver', 'User', 'Mentor', 'Technical', 'User', 'Influencer', 'Approver');
// last contact: Ann 46100, Cai 46050, Dee none, Fay 46150
const LAST = col(46100, 46200, 46050, null, 46300, 46150, 46000);
const STATUS = col('Open', 'Open', 'Won', 'Open', 'Open', 'Lost', 'Open');

/** keys, key, maxRows, columns…, then sortBy, descending, filters at their positions. */
const list = (key: ParityCase['args'][number], maxRows: number, columns: ParityCase['args'], rest: ParityCase['args'] = []) => {
  const cols = [...columns];
  while (rest.length && cols.length < 8) cols.push(omit);
  return [OPP, key, lit(maxRows), ...cols, ...rest];
};

export const cases: ParityCase[] = [
  // O1 = rows 1, 3, 4, 6 in table order; the fifth row of the block is blank
  {
    fn: 'LISTBY',
    name: 'one column, padded to maxRows',
    args: list(val('O1'), 5, [NAME]),
    expect: ['Ann', 'Cai', 'Dee', 'Fay', null],
  },
  {
    fn: 'LISTBY',
    name: 'two columns, exactly maxRows matches (no note)',
    args: list(val('O1'), 4, [NAME, ROLE]),
    expect: [
      ['Ann', 'Approver'],
      ['Cai', 'Mentor'],
      ['Dee', 'Technical'],
      ['Fay', 'Influencer'],
    ],
  },
  // by last contact: Cai 46050 < Ann 46100 < Fay 46150, Dee (blank) last
  {
    fn: 'LISTBY',
    name: 'sorted ascending, blank last',
    args: list(val('O1'), 4, [NAME], [LAST]),
    expect: ['Cai', 'Ann', 'Fay', 'Dee'],
  },
  // latest first: Fay, Ann, Cai; the blank stays last
  {
    fn: 'LISTBY',
    name: 'sorted descending, blank still last',
    args: list(val('O1'), 4, [NAME], [LAST, val(true)]),
    expect: ['Fay', 'Ann', 'Cai', 'Dee'],
  },
  // 4 matches in 3 rows: 2 shown, the last row says 2 more
  {
    fn: 'LISTBY',
    name: 'overflow: last row reads … +N',
    args: list(val('O1'), 3, [NAME, ROLE]),
    expect: [
      ['Ann', 'Approver'],
      ['Cai', 'Mentor'],
      ['… +2', null],
    ],
  },
  { fn: 'LISTBY', name: 'overflow in a one-row block', args: list(val('O1'), 1, [NAME]), expect: '… +4' },
  // only Open: Ann (row 1) and Dee (row 4); Cai is Won, Fay Lost
  {
    fn: 'LISTBY',
    name: 'filter pair: open only',
    args: list(val('O1'), 3, [NAME], [omit, omit, STATUS, val('Open')]),
    expect: ['Ann', 'Dee', null],
  },
  // key written with other case and spaces
  {
    fn: 'LISTBY',
    name: 'key matched without case or spaces',
    args: list(val(' o2 '), 2, [NAME, ROLE]),
    expect: [
      ['Bob', 'User'],
      [null, null],
    ],
  },
  { fn: 'LISTBY', name: 'key without rows: blank block', args: list(val('O9'), 2, [NAME]), expect: [null, null] },
  { fn: 'LISTBY', name: 'blank key: blank block', args: list(val(null), 2, [NAME]), expect: [null, null] },
  { fn: 'LISTBY', name: 'one match in one row is a plain value', args: list(val('O3'), 1, [ROLE]), expect: 'Approver' },
  // 1001 as number and as text both match 1001; 1002 does not
  {
    fn: 'LISTBY',
    name: 'numeric keys match by value',
    args: [col(1001, '1001', 1002), val(1001), lit(3), col('a', 'b', 'c')],
    expect: ['a', 'b', null],
  },
  // sort classes: numbers 1 (r5), 2 (r2); text "A" (r4), "b" (r1); blank r3 last
  {
    fn: 'LISTBY',
    name: 'sort: numbers, then text without case, blanks last',
    args: [
      col('X', 'X', 'X', 'X', 'X'),
      val('X'),
      lit(5),
      col('r1', 'r2', 'r3', 'r4', 'r5'),
      omit,
      omit,
      omit,
      omit,
      omit,
      omit,
      omit,
      col('b', 2, null, 'A', 1),
    ],
    expect: ['r5', 'r2', 'r4', 'r1', 'r3'],
  },
  // descending: text b (r1), A (r4), then numbers 2 (r2), 1 (r5); blank r3 still last
  {
    fn: 'LISTBY',
    name: 'sort descending over mixed values',
    args: [
      col('X', 'X', 'X', 'X', 'X'),
      val('X'),
      lit(5),
      col('r1', 'r2', 'r3', 'r4', 'r5'),
      omit,
      omit,
      omit,
      omit,
      omit,
      omit,
      omit,
      col('b', 2, null, 'A', 1),
      val(true),
    ],
    expect: ['r1', 'r4', 'r2', 'r5', 'r3'],
  },
  // equal sort values keep table order: r1, r2 (both 1), then r3 (0)
  {
    fn: 'LISTBY',
    name: 'ties keep table order',
    args: [
      col('X', 'X', 'X'),
      val('X'),
      lit(3),
      col('r1', 'r2', 'r3'),
      omit,
      omit,
      omit,
      omit,
      omit,
      omit,
      omit,
      col(1, 1, 0),
      val(true),
    ],
    expect: ['r1', 'r2', 'r3'],
  },
  // an error in a listed column shows in its own row (Cai's name)
  {
    fn: 'LISTBY',
    name: 'error cell in a listed column stays in its row',
    args: list(val('O1'), 4, [col('Ann', 'Bob', err('NA'), 'Dee', 'Eve', 'Fay', 'Gus')]),
    expect: ['Ann', err('NA'), 'Dee', 'Fay'],
  },
  // an error in keys: that row matches nothing (Dee's row)
  {
    fn: 'LISTBY',
    name: 'error cell in keys: the row is not listed',
    args: [col('O1', 'O2', 'o1', err('DIV0'), null, 'Ｏ１', 'O3'), val('O1'), lit(4), NAME],
    expect: ['Ann', 'Cai', 'Fay', null],
  },
  {
    fn: 'LISTBY',
    name: 'column1 a blank cell: nothing to list, refused',
    args: list(val('O1'), 2, [val(null)]),
    expect: err('VALUE'),
  },
  { fn: 'LISTBY', name: 'maxRows 0 is refused', args: list(val('O1'), 0, [NAME]), expect: err('VALUE') },
  { fn: 'LISTBY', name: 'maxRows 2.5 is refused', args: list(val('O1'), 2.5, [NAME]), expect: err('VALUE') },
  { fn: 'LISTBY', name: 'maxRows above 10000 is refused', args: list(val('O1'), 10001, [NAME]), expect: err('VALUE') },
  { fn: 'LISTBY', name: 'column shorter than keys', args: list(val('O1'), 2, [col('Ann', 'Bob')]), expect: err('VALUE') },
  { fn: 'LISTBY', name: 'sortBy shorter than keys', args: list(val('O1'), 2, [NAME], [col(1, 2)]), expect: err('VALUE') },
];
