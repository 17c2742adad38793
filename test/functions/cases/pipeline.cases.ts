/**
 * Pipeline family cases: PIPELINE, DEALCOUNT, DEALSUM, TARGET, COVERAGE, CYCLEDAYS, VELOCITY.
 * Expected values are worked out by hand in the comments.
 */
import { ParityCase, col, err, grid, omit, val } from '../../support/parity';

// One small book of deals (row: status, amount, probability, created, close, owner, competitor).
// Serial 46023 = 2026-01-01.
//  1 Open        100  0.5  46000  46100  Li    Acme
//  2 Won         200  1    45990  46050  Wang  -
//  3 Open         50  0.2  46010  46300  Li    Acme
//  4 Lost         80  0    46000  46080  Li    Acme
//  5 NoDecision   30  0    46030  46120  Wang  -
//  6 Open         70  40   46050  46400  Wang  -
//  7 Won         150  1    46100  46200  Li    Beta
const S = col('Open', 'Won', 'Open', 'Lost', 'NoDecision', 'Open', 'Won');
const A = col(100, 200, 50, 80, 30, 70, 150);
const P = col(0.5, 1, 0.2, 0, 0, 40, 1);
const CR = col(46000, 45990, 46010, 46000, 46030, 46050, 46100);
const CD = col(46100, 46050, 46300, 46080, 46120, 46400, 46200);
const OWNER = col('Li', 'Wang', 'Li', 'Li', 'Wang', 'Wang', 'Li');
const COMPETITOR = col('Acme', null, 'Acme', 'Acme', null, null, 'Beta');

const pipeline: ParityCase[] = [
  // open rows 1, 3, 6: 100 + 50 + 70
  { fn: 'PIPELINE', name: 'open pipeline', args: [S, A], expect: 220 },
  // 100·0.5 + 50·0.2 + 70·0.40 (40 read as 40 %) = 50 + 10 + 28
  { fn: 'PIPELINE', name: 'weighted by probability, 40 read as 40 %', args: [S, A, P], expect: 88 },
  // open with close ≤ 46300 (inclusive): rows 1 (46100) and 3 (46300) → 150
  {
    fn: 'PIPELINE',
    name: 'close date up to period end (coverage numerator)',
    args: [S, A, omit, CD, omit, val(46300)],
    expect: 150,
  },
  // open with close in [46200, 46400]: rows 3 (46300) and 6 (46400) → 120
  { fn: 'PIPELINE', name: 'closed-interval period', args: [S, A, omit, CD, val(46200), val(46400)], expect: 120 },
  // open with close in [46200, 46400], weighted: 50·0.2 + 70·0.4 = 38
  { fn: 'PIPELINE', name: 'weighted and in period', args: [S, A, P, CD, val(46200), val(46400)], expect: 38 },
  // 进行中 and 跟进中 are Open: 10 + 30
  { fn: 'PIPELINE', name: 'zh status aliases', args: [col('进行中', '赢单', '跟进中', '丢单'), col(10, 20, 30, 40)], expect: 40 },
  // 100·0.25 + 200·0.5
  { fn: 'PIPELINE', name: 'percent text probability', args: [col('Open', 'Open'), col(100, 200), col('25%', 50)], expect: 125 },
  // blank probability adds nothing: 100·0 + 200·0.5
  {
    fn: 'PIPELINE',
    name: 'blank probability counts as 0',
    args: [col('Open', 'Open'), col(100, 200), col(null, 0.5)],
    expect: 100,
  },
  { fn: 'PIPELINE', name: 'blank amount counts as 0', args: [col('Open', 'Open'), col(null, 5)], expect: 5 },
  { fn: 'PIPELINE', name: 'no open deals → 0', args: [col('Won', 'Lost'), col(1, 2)], expect: 0 },
  // owner Li and open: rows 1 (100) and 3 (50)
  { fn: 'PIPELINE', name: 'filter on owner', args: [S, A, omit, omit, omit, omit, OWNER, val('Li')], expect: 150 },
  // closed rows are not read: the bad probability on the Won row does not matter
  { fn: 'PIPELINE', name: 'closed rows are not read', args: [col('Won', 'Open'), col(10, 20), col('x', 0.5)], expect: 10 },
  { fn: 'PIPELINE', name: 'numeric text amount', args: [col('Open', 'Open'), col('100', ' 12.5 ')], expect: 112.5 },
  // '2026-01-15' is in, '2026-02-01' (46054) is after '2026-01-31'
  {
    fn: 'PIPELINE',
    name: 'ISO text dates',
    args: [col('Open', 'Open'), col(10, 20), omit, col('2026-01-15', '2026-02-01'), omit, val('2026-01-31')],
    expect: 10,
  },
  {
    fn: 'PIPELINE',
    name: 'blank close date is outside any period',
    args: [col('Open', 'Open'), col(10, 20), omit, col(null, 46000), omit, val(46100)],
    expect: 20,
  },
  { fn: 'PIPELINE', name: 'single cells', args: [val('Open'), val(100)], expect: 100 },
  { fn: 'PIPELINE', name: 'empty ranges → 0', args: [grid([]), grid([])], expect: 0 },
  { fn: 'PIPELINE', name: 'mismatched sizes', args: [col('Open', 'Open'), col(1)], expect: err('VALUE') },
  { fn: 'PIPELINE', name: 'probability above 100 %', args: [col('Open'), col(100), col(150)], expect: err('VALUE') },
  { fn: 'PIPELINE', name: 'negative probability', args: [col('Open'), col(100), col(-0.1)], expect: err('VALUE') },
  { fn: 'PIPELINE', name: 'period without close dates', args: [S, A, omit, omit, omit, val(46300)], expect: err('VALUE') },
  { fn: 'PIPELINE', name: 'unknown status', args: [col('Open', 'Pending'), col(1, 2)], expect: err('VALUE') },
  { fn: 'PIPELINE', name: 'text amount', args: [col('Open'), col('lots')], expect: err('VALUE') },
  { fn: 'PIPELINE', name: 'negative amount', args: [col('Open'), col(-5)], expect: err('VALUE') },
  {
    fn: 'PIPELINE',
    name: 'text close date in a period',
    args: [col('Open', 'Open'), col(1, 2), omit, col(46000, 'soon'), omit, val(46100)],
    expect: err('VALUE'),
  },
  {
    fn: 'PIPELINE',
    name: 'error cell in amount propagates',
    args: [col('Open', 'Open'), col(1, err('DIV0'))],
    expect: err('DIV0'),
  },
];

