/**
 * Aggregate family: SUM, COUNT, MEAN, SHARE, RATIO — the filtered building blocks of the
 * value indicators. Criteria understand enumeration aliases (进行中 = Open), lists ("A,B"),
 * comparisons (">=4", "<"&AsOfDate), "*" (non-blank) and "=" (blank), unlike SUMIFS.
 */
import { countWhere, keptFilters, meanWhere, ratio, shareWhere, sumWhere } from '../calc/aggregate';
import { includeRows } from '../calc/criteria';
import { meanWorking, shareWorking, sumWorking } from '../calc/aggregateWorking';
import { orFail } from './args';
import { filterPairs, filterParams } from './commonParams';
import { ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const FILTER_PAIRS = 3;

const valuesParam = (what: string, zhWhat: string) =>
  p(
    'values',
    'range',
    false,
    `Numbers to ${what}, e.g. Opp_Amount. Blank cells are skipped.`,
    `要${zhWhat}的数字列，如 Opp_Amount。空白单元格忽略。`,
  );

const filterError = (rows: string) => ({
  en: `#VALUE! when a filter differs in size from ${rows}, or a comparison criterion (">=", "<") compares with something that is not a number or date.`,
  zh: `#VALUE!：筛选列与 ${rows} 行数不一致，或比较条件（">="、"<"）的比较对象不是数字或日期。`,
});

export const aggregateFunctions = [
  declare({
    id: 'SUMWHERE',
    family: 'aggregate',
    description: {
      en: 'Sum of the numbers among the rows that pass up to three filters. Like SUMIFS, but criteria understand zh aliases (进行中 = Open), lists ("A,B"), "*" for non-blank and "=" for blank, and a text cell in a counted row is an error instead of being silently skipped.',
      zh: '对满足最多三组筛选条件的行求和。与 SUMIFS 类似，但条件能识别中英文别名（进行中 = Open）、列表（"A,B"）、"*" 表示非空、"=" 表示空白；计入的行中若有文字，会报错而不是悄悄跳过。',
    },
    example: '=CRM3.SUMWHERE(Opp_Amount, Opp_Status, "Won", Opp_CloseDate, ">="&PeriodStart, Opp_CloseDate, "<="&PeriodEnd)',
    exampleResult: { en: 'amount won this period, e.g. 1250000', zh: '本期赢单金额，如 1250000' },
    params: [valuesParam('add up', '相加'), ...filterParams(FILTER_PAIRS)],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when a counted row holds text that is not a number (the message names the row).',
        zh: '#VALUE!：计入的行中有不是数字的文字（提示会指出行号）。',
      },
      filterError('values'),
    ],
    evaluate(a) {
      const values = a.column('values');
      const pairs = filterPairs(a, FILTER_PAIRS);
      return sumWhere(values, orFail(includeRows(values.length, pairs, 'values')), undefined, keptFilters(pairs));
    },
    explain(a) {
      return sumWorking(a.column('values'), filterPairs(a, FILTER_PAIRS));
    },
  }),

  declare({
    id: 'COUNTWHERE',
    family: 'aggregate',
    description: {
      en: 'Number of rows that pass every filter (one to three pairs of column and criterion). Like COUNTIFS, with alias-aware criteria: "Open" also counts 进行中 rows.',
      zh: '统计满足全部筛选条件的行数（一到三组“列 + 条件”）。与 COUNTIFS 类似，但条件能识别别名：写 "Open" 时 “进行中” 的行也会计入。',
    },
    example: '=CRM3.COUNTWHERE(Opp_CreatedDate, ">="&PeriodStart, Opp_CreatedDate, "<="&PeriodEnd)',
    exampleResult: { en: 'opportunities created this period, e.g. 37', zh: '本期新建的商机数，如 37' },
    params: [
      p(
        'filter1',
        'range',
        false,
        'Column to test, e.g. Opp_Status: rows where it meets criterion1 are counted.',
        '要判断的列，如 Opp_Status：满足 criterion1 的行才计数。',
      ),
      p(
        'criterion1',
        'value',
        false,
        'What filter1 must match: a value ("Open", "进行中"), a list ("A,B"), a comparison (">=4", "<"&AsOfDate), "*" non-blank, "=" blank.',
        'filter1 须满足的条件：一个值（"Open"、"进行中"）、列表（"A,B"）、比较（">=4"、"<"&AsOfDate）、"*" 表示非空、"=" 表示空白。',
      ),
      ...filterParams(FILTER_PAIRS).slice(2),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [filterError('filter1')],
    evaluate(a) {
      const first = a.column('filter1');
      const pairs = filterPairs(a, FILTER_PAIRS);
      pairs[0].column = first; // required: a single blank cell is a one-row column, not "no filter"
      const include = orFail(includeRows(first.length, pairs, 'filter1'));
      return include ? countWhere(include) : first.length;
    },
  }),

  declare({
    id: 'MEAN',
    family: 'aggregate',
    description: {
      en: 'Average of the numbers among the rows that pass up to three filters; blank cells are left out, and no numbers at all gives blank (not 0).',
      zh: '对满足最多三组筛选条件的行求平均值；空白单元格不计入，一个数值都没有时返回空白（而不是 0）。',
    },
    example: '=CRM3.MEAN(Opp_QualScore, Opp_Status, "Open")',
    exampleResult: { en: 'average qualification score of open opportunities, e.g. 58.3', zh: '在手商机的平均资格评分，如 58.3' },
    params: [valuesParam('average', '求平均'), ...filterParams(FILTER_PAIRS)],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when a counted row holds text that is not a number (the message names the row).',
        zh: '#VALUE!：计入的行中有不是数字的文字（提示会指出行号）。',
      },
      filterError('values'),
    ],
    evaluate(a) {
      const values = a.column('values');
      const pairs = filterPairs(a, FILTER_PAIRS);
      return meanWhere(values, orFail(includeRows(values.length, pairs, 'values')), undefined, keptFilters(pairs));
    },
    explain(a) {
      return meanWorking(a.column('values'), filterPairs(a, FILTER_PAIRS));
    },
  }),

  declare({
    id: 'SHARE',
    family: 'aggregate',
    description: {
      en: 'Share of rows meeting a criterion among the rows that pass the filters: (rows passing the filters whose column meets criterion) ÷ (rows passing the filters). Between 0 and 1; blank when no row passes the filters.',
      zh: '占比：在满足筛选条件的行中，column 满足 criterion 的行所占的比例，即（满足筛选且满足 criterion 的行数）÷（满足筛选的行数）。结果在 0 到 1 之间；没有行满足筛选条件时返回空白。',
    },
    example: '=CRM3.SHARE(Opp_Grade, "A", Opp_Status, "Open")',
    exampleResult: { en: 'share of open opportunities graded A, e.g. 0.25', zh: '在手商机中 A 级的比例，如 0.25' },
    params: [
      p(
        'column',
        'range',
        false,
        'Column the criterion is tested on, e.g. Opp_Grade or Opp_CloseDate.',
        '用来判断 criterion 的列，如 Opp_Grade 或 Opp_CloseDate。',
      ),
      p(
        'criterion',
        'value',
        false,
        'What counts in the numerator: a value ("A"), a list ("A,B"), a comparison ("<"&AsOfDate), "*" non-blank, "=" blank.',
        '计入分子的条件：一个值（"A"）、列表（"A,B"）、比较（"<"&AsOfDate）、"*" 表示非空、"=" 表示空白。',
      ),
      ...filterParams(FILTER_PAIRS),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [filterError('column')],
    evaluate(a) {
      const column = a.column('column');
      const pairs = filterPairs(a, FILTER_PAIRS);
      const include = orFail(includeRows(column.length, pairs, 'column'));
      return shareWhere(column, a.criterion('criterion'), include, 'criterion', undefined, keptFilters(pairs));
    },
    explain(a) {
      return shareWorking(a.column('column'), a.criterion('criterion'), filterPairs(a, FILTER_PAIRS), 'criterion');
    },
  }),

  declare({
    id: 'RATIO',
    family: 'aggregate',
    description: {
      en: 'numerator ÷ denominator, blank (not #DIV/0!) when either is blank or the denominator is 0 — the rule for every ratio indicator, so a dashboard shows "no data" rather than an error.',
      zh: '分子 ÷ 分母；任一为空白或分母为 0 时返回空白（而不是 #DIV/0!）。所有比率类指标都按这个规则，看板上显示“无数据”而不是错误。',
    },
    example: '=CRM3.RATIO(CRM3.SUMWHERE(Acc_Revenue12m, Acc_Tier, "A"), CRM3.SUMWHERE(Acc_Revenue12m))',
    exampleResult: { en: 'Tier A share of last-12-month revenue, e.g. 0.46', zh: 'A 类客户占近 12 个月收入的比例，如 0.46' },
    params: [
      p('numerator', 'value', false, 'The number on top, e.g. a won amount.', '分子，如赢单金额。'),
      p('denominator', 'value', false, 'The number below; 0 or blank gives a blank result.', '分母；为 0 或空白时结果为空白。'),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when numerator or denominator is text that is not a number, or a range of more than one cell.',
        zh: '#VALUE!：分子或分母是非数字的文字，或是多于一个单元格的区域。',
      },
    ],
    evaluate(a) {
      return ratio(a.value('numerator'), a.value('denominator'));
    },
  }),
];
