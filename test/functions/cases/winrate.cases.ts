/**
 * WINRATE cases. Expected values are worked out by hand in the comments.
 */
import { ParityCase, col, err, omit, val } from '../../support/parity';

const S = ['Won', 'Lost', 'Open', 'NoDecision', 'Won'];
const A = [100, 50, 70, 30, 20];
// close dates as Excel serials: 46023 = 2026-01-01
const D = [46023, 46100, 46200, 46300, 46400];

export const cases: ParityCase[] = [
  // won 2 of closed 4 (Won, Lost, ND, Won)
  { fn: 'WINRATE', name: 'count-based, no-decision is a loss', args: [col(...S)], expect: 0.5 },
  // ND left out: won 2 / closed 3
  { fn: 'WINRATE', name: 'no-decision left out', args: [col(...S), omit, omit, omit, omit, val(false)], expect: 2 / 3 },
  // value: won 100+20=120 / closed 100+50+30+20=200
  { fn: 'WINRATE', name: 'value-based', args: [col(...S), col(...A)], expect: 0.6 },
  // period [46050, 46350]: Lost(46100), ND(46300) closed; no won → 0
  { fn: 'WINRATE', name: 'period with no wins', args: [col(...S), omit, col(...D), val(46050), val(46350)], expect: 0 },
  // period from 46000 with no end: all 4 closed, 2 won
  { fn: 'WINRATE', name: 'open-ended period', args: [col(...S), omit, col(...D), val(46000)], expect: 0.5 },
  // period given as ISO text: '2026-01-01'..'2026-04-30' (46023..46142): Won(46023), Lost(46100) → 1/2
  {
    fn: 'WINRATE',
    name: 'period as ISO text dates',
    args: [col(...S), omit, col(...D), val('2026-01-01'), val('2026-04-30')],
    expect: 0.5,
  },
  { fn: 'WINRATE', name: 'zh status aliases', args: [col('赢单', '丢单', '进行中', '无决策')], expect: 1 / 3 },
  { fn: 'WINRATE', name: 'mixed case and width', args: [col('ＷＯＮ', ' lost ', 'open')], expect: 0.5 },
  { fn: 'WINRATE', name: 'only open deals → blank', args: [col('Open', 'Open')], expect: null },
  { fn: 'WINRATE', name: 'no rows closed in period → blank', args: [col(...S), omit, col(...D), val(47000)], expect: null },
  { fn: 'WINRATE', name: 'blank statuses are skipped', args: [col('Won', null, 'Lost', null)], expect: 0.5 },
  { fn: 'WINRATE', name: 'single status cell', args: [val('Won')], expect: 1 },
  { fn: 'WINRATE', name: 'unknown status', args: [col('Won', 'Maybe')], expect: err('VALUE') },
  { fn: 'WINRATE', name: 'text amount', args: [col('Won', 'Lost'), col(10, 'ten')], expect: err('VALUE') },
  // numeric text amounts are read as numbers: 10 / (10+30)
  { fn: 'WINRATE', name: 'numeric text amount', args: [col('Won', 'Lost'), col('10', 30)], expect: 0.25 },
  { fn: 'WINRATE', name: 'negative amount', args: [col('Won', 'Lost'), col(10, -5)], expect: err('VALUE') },
  { fn: 'WINRATE', name: 'mismatched sizes', args: [col('Won', 'Lost', 'Won'), col(1, 2)], expect: err('VALUE') },
  { fn: 'WINRATE', name: 'period without close dates', args: [col('Won', 'Lost'), omit, omit, val(46000)], expect: err('VALUE') },
  { fn: 'WINRATE', name: 'bad period start', args: [col('Won'), omit, col(46023), val('soon')], expect: err('VALUE') },
  {
    fn: 'WINRATE',
    name: 'text close date in window',
    args: [col('Won', 'Lost'), omit, col(46023, 'later'), val(46000)],
    expect: err('VALUE'),
  },
  { fn: 'WINRATE', name: 'error cell in status propagates', args: [col('Won', err('DIV0'))], expect: err('DIV0') },
  // blank amounts count as 0: won 0 / closed 50
  { fn: 'WINRATE', name: 'blank amounts count as zero', args: [col('Won', 'Lost'), col(null, 50)], expect: 0 },
  // competitor filter: rows 1 and 2 have a competitor → Won, Lost → 0.5
  {
    fn: 'WINRATE',
    name: 'filter on competitor (non-blank)',
    args: [col('Won', 'Lost', 'Won'), omit, omit, omit, omit, omit, col('Acme', 'Acme', null)],
    expect: 0.5,
  },
  {
    fn: 'WINRATE',
    name: 'filter with value list',
    args: [col('Won', 'Lost', 'Lost'), omit, omit, omit, omit, omit, col('Li', 'Wang', 'Zhao'), val('Li,Zhao')],
    expect: 0.5,
  },
  { fn: 'WINRATE', name: 'formula-looking text is just unknown text', args: [col("=cmd|' /c calc'!A1")], expect: err('VALUE') },
  { fn: 'WINRATE', name: 'boolean status is unknown', args: [col(true)], expect: err('VALUE') },
];