const dealcount: ParityCase[] = [
  // rows 2 and 7
  { fn: 'DEALCOUNT', name: 'won deals', args: [S, val('Won')], expect: 2 },
  // Won 2 + Lost 1 + NoDecision 1
  { fn: 'DEALCOUNT', name: 'closed = won + lost + no decision', args: [S, val('Closed')], expect: 4 },
  { fn: 'DEALCOUNT', name: '* = any status', args: [S, val('*')], expect: 7 },
  { fn: 'DEALCOUNT', name: 'open deals', args: [S, val('Open')], expect: 3 },
  { fn: 'DEALCOUNT', name: 'list of statuses', args: [S, val('Won,Lost')], expect: 3 },
  { fn: 'DEALCOUNT', name: 'zh which', args: [S, val('赢单')], expect: 2 },
  { fn: 'DEALCOUNT', name: 'zh closed', args: [S, val('已结单')], expect: 4 },
  { fn: 'DEALCOUNT', name: 'zh list with a full-width comma', args: [S, val('丢单，无决策')], expect: 2 },
  // close in [46050, 46150]: rows 1 (Open), 2 (Won), 4 (Lost), 5 (ND) → one Won
  { fn: 'DEALCOUNT', name: 'won in period on close dates', args: [S, val('Won'), CD, val(46050), val(46150)], expect: 1 },
  { fn: 'DEALCOUNT', name: 'closed in period', args: [S, val('Closed'), CD, val(46050), val(46150)], expect: 3 },
  // created in [46000, 46030]: rows 1, 3, 4, 5
  { fn: 'DEALCOUNT', name: 'new deals by created date', args: [S, val('*'), CR, val(46000), val(46030)], expect: 4 },
  { fn: 'DEALCOUNT', name: 'blank statuses are not deals', args: [col('Won', null, 'Open'), val('*')], expect: 2 },
  // with a competitor: rows 1, 3, 4, 7 → closed are 4 (Lost) and 7 (Won)
  {
    fn: 'DEALCOUNT',
    name: 'filter on competitor (non-blank)',
    args: [S, val('Closed'), omit, omit, omit, COMPETITOR],
    expect: 2,
  },
  {
    fn: 'DEALCOUNT',
    name: 'aliases and width in statuses',
    args: [col('ＷＯＮ', 'closed won', '成交', 'lost'), val('won')],
    expect: 3,
  },
  { fn: 'DEALCOUNT', name: 'no-decision alias in which', args: [S, val('ND')], expect: 1 },
  { fn: 'DEALCOUNT', name: 'empty range → 0', args: [grid([]), val('Won')], expect: 0 },
  { fn: 'DEALCOUNT', name: 'unknown which', args: [S, val('Pending')], expect: err('VALUE') },
  { fn: 'DEALCOUNT', name: 'blank which', args: [S, val(null)], expect: err('VALUE') },
  { fn: 'DEALCOUNT', name: 'number as which', args: [S, val(1)], expect: err('VALUE') },
  { fn: 'DEALCOUNT', name: 'period without dates', args: [S, val('Won'), omit, val(46000)], expect: err('VALUE') },
  {
    fn: 'DEALCOUNT',
    name: 'mismatched sizes',
    args: [col('Won', 'Lost', 'Won'), val('Won'), col(46000, 46001)],
    expect: err('VALUE'),
  },
  { fn: 'DEALCOUNT', name: 'unknown status in data', args: [col('Won', 'Maybe'), val('Won')], expect: err('VALUE') },
  { fn: 'DEALCOUNT', name: 'error cell in status propagates', args: [col('Won', err('NA')), val('Won')], expect: err('NA') },
];

