/**
 * POTENTIAL and LOOKALIKE cases. Expected values are worked out by hand in the comments.
 * A whole-result error (#VALUE! for bad config or sizes) is checked with a one-row argument
 * driving the result size: HyperFormula fills a predicted n-row spill with n copies of it.
 */
import { ParityCase, col, err, grid, omit, val } from '../../support/parity';

// Benchmarks: Manufacturing 800 per employee, 0.02 per unit of revenue; Retail 300 per
// employee; any other industry ("*") 100 per employee.
const BI = col('Manufacturing', 'Manufacturing', 'Retail', '*');
const BM = col('Employees', 'Revenue', 'Employees', 'Employees');
const BR = col(800, 0.02, 300, 100);
const BENCH = [BI, BM, BR];

// Reference accounts: tiers A, A, A, B, C.
// Tier A profile (rows 1–3): industry Mfg 2, Retail 1 (top 2) · region East 2, North 1 (top 2)
// · size band 1500 → 3, 2500 → 3, 300 → 2: band 3 ×2, band 2 ×1 (top 2).
const RI = col('Mfg', 'Mfg', 'Retail', 'Mfg', 'Bank');
const RR = col('East', 'North', 'East', 'East', 'East');
const RS = col(1500, 2500, 300, 80, 5000);
const RT = col('A', 'A', 'A', 'B', 'C');
const REFS = [RI, RR, RS];

