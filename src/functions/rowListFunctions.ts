/**
 * Row lists: LISTBY spills the rows of a table whose key matches one key (an account's open
 * deals, the people on one deal's decision chain), with the chosen columns, sorted and cut to
 * a block of known height, so a template can print a list where it used to print a count.
 */
import { rowMask } from '../calc/criteria';
import { listBlock, listRows } from '../calc/rowList';
import { msg } from '../calc/messages';
import { CalcError, Scalar } from '../core/cells';
import { Args, orFail } from './args';
import { filterPairs, filterParams } from './commonParams';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

/** How many columns one list can show (an open-deal list needs seven). */
export const LIST_COLUMNS = 8;
const columnNames = Array.from({ length: LIST_COLUMNS }, (_, i) => `column${i + 1}`);

const columnParams: ParamDeclaration[] = columnNames.map((name, i) => ({
  ...p(
    name,
    'range',
    i > 0,
    i === 0 ? 'First column to show, as long as keys, e.g. DC_Name.' : `Column ${i + 1} to show, as long as keys.`,
    i === 0 ? '要显示的第一列，与 keys 行数相同，如 DC_Name。' : `要显示的第 ${i + 1} 列，与 keys 行数相同（可选）。`,
  ),
  // An error cell in a listed column shows in its own row; it does not blank the list.
  errors: 'keep' as const,
}));

function shownColumns(a: Args, rows: number): Scalar[][] {
  const out: Scalar[][] = [];
  for (const name of columnNames) {
    if (!a.has(name)) continue;
    const c = a.column(name);
    if (c.length !== rows) orFail(new CalcError('VALUE', msg.sizeMismatch('keys', name, rows, c.length)));
    out.push(c as Scalar[]);
  }
  return out;
}

export const rowListFunctions: FunctionDeclaration[] = [
  declare({
    id: 'LISTBY',
    family: 'groupby',
    description: {
      en: 'Lists the rows of a table whose key equals one key, with the chosen columns, as a spilled block maxRows tall: e.g. the people on one deal or the open deals of one account. Keys match like SUMBY (case-, space- and width-insensitive, numbers by value). Optional sort and filters. Rows beyond the matches are blank; when more rows match than fit, the last row reads "… +N" (N rows not shown). A blank key gives a blank block.',
      zh: '列出数据表中键等于指定值的各行（所选列），溢出为 maxRows 行高的区域：如某个商机的决策链人员、某个客户的在手商机。键的匹配方式与 SUMBY 相同（不区分大小写、空格和全角/半角，数字按数值）。可排序、可筛选。匹配行不足时其余行留空；匹配行多于可显示的行数时，最后一行显示“… +N”（N 行未显示）。键为空时整个区域留空。',
    },
    example:
      '=CRM3.LISTBY(Opp_AccountId, "A001", 10, Opp_Name, Opp_Stage, Opp_Amount, Opp_CloseDate, , , , , Opp_CloseDate, FALSE, Opp_Status, "Open")',
    exampleResult: {
      en: 'the open deals of account A001, soonest close date first: name, stage, amount, close date, in a block 10 rows tall',
      zh: '客户 A001 的在手商机（结单日期最近的在前）：名称、阶段、金额、结单日期，区域高 10 行',
    },
    params: [
      {
        ...p(
          'keys',
          'range',
          false,
          "Each row's key, e.g. DC_OppId or Opp_AccountId.",
          '每一行的键，如 DC_OppId 或 Opp_AccountId。',
        ),
        errors: 'noMatch',
      },
      p(
        'key',
        'value',
        false,
        'The key to list, e.g. the chosen opportunity id. Blank: an empty block.',
        '要列出的键，如所选的商机编号。留空则区域为空。',
      ),
      p(
        'maxRows',
        'value',
        false,
        'Height of the block, 1 to 10000: type a number (e.g. 12) so every host knows the size before calculating.',
        '区域的行数，1 到 10000：请直接输入数字（如 12），以便各宿主在计算前就知道区域大小。',
      ),
      ...columnParams,
      {
        ...p(
          'sortBy',
          'range',
          true,
          'Sort the listed rows by this column (as long as keys): numbers and dates first, then text, blanks last. Blank: table order.',
          '按此列排序（与 keys 行数相同）：先数字和日期，再文字，空白总在最后。留空：按表中顺序。',
        ),
        errors: 'blank',
      },
      p(
        'descending',
        'value',
        true,
        'TRUE: largest or latest first. FALSE (default): smallest or earliest first.',
        'TRUE：从大到小（最近的在前）；FALSE（默认）：从小到大。',
      ),
      ...filterParams(2),
    ],
    result: { shape: { kind: 'list', maxRows: 'maxRows', columns: columnNames, rowsOf: 'keys' }, type: 'any' },
    errors: [
      {
        en: '#VALUE! when maxRows is not a whole number from 1 to 10000, column1 is blank (nothing to list), a column, sortBy or filter differs in size from keys (the message names it), or a comparison criterion compares with something that is not a number or date. An error cell in a listed column shows in its row.',
        zh: '#VALUE!：maxRows 不是 1 到 10000 之间的整数；column1 为空（没有可列出的列）；某列、sortBy 或筛选列与 keys 行数不一致（提示中指明）；或比较条件的比较对象不是数字或日期。所列列中的错误单元格只显示在它所在的行。',
      },
    ],
    evaluate(a) {
      const keys = a.column('keys');
      const maxRows = a.number('maxRows');
      const columns = shownColumns(a, keys.length);
      // column1 given as a blank cell: there is nothing to list (and no block width to spill).
      if (!columns.length) return new CalcError('VALUE', msg.missingArgument('column1'));
      const include = orFail(rowMask(keys.length, filterPairs(a, 2), 'keys'));
      const list = orFail(
        listRows({
          keys,
          key: a.value('key'),
          include,
          sortBy: a.optColumn('sortBy'),
          descending: a.bool('descending', false),
          maxRows,
        }),
      );
      return listBlock(
        list.rows.map((r) => columns.map((c) => c[r] ?? null)),
        list.more,
        columns.length,
        maxRows,
      );
    },
  }),
];