const dealsum: ParityCase[] = [
  // rows 2, 7: 200 + 150
  { fn: 'DEALSUM', name: 'won amount', args: [S, val('Won'), A], expect: 350 },
  // 200 + 80 + 30 + 150
  { fn: 'DEALSUM', name: 'closed amount', args: [S, val('Closed'), A], expect: 460 },
  { fn: 'DEALSUM', name: 'open amount', args: [S, val('Open'), A], expect: 220 },
  // 100+200+50+80+30+70+150
  { fn: 'DEALSUM', name: 'all deals', args: [S, val('*'), A], expect: 680 },
  // won with close in [46050, 46150]: row 2 → 200
  { fn: 'DEALSUM', name: 'won in period', args: [S, val('Won'), A, CD, val(46050), val(46150)], expect: 200 },
  // created in [46000, 46030]: rows 1, 3, 4, 5 → 100 + 50 + 80 + 30
  { fn: 'DEALSUM', name: 'new pipeline value by created date', args: [S, val('*'), A, CR, val(46000), val(46030)], expect: 260 },
  // 200 + 80 + 150
  { fn: 'DEALSUM', name: 'zh list', args: [S, val('赢单,丢单'), A], expect: 430 },
  // owner Li or Zhao, won: row 7 → 150
  {
    fn: 'DEALSUM',
    name: 'filter with value list',
    args: [S, val('Won'), A, omit, omit, omit, OWNER, val('Li,Zhao')],
    expect: 150,
  },
  { fn: 'DEALSUM', name: 'blank amount counts as 0', args: [col('Won', 'Won'), val('Won'), col(null, 5)], expect: 5 },
  { fn: 'DEALSUM', name: 'rows of other statuses are not read', args: [col('Won', 'Lost'), val('Won'), col(5, 'x')], expect: 5 },
  { fn: 'DEALSUM', name: 'numeric text amounts', args: [col('Won', 'Won'), val('Won'), col('10', ' 2.5 ')], expect: 12.5 },
  { fn: 'DEALSUM', name: 'nothing matches → 0', args: [S, val('Won'), A, CD, val(47000)], expect: 0 },
  { fn: 'DEALSUM', name: 'text amount of a counted deal', args: [col('Won'), val('Won'), col('a lot')], expect: err('VALUE') },
  { fn: 'DEALSUM', name: 'negative amount', args: [col('Won'), val('Won'), col(-1)], expect: err('VALUE') },
  { fn: 'DEALSUM', name: 'mismatched sizes', args: [col('Won', 'Won'), val('Won'), col(1, 2, 3)], expect: err('VALUE') },
  { fn: 'DEALSUM', name: 'unknown which', args: [S, val('Booked'), A], expect: err('VALUE') },
  {
    fn: 'DEALSUM',
    name: 'error cell in amount propagates',
    args: [col('Won'), val('Won'), col(err('DIV0'))],
    expect: err('DIV0'),
  },
];