export const cases: ParityCase[] = [
  // ---- POTENTIAL ----
  // 1200 × 800 = 960,000; 50 × 300 = 15,000
  {
    fn: 'POTENTIAL',
    name: 'employees × industry ratio',
    args: [col(1200, 50), col('Manufacturing', 'Retail'), val('Employees'), ...BENCH],
    expect: [960000, 15000],
  },
  {
    fn: 'POTENTIAL',
    name: 'zh metric alias and case/space-insensitive industry',
    args: [val(1200), val(' manufacturing '), val('员工数'), ...BENCH],
    expect: 960000,
  },
  // 1,000,000 × 0.02 = 20,000 (营业收入 = Revenue); 100 × 800 = 80,000
  {
    fn: 'POTENTIAL',
    name: 'metric per row, one industry for all',
    args: [col(1000000, 100), val('Manufacturing'), col('营业收入', 'Employees'), ...BENCH],
    expect: [20000, 80000],
  },
  // Retail has no Revenue row and "*" only covers Employees → #N/A; 10 × 300 = 3000
  {
    fn: 'POTENTIAL',
    name: 'no benchmark → #N/A in that row',
    args: [col(100, 10), val('Retail'), col('Revenue', 'Employees'), ...BENCH],
    expect: [err('NA'), 3000],
  },
  // Banking has no row of its own: "*" → 10 × 100 = 1000
  {
    fn: 'POTENTIAL',
    name: 'the "*" industry row serves other industries',
    args: [val(10), val('Banking'), val('Employees'), ...BENCH],
    expect: 1000,
  },
  {
    fn: 'POTENTIAL',
    name: 'blank size → blank',
    args: [col(null, 10), val('Retail'), val('Employees'), ...BENCH],
    expect: [null, 3000],
  },
  {
    fn: 'POTENTIAL',
    name: 'blank industry → #N/A in that row',
    args: [col(10, 10), col(null, 'Retail'), val('Employees'), ...BENCH],
    expect: [err('NA'), 3000],
  },
  {
    fn: 'POTENTIAL',
    name: 'negative size → #VALUE! in that row',
    args: [col(-5, 10), val('Retail'), val('Employees'), ...BENCH],
    expect: [err('VALUE'), 3000],
  },
  {
    fn: 'POTENTIAL',
    name: 'text size → #VALUE! in that row',
    args: [col('many', 10), val('Retail'), val('Employees'), ...BENCH],
    expect: [err('VALUE'), 3000],
  },
  // "1200" × 800 = 960,000
  {
    fn: 'POTENTIAL',
    name: 'numeric text size',
    args: [val('1200'), val('Manufacturing'), val('Employees'), ...BENCH],
    expect: 960000,
  },
  // a metric the enumeration does not know is matched by its text: 300 beds × 5000 = 1,500,000
  {
    fn: 'POTENTIAL',
    name: 'consultant-defined metric',
    args: [val(300), val('healthcare'), val('beds'), col('Healthcare'), col('Beds'), col(5000)],
    expect: 1500000,
  },
  { fn: 'POTENTIAL', name: 'size 0 → 0', args: [val(0), val('Retail'), val('Employees'), ...BENCH], expect: 0 },
  {
    fn: 'POTENTIAL',
    name: 'industry neither one value nor as long as size',
    args: [val(1), col('Retail', 'Retail', 'Retail'), val('Employees'), ...BENCH],
    expect: err('VALUE'),
  },
  {
    fn: 'POTENTIAL',
    name: 'benchmark columns differ in size',
    args: [val(1), val('Retail'), val('Employees'), col('Retail', 'Mfg'), col('Employees'), col(1, 2)],
    expect: err('VALUE'),
  },
  {
    fn: 'POTENTIAL',
    name: 'same industry and metric twice (aliases)',
    args: [val(1), val('Retail'), val('Employees'), col('Retail', 'retail'), col('Employees', '员工数'), col(1, 2)],
    expect: err('VALUE'),
  },
  {
    fn: 'POTENTIAL',
    name: 'negative ratio',
    args: [val(1), val('Retail'), val('Employees'), col('Retail'), col('Employees'), col(-3)],
    expect: err('VALUE'),
  },
  {
    fn: 'POTENTIAL',
    name: 'text ratio',
    args: [val(1), val('Retail'), val('Employees'), col('Retail'), col('Employees'), col('lots')],
    expect: err('VALUE'),
  },
  {
    fn: 'POTENTIAL',
    name: 'empty benchmarks → #N/A',
    args: [val(5), val('Retail'), val('Employees'), grid([]), grid([]), grid([])],
    expect: err('NA'),
  },
  {
    fn: 'POTENTIAL',
    name: 'error cell in ratios propagates',
    args: [val(1), val('Retail'), val('Employees'), col('Retail'), col('Employees'), col(err('DIV0'))],
    expect: err('DIV0'),
  },

  // ---- LOOKALIKE ----
  // Mfg/East/2000: 2/2, 2/2, band 3 2/2 → 100 · Retail/North/500: 1/2 each → 50
  // · Bank/West/50: 0 each → 0 · mfg with nothing else: industry only → 100 · all blank → blank
  {
    fn: 'LOOKALIKE',
    name: 'against the Tier A profile',
    args: [
      col('Mfg', 'Retail', 'Bank', 'mfg', null),
      col('East', 'North', 'West', null, null),
      col(2000, 500, 50, null, null),
      ...REFS,
      RT,
    ],
    expect: [100, 50, 0, 100, null],
  },
  // Tiers A,B (rows 1–4): industry Mfg 3, Retail 1 (top 3) · region East 3, North 1 (top 3)
  // · bands 3,3,2,1 (top 2). Retail/East/90: 1/3, 3/3, band 1 1/2 → 100·(1/3 + 1 + 1/2)/3 = 100·11/18
  {
    fn: 'LOOKALIKE',
    name: 'profile of tiers "A,B"',
    args: [val('Retail'), val('East'), val(90), ...REFS, RT, val('A,B')],
    expect: (100 * 11) / 18,
  },
  // all five: industry Mfg 3, Retail 1, Bank 1 (top 3) · region East 4, North 1 (top 4)
  // · bands 3,3,2,1,3 (top 3). Bank/North/300: 1/3, 1/4, band 2 1/3 → 100·(11/12)/3 = 100·11/36
  {
    fn: 'LOOKALIKE',
    name: 'no refTier: every reference account is the profile',
    args: [val('Bank'), val('North'), val(300), ...REFS],
    expect: (100 * 11) / 36,
  },
  {
    fn: 'LOOKALIKE',
    name: 'identical to the single profile account → 100',
    args: [val('Mfg'), val('East'), val(1500), val('Mfg'), val('East'), val(1500)],
    expect: 100,
  },
  // full width and case fold: "ＭＦＧ" = "Mfg", "east" = "East"; 1999 is band 3 → 100
  {
    fn: 'LOOKALIKE',
    name: 'width- and case-insensitive values',
    args: [val('ＭＦＧ'), val('east'), val(1999), ...REFS, RT],
    expect: 100,
  },
  // profile 制造业 ×2, 零售 ×1 (top 2); region 华东 ×3 (top 3); prospect 零售/华东: (1/2 + 1)/2 = .75
  {
    fn: 'LOOKALIKE',
    name: 'zh values, lower-case tier',
    args: [
      val('零售'),
      val('华东'),
      val(null),
      col('制造业', '制造业', '零售'),
      col('华东', '华东', '华东'),
      col(null, null, null),
      col('a', 'A', 'A'),
    ],
    expect: 75,
  },
  // the band edge: 999 is band 2, 1000 band 3; the profile is one account of size 1000
  {
    fn: 'LOOKALIKE',
    name: 'size bands are decades',
    args: [col(null, null), col(null, null), col(999, 1000), val(null), val(null), val(1000)],
    expect: [0, 100],
  },
  // the profile has no region: region is left out → industry 1, band 1 → 100
  {
    fn: 'LOOKALIKE',
    name: 'attribute the profile lacks is left out',
    args: [val('Mfg'), val('East'), val(100), val('Mfg'), val(null), val(100)],
    expect: 100,
  },
  {
    fn: 'LOOKALIKE',
    name: 'no Tier A accounts → #N/A',
    args: [val('Mfg'), val('East'), val(1), ...REFS, col('B', 'B', 'C', 'D', null)],
    expect: err('NA'),
  },
  {
    fn: 'LOOKALIKE',
    name: 'empty reference range → #N/A',
    args: [val('Mfg'), val('East'), val(1), grid([]), grid([]), grid([])],
    expect: err('NA'),
  },
  {
    fn: 'LOOKALIKE',
    name: 'text prospect size → #VALUE! in that row',
    args: [col('Mfg', 'Mfg'), col('East', 'East'), col('big', 2000), ...REFS, RT],
    expect: [err('VALUE'), 100],
  },
  {
    fn: 'LOOKALIKE',
    name: 'text reference size in the profile',
    args: [val('Mfg'), val('East'), val(1), col('Mfg'), col('East'), col('big'), col('A')],
    expect: err('VALUE'),
  },
  // the bad size is on a Tier C row, outside the profile, so it is not read: Mfg/East/2000 → 100
  {
    fn: 'LOOKALIKE',
    name: 'reference rows outside the profile are not read',
    args: [val('Mfg'), val('East'), val(2000), col('Mfg', 'Bank'), col('East', 'East'), col(1500, 'big'), col('A', 'C')],
    expect: 100,
  },
  {
    fn: 'LOOKALIKE',
    name: 'prospect columns differ in size',
    args: [val('Mfg'), col('East', 'West'), val(1), ...REFS, RT],
    expect: err('VALUE'),
  },
  {
    fn: 'LOOKALIKE',
    name: 'reference columns differ in size',
    args: [val('Mfg'), val('East'), val(1), RI, RR, col(1, 2), omit],
    expect: err('VALUE'),
  },
  {
    fn: 'LOOKALIKE',
    name: 'error cell propagates',
    args: [val('Mfg'), val('East'), val(1), ...REFS, col('A', err('NA'), 'A', 'B', 'C')],
    expect: err('NA'),
  },
];
