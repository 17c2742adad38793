/**
 * Experience-based estimation (经验推算法定位目标客户, DESIGN §4): a wallet estimate from a
 * size metric × the consultant's benchmark ratio, and a look-alike score that says how much
 * a prospect resembles today's Tier A accounts. Both are plain arithmetic a planner can redo.
 */
import { CalcError, Cell, Column, isBlank, keyOf, showCell, showCellZh, toNumber } from '../core/cells';
import { checkSameLength } from './columns';
import { compileCriterion } from './criteria';
import { Enumeration, lookupEnum } from '../core/enumerations';
import { ExactMean, ExactSum } from './exact';
import { msg } from './messages';

/** Size metrics benchmarks are usually given per (others are matched by their text). */
export const SizeMetric: Enumeration = {
  name: 'SizeMetric',
  values: [
    { code: 'Employees', zh: '员工数', aliases: ['Employee', 'Headcount', 'Staff', '员工人数', '员工', '人数'] },
    { code: 'Revenue', zh: '营业收入', aliases: ['Sales', 'Turnover', '营收', '收入', '营业额', '销售额'] },
  ],
};

/** A metric's match key: known metrics fold their aliases ("员工数" = "Employees"). */
export function metricKey(c: Cell | undefined): string {
  const known = lookupEnum(SizeMetric, c);
  return known ? keyOf(known.code) : keyOf(c);
}

/** Benchmarks row for any industry without a row of its own. */
export const ANY_INDUSTRY = '*';

const benchKey = (industryKey: string, metric: string) => `${industryKey}\u0000${metric}`;

export interface Benchmarks {
  industries: Column;
  metrics: Column;
  ratios: Column;
}

/**
 * Industry × metric → ratio. Rows without an industry, metric or ratio are skipped (they
 * match nothing); a non-numeric or negative ratio, or the same pair twice, is an error.
 */
export function benchmarkRatios(b: Benchmarks): Map<string, number> | CalcError {
  const mismatch = checkSameLength([
    ['benchIndustries', b.industries],
    ['benchMetrics', b.metrics],
    ['benchRatios', b.ratios],
  ]);
  if (mismatch) return mismatch;
  const ratios = new Map<string, number>();
  const rowOf = new Map<string, number>();
  for (let i = 0; i < b.industries.length; i++) {
    const ind = b.industries[i];
    const met = b.metrics[i];
    const rat = b.ratios[i];
    if (isBlank(ind) || isBlank(met) || isBlank(rat)) continue;
    const r = toNumber(rat);
    if (r === undefined) return new CalcError('VALUE', msg.cellNotANumber('benchRatios', i + 1, showCell(rat)));
    if (r < 0)
      return new CalcError(
        'VALUE',
        msg.custom(`benchRatios, row ${i + 1}: ${r} is negative`, `benchRatios 第 ${i + 1} 行：${r} 为负数`),
      );
    const key = benchKey(keyOf(ind), metricKey(met));
    const earlier = rowOf.get(key);
    if (earlier !== undefined)
      return new CalcError(
        'VALUE',
        msg.custom(
          `benchmarks rows ${earlier + 1} and ${i + 1} both give ${showCell(ind)} / ${showCell(met)}; keep one`,
          `基准表第 ${earlier + 1} 行和第 ${i + 1} 行重复给出了 ${showCellZh(ind)} / ${showCellZh(met)}，请只保留一行`,
        ),
      );
    rowOf.set(key, i);
    ratios.set(key, r);
  }
  return ratios;
}

/** A column of n rows, or one value used for every row. */
function broadcast(col: Column, n: number, name: string, lengthName: string): ((i: number) => Cell | undefined) | CalcError {
  if (col.length === n) return (i) => col[i];
  if (col.length === 1) return () => col[0];
  return new CalcError(
    'VALUE',
    msg.custom(
      `${name} has ${col.length} rows but ${lengthName} has ${n}: give one value for all rows or a column of ${n}`,
      `${name} 有 ${col.length} 行，而 ${lengthName} 有 ${n} 行：请给出一个统一的值，或 ${n} 行的列`,
    ),
  );
}

const rowPrefix = (n: number, i: number) => (n > 1 ? { en: `row ${i + 1}: `, zh: `第 ${i + 1} 行：` } : { en: '', zh: '' });