// Targets (row: amount, start, end, owner): Q1, Q2, the year, Q3.
//  1 1000  46023 (2026-01-01)  46112 (2026-03-31)  Li
//  2 2000  46113 (2026-04-01)  46203 (2026-06-30)  Li
//  3 1500  46023               46387 (2026-12-31)  Wang
//  4  500  46204 (2026-07-01)  46295 (2026-09-30)  Wang
const TA = col(1000, 2000, 1500, 500);
const TS = col(46023, 46113, 46023, 46204);
const TE = col(46112, 46203, 46387, 46295);
const TO = col('Li', 'Li', 'Wang', 'Wang');

const target: ParityCase[] = [
  { fn: 'TARGET', name: 'no period: every target', args: [TA, TS, TE], expect: 5000 },
  { fn: 'TARGET', name: 'the year holds every target', args: [TA, TS, TE, val(46023), val(46387)], expect: 5000 },
  // H1: Q1 + Q2; the year target and Q3 end later
  { fn: 'TARGET', name: 'first half', args: [TA, TS, TE, val(46023), val(46203)], expect: 3000 },
  { fn: 'TARGET', name: 'first quarter', args: [TA, TS, TE, val(46023), val(46112)], expect: 1000 },
  // Li's targets in the year: 1000 + 2000
  { fn: 'TARGET', name: 'one owner', args: [TA, TS, TE, val(46023), val(46387), TO, val('Li')], expect: 3000 },
  { fn: 'TARGET', name: 'owner matched case-insensitively', args: [TA, TS, TE, omit, omit, TO, val('wang')], expect: 2000 },
  { fn: 'TARGET', name: 'owner list', args: [TA, TS, TE, omit, omit, TO, val('Li,Wang')], expect: 5000 },
  // start ≥ 46113: Q2 (2000) and Q3 (500)
  { fn: 'TARGET', name: 'only a start bound', args: [TA, TS, TE, val(46113)], expect: 2500 },
  // end ≤ 46203: Q1 and Q2
  { fn: 'TARGET', name: 'only an end bound', args: [TA, TS, TE, omit, val(46203)], expect: 3000 },
  { fn: 'TARGET', name: 'period as ISO text', args: [TA, TS, TE, val('2026-01-01'), val('2026-06-30')], expect: 3000 },
  {
    fn: 'TARGET',
    name: 'rows without an amount are skipped',
    args: [col(1000, null), col(46023, 46023), col(46112, 46112)],
    expect: 1000,
  },
  // the second row has no start, so it cannot be shown to lie after periodStart
  {
    fn: 'TARGET',
    name: 'blank start date with a start bound',
    args: [col(1000, 500), col(46023, null), col(46112, 46112), val(46000)],
    expect: 1000,
  },
  { fn: 'TARGET', name: 'empty ranges → 0', args: [grid([]), grid([]), grid([])], expect: 0 },
  { fn: 'TARGET', name: 'target ends before it starts', args: [col(1000), col(46112), col(46023)], expect: err('VALUE') },
  { fn: 'TARGET', name: 'text amount', args: [col('big'), col(46023), col(46112)], expect: err('VALUE') },
  { fn: 'TARGET', name: 'mismatched sizes', args: [col(1, 2), col(46023), col(46112, 46112)], expect: err('VALUE') },
  { fn: 'TARGET', name: 'owner without owners', args: [TA, TS, TE, omit, omit, omit, val('Li')], expect: err('VALUE') },
  { fn: 'TARGET', name: 'bad period bound', args: [TA, TS, TE, val('Q1')], expect: err('VALUE') },
  { fn: 'TARGET', name: 'text date', args: [col(1), col('spring'), col(46112)], expect: err('VALUE') },
  { fn: 'TARGET', name: 'error cell in endDates propagates', args: [col(1), col(46023), col(err('NA'))], expect: err('NA') },
];

