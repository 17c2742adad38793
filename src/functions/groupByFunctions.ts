/**
 * Group-by family: SUMBY, COUNTBY, MAXBY, LOOKUPBY, WINRATEBY. Each returns one spilled
 * column for a whole list of groups in one pass over the rows — the replacement for a
 * per-row COUNTIFS/SUMIFS that DESIGN §7 forbids.
 */
import { spill } from './spill';
import { includeRows } from '../calc/criteria';
import { countBy, lookupBy, maxBy, sumBy, winRateBy } from '../calc/groupBy';
import { Args, orFail } from './args';
import { filterPairs, filterParams, param } from './commonParams';
import { ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const keysParam = p(
  'keys',
  'range',
  false,
  "Each row's group key, e.g. Opp_AccountId. Matched case-, space- and width-insensitively; numbers by value. Rows with a blank key belong to no group.",
  '每一行所属的分组键，如 Opp_AccountId。匹配时不区分大小写、空格和全角/半角，数字按数值匹配。分组键为空的行不计入任何分组。',
);
const groupsParam = p(
  'groups',
  'range',
  false,
  'The groups to report on, one result per entry, e.g. Acc_AccountId. A blank entry gives a blank result.',
  '要出结果的分组列表，每一项返回一个结果，如 Acc_AccountId。空白项返回空白。',
);

/** A kernel's per-group values as the spilled column the shape promises (never 0 rows). */

/** Which rows pass the optional filter pairs (filters must be as long as keys); undefined: every row. */
function includedRows(a: Args, rows: number, pairs: number): Uint8Array | undefined {
  return orFail(includeRows(rows, filterPairs(a, pairs), 'keys'));
}

const filterErrors = {
  en: 'filter1/filter2 differ in size from keys, or a comparison criterion (">=", "<") compares with something that is not a number or date',
  zh: 'filter1/filter2 与 keys 行数不一致，或比较条件（">="、"<"）的比较对象不是数字或日期',
};

export const groupByFunctions = [
  declare({
    id: 'SUMBY',
    family: 'groupby',
    description: {
      en: 'Sum per group in one spilled column: for each entry of groups (e.g. each account), adds up values of the rows whose key equals it and that pass the optional filters. Use it instead of one SUMIFS per row: it reads the table once, however many groups. A group without rows gives 0.',
      zh: '分组求和，一次溢出整列结果：对 groups 中的每一项（如每个客户），把 keys 等于该项、且满足筛选条件的行的 values 相加。用它代替每行一个 SUMIFS：无论有多少分组，数据表只读一遍。没有对应行的分组返回 0。',
    },
    example: '=CRM3.SUMBY(Opp_AccountId, Opp_Amount, Acc_AccountId, Opp_Status, "Open")',
    exampleResult: {
      en: 'open pipeline amount of each account, one row per account',
      zh: '每个客户的在手商机金额，每个客户一行',
    },
    params: [
      keysParam,
      p(
        'values',
        'range',
        false,
        'Numbers to add up, one per row of keys, e.g. Opp_Amount. Blank counts as 0.',
        '要相加的数字，与 keys 逐行对应，如 Opp_Amount。空白按 0 计。',
      ),
      groupsParam,
      ...filterParams(2),
    ],
    result: { shape: { kind: 'column', lengthOf: 'groups' }, type: 'number' },
    errors: [
      {
        en: `#VALUE! when keys and values differ in size, a counted row's value is not a number (the message names the row), or ${filterErrors.en}.`,
        zh: `#VALUE!：keys 与 values 行数不一致，计入的行中 values 不是数字（提示会指出行号），或${filterErrors.zh}。`,
      },
    ],
    evaluate(a) {
      const keys = a.column('keys');
      const include = includedRows(a, keys.length, 2);
      return spill(orFail(sumBy({ keys, values: a.column('values'), groups: a.column('groups'), include })));
    },
  }),

  declare({
    id: 'COUNTBY',
    family: 'groupby',
    description: {
      en: 'Row count per group in one spilled column: for each entry of groups, the number of rows whose key equals it and that pass the optional filters. Replaces one COUNTIFS per row.',
      zh: '分组计数，一次溢出整列结果：对 groups 中的每一项，统计 keys 等于该项且满足筛选条件的行数。用来代替每行一个 COUNTIFS。',
    },
    example: '=CRM3.COUNTBY(Opp_AccountId, Acc_AccountId, Opp_Status, "Open")',
    exampleResult: {
      en: 'number of open opportunities of each account, one row per account',
      zh: '每个客户的在手商机个数，每个客户一行',
    },
    params: [keysParam, groupsParam, ...filterParams(2)],
    result: { shape: { kind: 'column', lengthOf: 'groups' }, type: 'number' },
    errors: [{ en: `#VALUE! when ${filterErrors.en}.`, zh: `#VALUE!：${filterErrors.zh}。` }],
    evaluate(a) {
      const keys = a.column('keys');
      const include = includedRows(a, keys.length, 2);
      return spill(orFail(countBy({ keys, groups: a.column('groups'), include })));
    },
  }),

  declare({
    id: 'MAXBY',
    family: 'groupby',
    description: {
      en: 'Largest value per group in one spilled column. Dates are serial numbers, so over a date column this is the latest date (e.g. last activity per account). A group without numbers gives blank.',
      zh: '分组取最大值，一次溢出整列结果。日期按序列号比较，所以对日期列就是“最近日期”（如每个客户最近一次活动日期）。分组内没有数值时返回空白。',
    },
    example: '=CRM3.MAXBY(Act_AccountId, Act_Date, Acc_AccountId, Act_Date, "<="&AsOfDate)',
    exampleResult: {
      en: 'date of the latest activity of each account up to AsOfDate',
      zh: '每个客户截至基准日的最近一次活动日期',
    },
    params: [
      keysParam,
      p(
        'values',
        'range',
        false,
        'Numbers or dates to compare, one per row of keys, e.g. Act_Date. Blank cells are skipped.',
        '要比较的数字或日期，与 keys 逐行对应，如 Act_Date。空白单元格忽略。',
      ),
      groupsParam,
      ...filterParams(2),
    ],
    result: { shape: { kind: 'column', lengthOf: 'groups' }, type: 'number' },
    errors: [
      {
        en: `#VALUE! when keys and values differ in size, a counted row's value is neither a number nor a date, or ${filterErrors.en}.`,
        zh: `#VALUE!：keys 与 values 行数不一致，计入的行中 values 既不是数字也不是日期，或${filterErrors.zh}。`,
      },
    ],
    evaluate(a) {
      const keys = a.column('keys');
      const include = includedRows(a, keys.length, 2);
      return spill(orFail(maxBy({ keys, values: a.column('values'), groups: a.column('groups'), include })));
    },
  }),

  declare({
    id: 'LOOKUPBY',
    family: 'groupby',
    description: {
      en: 'Looks up a whole column at once: for each lookup key, the value from the first row whose key matches. Keys match case-, space- and width-insensitively; when there is no such match, enumeration aliases are folded too, so a zh stage name finds the default English one ("发现" finds "Discover") and 进行中 finds Open. Missing keys give ifMissing, or #N/A naming the key.',
      zh: '整列查找：对每个查找键，返回 keys 中第一个匹配行的值。匹配不区分大小写、空格和全角/半角；找不到完全一致的键时，还会按枚举别名匹配，所以中文阶段名能找到默认的英文阶段（“发现”对应 “Discover”），“进行中”对应 “Open”。找不到时返回 ifMissing，未给出则返回 #N/A 并注明是哪个键。',
    },
    example: '=CRM3.LOOKUPBY(Opp_AccountId, Acc_AccountId, Acc_Tier)',
    exampleResult: {
      en: "the tier of each opportunity's account, one row per opportunity",
      zh: '每个商机所属客户的分级，每个商机一行',
    },
    params: [
      p(
        'lookupKeys',
        'range',
        false,
        'What to look up, one result per entry, e.g. Opp_AccountId or Opp_Stage. A blank entry gives blank.',
        '要查找的键，每一项返回一个结果，如 Opp_AccountId 或 Opp_Stage。空白项返回空白。',
      ),
      p(
        'keys',
        'range',
        false,
        'Where to find them, e.g. Acc_AccountId or Stages_Stage. The first matching row wins.',
        '在哪一列中查找，如 Acc_AccountId 或 Stages_Stage。有重复时取第一个匹配行。',
      ),
      p(
        'values',
        'range',
        false,
        'What to return from the matching row, same size as keys, e.g. Acc_Tier or Stages_Order.',
        '从匹配行返回的值，与 keys 行数相同，如 Acc_Tier 或 Stages_Order。',
      ),
      p(
        'ifMissing',
        'value',
        true,
        'Shown when a key is not found, e.g. 0 or "-". Omitted: #N/A naming the key. (To show blank, wrap the call in IFNA(…, "").)',
        '找不到时显示的值，如 0 或 "-"。不填则返回 #N/A 并注明找不到的键。（想显示空白，可以用 IFNA(…, "") 包一层。）',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'lookupKeys' }, type: 'any' },
    errors: [
      { en: '#VALUE! when keys and values differ in size.', zh: '#VALUE!：keys 与 values 行数不一致。' },
      {
        en: '#N/A in the cells whose key is not among keys (unless ifMissing is given); the message names the key.',
        zh: '#N/A：对应的键在 keys 中找不到（给了 ifMissing 时除外），提示会指出是哪个键。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          lookupBy({
            lookupKeys: a.column('lookupKeys'),
            keys: a.column('keys'),
            values: a.column('values'),
            ifMissing: a.value('ifMissing'),
          }),
        ),
      );
    },
  }),

  declare({
    id: 'WINRATEBY',
    family: 'groupby',
    description: {
      en: 'Win rate per group in one spilled column, with the same rules as WINRATE: won ÷ closed (Won + Lost, and NoDecision unless told otherwise), by count, or by value when amounts are given, optionally within a period on close dates. A group with nothing closed gives blank.',
      zh: '分组赢率，一次溢出整列结果，规则与 WINRATE 相同：赢单 ÷ 已结单（赢单 + 丢单，默认也含无决策）。不给金额按个数计，给出金额按金额计，可按结单日期限定期间。分组内没有已结单时返回空白。',
    },
    example: '=CRM3.WINRATEBY(Opp_AccountId, Opp_Status, Acc_AccountId, , Opp_CloseDate, PeriodStart, PeriodEnd)',
    exampleResult: {
      en: "this period's win rate of each account, e.g. 0.5; blank where nothing closed",
      zh: '每个客户本期的赢率，如 0.5；没有已结单的客户为空白',
    },
    params: [
      p(
        'keys',
        'range',
        false,
        "Each deal's group key, e.g. Opp_AccountId or Opp_Owner. Matched case-, space- and width-insensitively.",
        '每个商机所属的分组键，如 Opp_AccountId 或 Opp_Owner。匹配不区分大小写、空格和全角/半角。',
      ),
      param.status,
      groupsParam,
      param.amount(true),
      param.closeDate,
      param.periodStart,
      param.periodEnd,
      param.noDecisionIsLoss,
    ],
    result: { shape: { kind: 'column', lengthOf: 'groups' }, type: 'number' },
    errors: [
      {
        en: "#VALUE! when keys, status, amount or closeDate differ in size, a counted deal's status is unknown, its amount is not a number or negative, or a period is given without closeDate.",
        zh: '#VALUE!：keys、status、amount、closeDate 行数不一致，计入的商机状态无法识别、金额不是数字或为负，或给了期间却没有 closeDate。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          winRateBy({
            keys: a.column('keys'),
            status: a.column('status'),
            groups: a.column('groups'),
            amount: a.optColumn('amount'),
            closeDate: a.optColumn('closeDate'),
            periodStart: a.optDate('periodStart'),
            periodEnd: a.optDate('periodEnd'),
            noDecisionIsLoss: a.bool('noDecisionIsLoss', true),
          }),
        ),
      );
    },
  }),
];