export interface PotentialInput {
  /** Size metric per account (employees, revenue, …). */
  size: Column;
  /** Industry per account, or one industry for all. */
  industry: Column;
  /** Which metric `size` is, per account or one for all. */
  metric: Column;
  benchmarks: Benchmarks;
}

/**
 * Wallet estimate per account = size × the ratio of the Benchmarks row for its industry and
 * metric (or the "*" industry row). Blank size → blank; no benchmark → #N/A for that row.
 */
export function estimateWallets(input: PotentialInput): (number | null | CalcError)[] | CalcError {
  const ratios = benchmarkRatios(input.benchmarks);
  if (ratios instanceof CalcError) return ratios;
  const n = input.size.length;
  const industryAt = broadcast(input.industry, n, 'industry', 'size');
  if (industryAt instanceof CalcError) return industryAt;
  const metricAt = broadcast(input.metric, n, 'metric', 'size');
  if (metricAt instanceof CalcError) return metricAt;
  if (n === 0) return [null]; // an empty range is one blank row
  const out = new Array<number | null | CalcError>(n);
  for (let i = 0; i < n; i++) {
    const sizeCell = input.size[i];
    const pre = rowPrefix(n, i);
    if (isBlank(sizeCell)) {
      out[i] = null;
      continue;
    }
    const size = toNumber(sizeCell);
    if (size === undefined || size < 0) {
      out[i] = new CalcError(
        'VALUE',
        msg.custom(
          `${pre.en}size ${showCell(sizeCell)} is not a number of 0 or more`,
          `${pre.zh}size 值 ${showCellZh(sizeCell)} 不是大于等于 0 的数字`,
        ),
      );
      continue;
    }
    const ind = industryAt(i);
    const met = metricAt(i);
    if (isBlank(ind) || isBlank(met)) {
      const what = isBlank(ind) ? 'industry' : 'metric';
      out[i] = new CalcError(
        'NA',
        msg.custom(
          `${pre.en}${what} is blank; fill it to look up the benchmark`,
          `${pre.zh}${what} 为空，请填写后才能查找基准比例`,
        ),
      );
      continue;
    }
    const mk = metricKey(met);
    const ratio = ratios.get(benchKey(keyOf(ind), mk)) ?? ratios.get(benchKey(ANY_INDUSTRY, mk));
    out[i] =
      ratio === undefined
        ? new CalcError(
            'NA',
            msg.custom(
              `${pre.en}no benchmark for industry ${showCell(ind)} and metric ${showCell(met)}; add a Benchmarks row (Industry, Metric, Ratio)`,
              `${pre.zh}没有行业 ${showCellZh(ind)}、指标 ${showCellZh(met)} 的基准比例，请在 Benchmarks 表中添加一行（行业、指标、比例）`,
            ),
          )
        : new ExactSum().addProduct(size, ratio).value;
  }
  return out;
}

/**
 * Size band: the decade a size falls in, floor(log10(size)) (1–9 → 0, 10–99 → 1, …);
 * 0 is a band of its own. Computed with exact powers of ten so 1000 is band 3, not 2.
 */
export function sizeBand(size: number): number {
  if (size === 0) return Number.NEGATIVE_INFINITY;
  let b = Math.floor(Math.log10(size));
  if (10 ** (b + 1) <= size) b++;
  else if (10 ** b > size) b--;
  return b;
}

/** How often each value occurs among the profile accounts, and the most frequent count. */
class ValueTally {
  private readonly counts = new Map<string, number>();
  top = 0;
  add(key: string): void {
    const c = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, c);
    if (c > this.top) this.top = c;
  }
  /** Adds this value's similarity to `mean`: its count ÷ the most common value's count, in [0, 1]. */
  addSimilarity(mean: ExactMean, key: string): void {
    mean.add(1, this.counts.get(key) ?? 0, 0, this.top);
  }
}

export interface LookalikeInput {
  industry: Column;
  region: Column;
  size: Column;
  refIndustry: Column;
  refRegion: Column;
  refSize: Column;
  /** Tier of each reference account; omitted: every reference account is in the profile. */
  refTier?: Column;
  /** Which tiers make the profile ("A" by default; "A,B" or a range for several). */
  tier?: Cell | Column;
}