const coverage: ParityCase[] = [
  { fn: 'COVERAGE', name: 'pipeline ÷ target', args: [val(300), val(200)], expect: 1.5 },
  // 300 / (200 − 50)
  { fn: 'COVERAGE', name: 'pipeline ÷ what is left to win', args: [val(300), val(200), val(50)], expect: 2 },
  { fn: 'COVERAGE', name: 'target met → blank', args: [val(300), val(200), val(200)], expect: null },
  { fn: 'COVERAGE', name: 'target exceeded → blank', args: [val(300), val(200), val(250)], expect: null },
  { fn: 'COVERAGE', name: 'zero target → blank', args: [val(300), val(0)], expect: null },
  { fn: 'COVERAGE', name: 'negative target → blank', args: [val(300), val(-10)], expect: null },
  { fn: 'COVERAGE', name: 'blank pipeline → blank', args: [val(null), val(200)], expect: null },
  { fn: 'COVERAGE', name: 'blank target → blank', args: [val(300), val(null)], expect: null },
  { fn: 'COVERAGE', name: 'blank achieved counts as 0', args: [val(300), val(200), val(null)], expect: 1.5 },
  { fn: 'COVERAGE', name: 'no pipeline → 0', args: [val(0), val(200)], expect: 0 },
  { fn: 'COVERAGE', name: 'numeric text', args: [val('300'), val('200')], expect: 1.5 },
  { fn: 'COVERAGE', name: 'one-cell ranges', args: [col(300), col(200), col(100)], expect: 3 },
  { fn: 'COVERAGE', name: 'text pipeline', args: [val('plenty'), val(200)], expect: err('VALUE') },
  { fn: 'COVERAGE', name: 'range instead of a number', args: [col(300, 100), val(200)], expect: err('VALUE') },
  { fn: 'COVERAGE', name: 'error cell in target propagates', args: [val(300), val(err('DIV0'))], expect: err('DIV0') },
];

const cycledays: ParityCase[] = [
  // won rows 2 (46050 − 45990 = 60) and 7 (46200 − 46100 = 100): mean 80
  { fn: 'CYCLEDAYS', name: 'mean over won deals', args: [S, CR, CD], expect: 80 },
  { fn: 'CYCLEDAYS', name: 'period picks row 7', args: [S, CR, CD, val(46100), val(46250)], expect: 100 },
  { fn: 'CYCLEDAYS', name: 'period picks row 2', args: [S, CR, CD, val(46000), val(46060)], expect: 60 },
  { fn: 'CYCLEDAYS', name: 'open-ended period', args: [S, CR, CD, omit, val(46100)], expect: 60 },
  { fn: 'CYCLEDAYS', name: 'nothing won in period → blank', args: [S, CR, CD, val(47000)], expect: null },
  {
    fn: 'CYCLEDAYS',
    name: 'no won deals → blank',
    args: [col('Open', 'Lost'), col(46000, 46000), col(46100, 46100)],
    expect: null,
  },
  // 赢单 30 days, 成交 (Won alias) 10 days: mean 20; the lost deal is not counted
  {
    fn: 'CYCLEDAYS',
    name: 'zh status aliases',
    args: [col('赢单', '丢单', '成交'), col(46000, 46000, 46010), col(46030, 46100, 46020)],
    expect: 20,
  },
  // the lost row closes before it was created, but only won rows are read
  {
    fn: 'CYCLEDAYS',
    name: 'lost rows are not read',
    args: [col('Won', 'Lost'), col(46000, 46100), col(46010, 46050)],
    expect: 10,
  },
  {
    fn: 'CYCLEDAYS',
    name: 'won deal without created date is left out',
    args: [col('Won', 'Won'), col(null, 46000), col(46100, 46020)],
    expect: 20,
  },
  // 2026-01-01 → 2026-02-01
  { fn: 'CYCLEDAYS', name: 'ISO text dates', args: [col('Won'), col('2026-01-01'), col('2026-02-01')], expect: 31 },
  { fn: 'CYCLEDAYS', name: 'same-day win → 0', args: [col('Won'), col(46000), col(46000)], expect: 0 },
  { fn: 'CYCLEDAYS', name: 'times of day count', args: [col('Won'), col(46000.25), col(46001.75)], expect: 1.5 },
  {
    fn: 'CYCLEDAYS',
    name: 'won deal closed before it was created',
    args: [col('Won', 'Won'), col(46000, 46100), col(46010, 46050)],
    expect: err('VALUE'),
  },
  { fn: 'CYCLEDAYS', name: 'text date', args: [col('Won'), col(46000), col('next week')], expect: err('VALUE') },
  { fn: 'CYCLEDAYS', name: 'mismatched sizes', args: [col('Won', 'Won'), col(46000), col(46010, 46020)], expect: err('VALUE') },
  { fn: 'CYCLEDAYS', name: 'unknown status', args: [col('Done'), col(46000), col(46010)], expect: err('VALUE') },
  { fn: 'CYCLEDAYS', name: 'error cell propagates', args: [col('Won'), col(err('NA')), col(46010)], expect: err('NA') },
];

