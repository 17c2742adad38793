/** Estimation family (经验推算法): POTENTIAL (wallet from benchmarks), LOOKALIKE (match to Tier A). */
import { spill } from './spill';
import { estimateWallets, lookalikeScores } from '../calc/estimation';
import { orFail } from './args';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

export const estimationFunctions: FunctionDeclaration[] = [
  declare({
    id: 'POTENTIAL',
    family: 'estimation',
    description: {
      en: 'Wallet estimate by experience (经验推算法): size × the Benchmarks ratio of the account\'s industry and metric (category spend per employee, per unit of revenue, …). Industry and metric match case- and alias-insensitively ("员工数" = "Employees"); a Benchmarks row with industry "*" serves industries without their own row. Blank size → blank.',
      zh: '经验推算法估算客户的采购潜力：规模 × 行业基准表中该行业、该规模指标的比例（如每名员工、每元营业收入对应的本品类采购额）。行业和指标不区分大小写，并识别常用别名（"员工数" 即 "Employees"）；行业填 "*" 的基准行适用于没有单独基准的行业。规模为空时返回空白。',
    },
    example: '=CRM3.POTENTIAL(D5:D104, B5:B104, "Employees", Benchmarks_Industry, Benchmarks_Metric, Benchmarks_Ratio)',
    exampleResult: {
      en: 'one estimate per prospect, e.g. 1,200 employees × 800 per employee = 960,000',
      zh: '每个潜在客户一个估算值，如 1,200 名员工 × 每人 800 = 960,000',
    },
    params: [
      p(
        'size',
        'range',
        false,
        "Size of each account in the metric's unit (employees, revenue, …), or one value.",
        '各客户在该规模指标下的数值（员工数、营业收入等），或单个值。',
      ),
      p(
        'industry',
        'range',
        false,
        'Industry of each account (same size as size), or one industry for all, e.g. Acc_Industry.',
        '各客户所属行业（行数与 size 相同），或一个行业通用，如 Acc_Industry。',
      ),
      p(
        'metric',
        'range',
        false,
        'Which size metric size is, e.g. "Employees"/"员工数" or "Revenue"/"营业收入": one for all rows, or a column.',
        'size 对应的规模指标，如 "Employees"/"员工数" 或 "Revenue"/"营业收入"：全部行一个值，或逐行给出的一列。',
      ),
      p(
        'benchIndustries',
        'range',
        false,
        'Industry column of the Benchmarks table, e.g. Benchmarks_Industry ("*": any other industry).',
        '行业基准表的行业列，如 Benchmarks_Industry（"*" 表示其他所有行业）。',
      ),
      p(
        'benchMetrics',
        'range',
        false,
        'Metric column of the Benchmarks table, e.g. Benchmarks_Metric.',
        '行业基准表的规模指标列，如 Benchmarks_Metric。',
      ),
      p(
        'benchRatios',
        'range',
        false,
        'Ratio column of the Benchmarks table (category spend per unit of the metric), e.g. Benchmarks_Ratio.',
        '行业基准表的比例列（每单位规模指标对应的本品类采购额），如 Benchmarks_Ratio。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'size' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when industry or metric is neither one value nor as long as size, the Benchmarks columns differ in size, a ratio is not a number or negative, or an industry/metric pair appears twice; in a row whose size is not a number ≥ 0.',
        zh: '#VALUE!：industry 或 metric 既不是单个值、行数也与 size 不同，基准表各列行数不一致，比例不是数字或为负，或同一行业/指标重复出现；某行 size 不是大于等于 0 的数字时该行为 #VALUE!。',
      },
      {
        en: '#N/A in a row whose industry or metric is blank or has no Benchmarks row (the message names them).',
        zh: '#N/A：某行行业或指标为空，或基准表中没有对应的行（提示中会写明行业和指标）。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          estimateWallets({
            size: a.column('size'),
            industry: a.column('industry'),
            metric: a.column('metric'),
            benchmarks: {
              industries: a.column('benchIndustries'),
              metrics: a.column('benchMetrics'),
              ratios: a.column('benchRatios'),
            },
          }),
        ),
      );
    },
  }),
  declare({
    id: 'LOOKALIKE',
    family: 'estimation',
    description: {
      en: "Look-alike score, 0–100: how closely each prospect matches the profile of today's Tier A accounts. For each of industry, region and size band (the decade of the size: 1–9, 10–99, 100–999, …) the match is (profile accounts sharing the prospect's value) ÷ (profile accounts sharing the most common value), so the profile's most typical value scores 1 and a value no profile account has scores 0; the score is 100 × the mean over the attributes the prospect has. Blank attributes are left out; a prospect with none is blank.",
      zh: '相似度得分（0–100）：潜在客户与现有 A 类客户画像的接近程度。对行业、区域、规模档（规模的数量级：1–9、10–99、100–999……）三项分别计算：与该潜在客户取值相同的画像客户数 ÷ 画像中最常见取值的客户数，即画像中最典型的取值得 1，画像中没有的取值得 0；得分 = 100 × 各项的平均值。潜在客户为空的项不参与计算，三项都为空时返回空白。',
    },
    example: '=CRM3.LOOKALIKE(B5:B104, C5:C104, E5:E104, Acc_Industry, Acc_Region, Acc_WalletEstimate, Acc_Tier)',
    exampleResult: {
      en: 'one score per prospect, e.g. 100 for a prospect in the most common industry, region and size band of the Tier A accounts',
      zh: '每个潜在客户一个得分，如行业、区域、规模档都与 A 类客户最常见的情况相同时为 100',
    },
    params: [
      p('industry', 'range', false, 'Industry of each prospect.', '各潜在客户的行业。'),
      p(
        'region',
        'range',
        false,
        'Region of each prospect (same size as industry).',
        '各潜在客户的区域（行数与 industry 相同）。',
      ),
      p(
        'size',
        'range',
        false,
        'Size of each prospect (same size as industry), in the same measure as refSize (e.g. both wallet estimates, or both employees).',
        '各潜在客户的规模（行数与 industry 相同），口径须与 refSize 一致（如都用采购潜力，或都用员工数）。',
      ),
      p(
        'refIndustry',
        'range',
        false,
        'Industry of each reference account, e.g. Acc_Industry.',
        '参照客户的行业，如 Acc_Industry。',
      ),
      p('refRegion', 'range', false, 'Region of each reference account, e.g. Acc_Region.', '参照客户的区域，如 Acc_Region。'),
      p(
        'refSize',
        'range',
        false,
        'Size of each reference account, e.g. Acc_WalletEstimate.',
        '参照客户的规模，如 Acc_WalletEstimate。',
      ),
      p(
        'refTier',
        'range',
        true,
        'Tier of each reference account, e.g. Acc_Tier. Omitted: every reference account is in the profile.',
        '参照客户的分级，如 Acc_Tier。省略时全部参照客户都构成画像。',
      ),
      p(
        'tier',
        'value',
        true,
        'Which tiers form the profile: "A" (default), or a list such as "A,B".',
        '用哪些分级的客户构成画像："A"（默认），或列表如 "A,B"。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'industry' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when the prospect columns (or the reference columns) differ in size, or a reference size is not a number ≥ 0; in a row whose size is not a number ≥ 0.',
        zh: '#VALUE!：潜在客户各列（或参照客户各列）行数不一致，或参照客户的规模不是大于等于 0 的数字；某行潜在客户的规模不是大于等于 0 的数字时该行为 #VALUE!。',
      },
      {
        en: '#N/A when no reference account is in the profile ("no Tier A accounts to compare with").',
        zh: '#N/A：没有属于画像分级的参照客户（"没有可供比较的 A 类客户"）。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          lookalikeScores({
            industry: a.column('industry'),
            region: a.column('region'),
            size: a.column('size'),
            refIndustry: a.column('refIndustry'),
            refRegion: a.column('refRegion'),
            refSize: a.column('refSize'),
            refTier: a.optColumn('refTier'),
            tier: a.criterion('tier'),
          }),
        ),
      );
    },
  }),
];