type SizeRead = { band?: string; error?: CalcError };

function readSize(c: Cell | undefined, describe: () => { en: string; zh: string }): SizeRead {
  if (isBlank(c)) return {};
  const n = toNumber(c);
  if (n === undefined || n < 0) {
    const where = describe();
    return {
      error: new CalcError(
        'VALUE',
        msg.custom(
          `${where.en}size ${showCell(c)} is not a number of 0 or more`,
          `${where.zh}size 值 ${showCellZh(c)} 不是大于等于 0 的数字`,
        ),
      ),
    };
  }
  return { band: String(sizeBand(n)) };
}

/**
 * Look-alike score of each prospect, 0–100: for each of industry, region and size band,
 * (profile accounts sharing the prospect's value) ÷ (profile accounts sharing the most
 * common value); the score is 100 × the mean over the attributes both the prospect and the
 * profile have. A prospect with nothing to compare is blank; no profile accounts → #N/A.
 */
export function lookalikeScores(input: LookalikeInput): (number | null | CalcError)[] | CalcError {
  const mismatch =
    checkSameLength([
      ['industry', input.industry],
      ['region', input.region],
      ['size', input.size],
    ]) ??
    checkSameLength([
      ['refIndustry', input.refIndustry],
      ['refRegion', input.refRegion],
      ['refSize', input.refSize],
      ['refTier', input.refTier],
    ]);
  if (mismatch) return mismatch;

  let inProfile: ((i: number) => boolean) | undefined;
  let tierText = '';
  if (input.refTier) {
    const wanted = input.tier === undefined || (!Array.isArray(input.tier) && isBlank(input.tier as Cell)) ? 'A' : input.tier;
    const m = compileCriterion(wanted, 'tier');
    if (m instanceof CalcError) return m;
    const refTier = input.refTier;
    inProfile = (i) => m(refTier[i]);
    tierText = Array.isArray(wanted) ? (wanted as Column).filter((v) => !isBlank(v)).join(',') : String(wanted);
  }

  const industries = new ValueTally();
  const regions = new ValueTally();
  const bands = new ValueTally();
  let profileSize = 0;
  for (let i = 0; i < input.refIndustry.length; i++) {
    if (inProfile && !inProfile(i)) continue;
    const ind = input.refIndustry[i];
    const reg = input.refRegion[i];
    const size = readSize(input.refSize[i], () => ({ en: `refSize, row ${i + 1}: `, zh: `refSize 第 ${i + 1} 行：` }));
    if (size.error) return size.error;
    // A reference row with none of the three attributes says nothing about the profile.
    if (isBlank(ind) && isBlank(reg) && size.band === undefined) continue;
    profileSize++;
    if (!isBlank(ind)) industries.add(keyOf(ind));
    if (!isBlank(reg)) regions.add(keyOf(reg));
    if (size.band !== undefined) bands.add(size.band);
  }
  if (profileSize === 0)
    return new CalcError(
      'NA',
      inProfile
        ? msg.custom(`no Tier ${tierText} accounts to compare with`, `没有可供比较的 ${tierText} 类客户`)
        : msg.custom('no reference accounts to compare with', '没有可供比较的参照客户'),
    );

  const n = input.industry.length;
  if (n === 0) return [null]; // an empty range is one blank prospect
  const out = new Array<number | null | CalcError>(n);
  for (let i = 0; i < n; i++) {
    const pre = rowPrefix(n, i);
    const size = readSize(input.size[i], () => pre);
    if (size.error) {
      out[i] = size.error;
      continue;
    }
    // 100 × the mean similarity, as one exact fraction rounded once (issue #18).
    const mean = new ExactMean();
    const ind = input.industry[i];
    const reg = input.region[i];
    if (!isBlank(ind) && industries.top > 0) industries.addSimilarity(mean, keyOf(ind));
    if (!isBlank(reg) && regions.top > 0) regions.addSimilarity(mean, keyOf(reg));
    if (size.band !== undefined && bands.top > 0) bands.addSimilarity(mean, size.band);
    out[i] = mean.totalWeight.sign === 0 ? null : mean.percent();
  }
  return out;
}