const velocity: ParityCase[] = [
  // #Open 3 · avg won (200+150)/2 = 175 · win rate 2/4 (ND is a loss) / cycle 80 = 262.5 / 80
  { fn: 'VELOCITY', name: 'whole book', args: [S, A, CR, CD], expect: 3.28125 },
  // win rate 2/3 without ND: 3 · 175 · 2/3 / 80 = 350 / 80
  { fn: 'VELOCITY', name: 'no-decision left out', args: [S, A, CR, CD, omit, omit, val(false)], expect: 4.375 },
  { fn: 'VELOCITY', name: 'no-decision left out (否)', args: [S, A, CR, CD, omit, omit, val('否')], expect: 4.375 },
  // closed in [46100, 46250]: ND (46120) and Won row 7 (46200, 150, 100 days): 3 · 150 · 1/2 / 100
  { fn: 'VELOCITY', name: 'period', args: [S, A, CR, CD, val(46100), val(46250)], expect: 2.25 },
  // open 2 · avg won 100 · rate 1/2 / cycle 20 = 5
  {
    fn: 'VELOCITY',
    name: 'zh statuses',
    args: [
      col('进行中', '进行中', '赢单', '丢单'),
      col(10, 20, 100, 100),
      col(46000, 46000, 46000, 46000),
      col(46100, 46100, 46020, 46030),
    ],
    expect: 5,
  },
  {
    fn: 'VELOCITY',
    name: 'no open deals → 0',
    args: [col('Won', 'Lost'), col(100, 50), col(46000, 46000), col(46010, 46020)],
    expect: 0,
  },
  {
    fn: 'VELOCITY',
    name: 'no won deals → blank',
    args: [col('Open', 'Lost'), col(100, 50), col(46000, 46000), col(46010, 46020)],
    expect: null,
  },
  {
    fn: 'VELOCITY',
    name: 'same-day wins (cycle 0) → blank',
    args: [col('Open', 'Won'), col(10, 100), col(46000, 46000), col(46050, 46000)],
    expect: null,
  },
  { fn: 'VELOCITY', name: 'nothing closed in period → blank', args: [S, A, CR, CD, val(47000)], expect: null },
  {
    fn: 'VELOCITY',
    name: 'mismatched sizes',
    args: [col('Open', 'Won'), col(1), col(46000, 46000), col(46010, 46020)],
    expect: err('VALUE'),
  },
  {
    fn: 'VELOCITY',
    name: 'won before created',
    args: [col('Open', 'Won'), col(1, 2), col(46000, 46100), col(46010, 46020)],
    expect: err('VALUE'),
  },
  {
    fn: 'VELOCITY',
    name: 'negative won amount',
    args: [col('Open', 'Won'), col(1, -2), col(46000, 46000), col(46010, 46020)],
    expect: err('VALUE'),
  },
  {
    fn: 'VELOCITY',
    name: 'unknown status',
    args: [col('Open', 'Hot'), col(1, 2), col(46000, 46000), col(46010, 46020)],
    expect: err('VALUE'),
  },
  { fn: 'VELOCITY', name: 'bad noDecisionIsLoss', args: [S, A, CR, CD, omit, omit, val('maybe')], expect: err('VALUE') },
  {
    fn: 'VELOCITY',
    name: 'error cell propagates',
    args: [col('Open', 'Won'), col(1, err('NA')), col(46000, 46000), col(46010, 46020)],
    expect: err('NA'),
  },
];

export const cases: ParityCase[] = [...pipeline, ...dealcount, ...dealsum, ...target, ...coverage, ...cycledays, ...velocity];
