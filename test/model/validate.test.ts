import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { Cell, isBlank, keyOf } from '../../src/core/cells';
import { DEFAULT_CRITERIA } from '../../src/calc/scoring';
import { DEFAULT_QUESTIONS } from '../../src/calc/grading';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { Problem, TableData, WorkbookSnapshot } from '../../src/model/snapshot';
import { hasErrors, validateSnapshot } from '../../src/model/validate';
import { normalizeSnapshot, parseDateText, parseNumberText } from '../../src/model/normalize';
import { generateSample } from '../../src/model/sample';

const table = (sheet: string, headers: string[], rows: Cell[][], origin = { row: 1, col: 1 }): TableData => ({
  sheet,
  origin,
  headers,
  rows,
});

const CRIT = DEFAULT_CRITERIA.map((c) => c.id);
const QS = DEFAULT_QUESTIONS.map((q) => q.id);

/** A small workbook with every table and nothing wrong. */
function clean(): WorkbookSnapshot {
  return {
    tables: {
      Accounts: table(
        'Accounts',
        ['AccountId', 'AccountName', 'Revenue12m', ...CRIT, 'Score', 'Tier'],
        [
          ['A001', 'Acme', 1000, ...CRIT.map(() => 3), 55, 'B'],
          ['A002', 'Beta', ' 2500 ', ...CRIT.map(() => 5), null, '#N/A'],
        ],
      ),
      Opportunities: table(
        'Opportunities',
        ['OppId', 'AccountId', 'Stage', 'Status', 'Amount', 'CreatedDate', 'CloseDate', 'CloseDatePushes', ...QS],
        [
          ['O001', 'A001', 'Qualify', 'Open', 1000, 46023, 46387, 0, ...QS.map(() => 'Yes')],
          ['O002', 'a001', '谈判', '赢单', 0, '2026-01-05', '2026年3月5日', '2', ...QS.map(() => '?')],
          ['O003', 'A002', 'Won', 'Won', 10, 46023, 46030, null, ...QS.map(() => null)],
        ],
      ),
      Contacts: table(
        'Contacts',
        ['ContactId', 'AccountId', 'Name', 'ReportsTo', 'RelationshipLevel'],
        [
          ['C001', 'A001', 'Li', null, 'TrustedAdvisor'],
          ['C002', 'A001', 'Wang', 'C001', 3],
        ],
      ),
      DecisionChain: table(
        'DecisionChain',
        ['OppId', 'ContactId', 'BuyingRole', 'PoliticalStatus', 'Support', 'Coverage', 'Influence'],
        [
          ['O001', 'C001', 'DecisionMaker', 'InnerCircle', 'Coach', 'In Depth', 'H'],
          ['O001', 'C002', '使用者', '外围', '中立', 2, '低'],
        ],
      ),
      Activities: table(
        'Activities',
        ['ActivityId', 'Date', 'AccountId', 'OppId', 'ContactId', 'Type', 'EventId'],
        [
          ['X1', 46020, 'A001', 'O001', 'C001', 'ExecutiveMeeting', 'E_NEED'],
          ['X2', 46021, null, 'O001', null, '电话', null],
        ],
      ),
      Targets: table('Targets', ['Period', 'Owner', 'StartDate', 'EndDate', 'Amount'], [['2026', 'Li', 46023, 46387, 100000]]),
      Actions: table(
        'Actions',
        ['AccountId', 'Action', 'Owner', 'DueDate', 'Done', 'DoneDate', 'OppId'],
        [
          ['A001', 'Visit CEO', 'Li', 46100, 'Yes', '2026-03-18', 'o001'],
          ['A002', 'Send proposal', 'Li', null, '否', null, null],
        ],
      ),
    },
    config: {},
    settings: {},
    problems: [],
  };
}

function problemsAt(ps: Problem[], sheet: string, cell: string) {
  return ps.filter((p) => p.sheet === sheet && p.cell === cell);
}

function only(ps: Problem[], sheet: string, cell: string): Problem {
  const found = problemsAt(ps, sheet, cell);
  if (found.length !== 1) throw new Error(`expected one problem at ${sheet}!${cell}, got ${JSON.stringify(ps, null, 1)}`);
  return found[0];
}

describe('validateSnapshot', () => {
  test('a clean workbook has no problems (aliases, zh values, text dates and numbers are fine)', () => {
    expect(validateSnapshot(clean())).toEqual([]);
  });

  test('is pure: the snapshot is not changed', () => {
    const s = clean();
    s.tables.Opportunities!.rows[0][4] = 'abc';
    const before = JSON.stringify(s);
    validateSnapshot(s);
    expect(JSON.stringify(s)).toBe(before);
  });

  test('every problem is bilingual and says where', () => {
    const s = clean();
    s.tables.Opportunities!.rows[0][3] = 'Pending';
    s.tables.Opportunities!.rows[1][4] = -5;
    delete s.tables.Contacts;
    for (const p of validateSnapshot(s)) {
      expect(p.message.en.length).toBeGreaterThan(20);
      expect(p.message.zh).toMatch(/[\u4e00-\u9fff]/);
      if (p.cell) {
        expect(p.message.en).toContain(`${p.sheet}!${p.cell}`);
        expect(p.message.zh).toContain(`${p.sheet}!${p.cell}`);
      }
    }
  });

  describe('actions: done dates and deals (issue 16)', () => {
    const actions = (rows: Cell[][], headers = ['AccountId', 'Action', 'Owner', 'DueDate', 'Done', 'DoneDate', 'OppId']) => {
      const s = clean();
      s.settings = { AsOfDate: 46100 };
      s.tables.Actions = table('Actions', headers, rows);
      return validateSnapshot(s);
    };

    test('no DoneDate column: one warning saying on time has no data and how to fix it', () => {
      const ps = actions([['A001', 'Visit CEO', 'Li', 46100, 'Yes']], ['AccountId', 'Action', 'Owner', 'DueDate', 'Done']);
      const p = only(ps, 'Actions', 'A1');
      expect(p.severity).toBe('warning');
      expect(p.message.en).toMatch(/no DoneDate column.*on time.*Add a DoneDate column/);
      expect(p.message.zh).toContain('完成日期');
    });

    test('a DoneDate after the as-of date', () => {
      const p = only(actions([['A001', 'Visit CEO', 'Li', 46090, 'Yes', 46105, null]]), 'Actions', 'F2');
      expect(p.message.en).toContain('DoneDate 2026-03-24 is after the as-of date 2026-03-19');
      expect(p.message.zh).toContain('晚于基准日');
    });

    test('a DoneDate with Done = No or blank, and Done = Yes without a DoneDate', () => {
      const ps = actions([
        ['A001', 'Visit CEO', 'Li', 46090, 'No', 46080, null],
        ['A001', 'Call CFO', 'Li', 46090, null, 46080, null],
        ['A001', 'Send deck', 'Li', 46090, '是', null, null],
      ]);
      expect(only(ps, 'Actions', 'E2').message.en).toContain(
        'DoneDate is filled but Done is "No"; the action counts as done on DoneDate. Set Done to Yes',
      );
      expect(only(ps, 'Actions', 'E3').message.en).toContain('Done is blank');
      expect(only(ps, 'Actions', 'F4').message.en).toContain('Done is Yes but DoneDate is blank');
      expect(only(ps, 'Actions', 'F4').message.zh).toContain('请填写完成日期');
    });

    test('an OppId that is nowhere, and one of another account', () => {
      const ps = actions([
        ['A001', 'Visit CEO', 'Li', 46090, 'No', null, 'O999'],
        ['A001', 'Visit CEO', 'Li', 46090, 'No', null, 'O003'],
        [null, 'Visit CEO', 'Li', 46090, 'No', null, 'O003'],
      ]);
      expect(only(ps, 'Actions', 'G2').message.en).toContain('"O999" is not in the Opportunities table');
      const other = only(ps, 'Actions', 'G3');
      expect(other.message.en).toContain('opportunity "O003" belongs to account "A002", not to this action\'s account "A001"');
      expect(other.message.zh).toContain('商机 “O003” 属于客户 “A002”');
      expect(problemsAt(ps, 'Actions', 'G4')).toEqual([]); // no account on the row: the deal's account is its account
    });
  });

  describe('tables and columns', () => {
    test('missing Accounts and Opportunities are errors; the other tables warnings', () => {
      const s = clean();
      s.tables = {};
      const ps = validateSnapshot(s);
      expect(ps.filter((p) => p.severity === 'error').map((p) => p.sheet)).toEqual(['Accounts', 'Opportunities']);
      expect(ps.filter((p) => p.severity === 'warning').map((p) => p.sheet)).toEqual([
        'Contacts',
        'DecisionChain',
        'Activities',
        'Targets',
        'Actions',
      ]);
      const acc = ps.find((p) => p.sheet === 'Accounts')!;
      expect(acc.cell).toBe('');
      expect(acc.message.en).toMatch(/no Accounts table.*sheet named Accounts \(or 客户\).*AccountId, AccountName/);
      expect(acc.message.zh).toMatch(/客户编号、客户名称/);
      expect(hasErrors(ps)).toBe(true);
    });

    test('a missing id column is an error at the header row; another required column a warning (its indicators have no data)', () => {
      const without = (name: string) => {
        const s = clean();
        const o = s.tables.Opportunities!;
        s.tables.Opportunities = table(
          '商机',
          o.headers.filter((h) => h !== name),
          o.rows.map((r) => r.filter((_, j) => o.headers[j] !== name)),
          { row: 3, col: 2 },
        );
        return only(validateSnapshot(s), '商机', 'B3');
      };
      const id = without('AccountId');
      expect(id.severity).toBe('error');
      expect(id.message.en).toMatch(
        /has no AccountId column, which identifies or links its rows.*headed AccountId \(or 客户编号\).*row 3/,
      );
      expect(id.message.zh).toMatch(/^商机!B3：“商机”表缺少必填列“客户编号”（AccountId）/);
      const amount = without('Amount');
      expect(amount.severity).toBe('warning');
      expect(amount.message.en).toMatch(
        /has no Amount column, so the indicators that use it have no data.*headed Amount \(or 金额\).*row 3/,
      );
    });

    test('missing criterion or question columns: one warning each', () => {
      const s = clean();
      const a = s.tables.Accounts!;
      a.headers = a.headers.map((h) => (h === 'C_Growth' ? 'Growth?' : h));
      const o = s.tables.Opportunities!;
      o.headers = o.headers.filter((h) => !QS.includes(h));
      o.rows = o.rows.map((r) => r.slice(0, o.headers.length));
      const ps = validateSnapshot(s);
      expect(only(ps, 'Accounts', 'A1').message.en).toMatch(/some criterion score columns are missing \(C_Growth\)/);
      expect(only(ps, 'Opportunities', 'A1').message.en).toMatch(/all question columns are missing \(Q_Project, Q_Funds/);
    });

    test('criterion columns follow Config Criteria (ids, names as headers, scales)', () => {
      const s = clean();
      s.config.Criteria = table(
        'Config',
        ['CriterionId', 'Name', 'Weight', 'Axis', 'Min', 'Max'],
        [['K_Size', 'Size', 1, 'A', 0, 10]],
      );
      s.tables.Accounts = table(
        'Accounts',
        ['AccountId', 'AccountName', 'K_Size'],
        [
          ['A001', 'Acme', 9],
          ['A002', 'Beta', 11],
        ],
      );
      const ps = validateSnapshot(s);
      expect(problemsAt(ps, 'Accounts', 'C2')).toEqual([]);
      expect(only(ps, 'Accounts', 'C3').message.en).toMatch(/score 11 is outside its 0–10 scale, so it counts as 10/);
    });
  });

  describe('values', () => {
    test('a blank required value is an error at its cell (origin respected); fully blank rows are skipped', () => {
      const s = clean();
      const o = s.tables.Opportunities!;
      o.origin = { row: 4, col: 3 };
      o.rows[1][1] = '  ';
      o.rows.push(o.headers.map(() => null));
      const ps = validateSnapshot(s);
      const p = only(ps, 'Opportunities', 'D6');
      expect(p.severity).toBe('error');
      expect(p.message.en).toMatch(/AccountId is blank but required/);
      expect(ps.filter((x) => x.cell.endsWith('8'))).toEqual([]);
    });

    test('amounts: not a number, negative', () => {
      const s = clean();
      s.tables.Opportunities!.rows[0][4] = '¥1000';
      s.tables.Opportunities!.rows[1][4] = -5;
      s.tables.Accounts!.rows[0][2] = 'lots';
      const ps = validateSnapshot(s);
      expect(only(ps, 'Opportunities', 'E2').message.en).toMatch(/Amount "¥1000" is not a number/);
      expect(only(ps, 'Opportunities', 'E3').message.en).toMatch(/Amount -5 is negative/);
      expect(only(ps, 'Accounts', 'C2').severity).toBe('error');
    });

    test('dates: unreadable text is an error with its cell; dates as text that parse are fine', () => {
      const s = clean();
      const o = s.tables.Opportunities!;
      o.rows[0][5] = 'next week';
      o.rows[1][6] = '05/03/2026';
      o.rows[2][5] = true;
      o.rows[2][6] = '2026/3/5';
      const ps = validateSnapshot(s);
      expect(only(ps, 'Opportunities', 'F2').message.en).toMatch(/CreatedDate "next week" is not a date.*2026-03-05/);
      expect(only(ps, 'Opportunities', 'G3').message.zh).toMatch(/不是日期/);
      expect(only(ps, 'Opportunities', 'F4').severity).toBe('error');
      expect(problemsAt(ps, 'Opportunities', 'G4')).toEqual([]);
    });

    test('unknown enumeration values: errors listing the allowed values; activity types only warn', () => {
      const s = clean();
      s.tables.Opportunities!.rows[0][3] = 'Pending';
      const dc = s.tables.DecisionChain!;
      dc.rows[0] = ['O001', 'C001', 'Boss', 'Nowhere', 'Fan', 'Lots', 'Huge'];
      s.tables.Contacts!.rows[0][4] = 'BFF';
      s.tables.Activities!.rows[0][5] = 'Lunch';
      s.tables.Actions!.rows[0][4] = 'maybe';
      const ps = validateSnapshot(s);
      const status = only(ps, 'Opportunities', 'D2');
      expect(status.severity).toBe('error');
      expect(status.message.en).toMatch(
        /Status "Pending" is not a known value. Use one of: Open\/进行中, Won\/赢单, Lost\/丢单, NoDecision\/无决策/,
      );
      for (const cell of ['C2', 'D2', 'E2', 'F2', 'G2']) expect(only(ps, 'DecisionChain', cell).severity).toBe('error');
      expect(only(ps, 'Contacts', 'E2').severity).toBe('error');
      const act = only(ps, 'Activities', 'F2');
      expect(act.severity).toBe('warning');
      expect(act.message.en).toMatch(/still counts as an activity/);
      expect(only(ps, 'Actions', 'E2').severity).toBe('error');
    });

    test('stages: must be a Config stage (or a default one, zh or a closed status)', () => {
      const s = clean();
      s.tables.Opportunities!.rows[0][2] = 'Foo';
      let ps = validateSnapshot(s);
      expect(only(ps, 'Opportunities', 'C2').message.en).toMatch(
        /Stage "Foo" is not one of the default stages: Discover, Qualify/,
      );
      s.config.Stages = table(
        'Config',
        ['Stage', 'Order', 'Probability'],
        [
          ['Lead', 1, 0.1],
          ['Negotiate', 2, 0.8],
        ],
      );
      s.tables.Opportunities!.rows[0][2] = 'Lead';
      ps = validateSnapshot(s);
      expect(problemsAt(ps, 'Opportunities', 'C2')).toEqual([]);
      expect(problemsAt(ps, 'Opportunities', 'C3')).toEqual([]); // 谈判 is the zh name of Negotiate
      s.tables.Opportunities!.rows[0][2] = 'Qualify';
      expect(only(validateSnapshot(s), 'Opportunities', 'C2').message.en).toMatch(
        /stages in Config \(Stages table\): Lead, Negotiate.*add the stage/,
      );
    });

    test('CloseDatePushes must be a whole number ≥ 0', () => {
      const s = clean();
      const o = s.tables.Opportunities!;
      o.rows[0][7] = -1;
      o.rows[1][7] = 1.5;
      o.rows[2][7] = 'twice';
      const ps = validateSnapshot(s);
      for (const cell of ['H2', 'H3', 'H4'])
        expect(only(ps, 'Opportunities', cell).message.en).toMatch(/CloseDatePushes .* must be a whole number, 0 or more/);
    });

    test('criterion scores: off the 1–5 scale, not a number, or blank are warnings', () => {
      const s = clean();
      const a = s.tables.Accounts!;
      const j = a.headers.indexOf('C_Potential');
      a.rows[0][j] = 9;
      a.rows[1][j] = 'high';
      a.rows[1][j + 1] = null;
      const ps = validateSnapshot(s);
      const [c1, c2] = ['D2', 'D3'];
      expect(only(ps, 'Accounts', c1)).toMatchObject({ severity: 'warning' });
      expect(only(ps, 'Accounts', c1).message.en).toMatch(/C_Potential score 9 is outside its 1–5 scale, so it counts as 5/);
      expect(only(ps, 'Accounts', c2).message.en).toMatch(/not a number, so this criterion is left out/);
      expect(only(ps, 'Accounts', 'E3').message.en).toMatch(/has no score/);
    });
  });

  describe('keys', () => {
    test('duplicate AccountId, OppId, ContactId are errors (case- and width-insensitive); ActivityId a warning', () => {
      const s = clean();
      s.tables.Accounts!.rows[1][0] = 'ａ００１';
      s.tables.Opportunities!.rows[2][0] = 'O001';
      s.tables.Contacts!.rows[1][0] = 'C001';
      s.tables.Activities!.rows[1][0] = 'X1';
      const ps = validateSnapshot(s);
      const acc = only(ps, 'Accounts', 'A3');
      expect(acc.severity).toBe('error');
      expect(acc.message.en).toMatch(/AccountId "ａ００１" appears again \(first at A2\)/);
      expect(only(ps, 'Opportunities', 'A4').severity).toBe('error');
      expect(only(ps, 'Contacts', 'A3').severity).toBe('error');
      expect(only(ps, 'Activities', 'A3').severity).toBe('warning');
    });

    test('orphan keys are warnings naming the missing target', () => {
      const s = clean();
      s.tables.Opportunities!.rows[0][1] = 'A999';
      s.tables.Contacts!.rows[0][1] = 'A998';
      s.tables.Contacts!.rows[1][3] = 'C404';
      s.tables.DecisionChain!.rows[0][0] = 'O404';
      s.tables.DecisionChain!.rows[1][1] = 'C405';
      s.tables.Activities!.rows[0] = ['X1', 46020, 'A404', 'O405', 'C406', 'Visit', null];
      s.tables.Actions!.rows[0][0] = 'A407';
      const ps = validateSnapshot(s);
      const o = only(ps, 'Opportunities', 'B2');
      expect(o.severity).toBe('warning');
      expect(o.message.en).toMatch(/AccountId "A999" is not in the Accounts table/);
      expect(o.message.zh).toMatch(/在“客户”表中不存在/);
      for (const [sheet, cell] of [
        ['Contacts', 'B2'],
        ['Contacts', 'D3'],
        ['DecisionChain', 'A2'],
        ['DecisionChain', 'B3'],
        ['Activities', 'C2'],
        ['Activities', 'D2'],
        ['Activities', 'E2'],
        ['Actions', 'A2'],
      ]) {
        expect(only(ps, sheet, cell).severity).toBe('warning');
      }
      expect(hasErrors(ps)).toBe(false);
    });

    test('no orphan reports when the target table is missing (that is reported once instead)', () => {
      const s = clean();
      delete s.tables.Contacts;
      const ps = validateSnapshot(s);
      expect(ps.map((p) => p.sheet)).toEqual(['Contacts']);
    });

    test('an activity with neither account nor opportunity; targets ending before they start', () => {
      const s = clean();
      s.tables.Activities!.rows[1] = ['X2', 46021, null, null, 'C001', 'Call', null];
      s.tables.Targets!.rows[0] = ['2026', 'Li', 46387, 46023, 100000];
      const ps = validateSnapshot(s);
      expect(only(ps, 'Activities', 'A3').message.en).toMatch(/neither an AccountId nor an OppId/);
      expect(only(ps, 'Targets', 'D2').message.en).toMatch(/EndDate is before StartDate \(C2\)/);
    });
  });

  describe('Config', () => {
    test('config tables: required columns, numbers, probability, Min/Max, sections, duplicates, event stages', () => {
      const s = clean();
      s.config.Stages = table(
        'Config',
        ['Stage', 'Order', 'Probability'],
        [
          ['Qualify', 1, 20],
          ['Negotiate', 'two', 0.8],
          ['Qualify', 3, 0.9],
        ],
        { row: 2, col: 1 },
      );
      s.config.StageEvents = table('Config', ['Stage', 'EventId'], [['Solution', 'E_REQS']], { row: 8, col: 1 });
      s.config.Criteria = table('Config', ['CriterionId', 'Weight', 'Axis', 'Min', 'Max'], [['C_Potential', 1, 'A', 5, 1]], {
        row: 12,
        col: 1,
      });
      s.config.Questions = table('Config', ['QuestionId', 'Weight'], [['Q_Project', 1]], { row: 16, col: 1 });
      s.tables.Opportunities!.rows[1][2] = 'Negotiate';
      const ps = validateSnapshot(s);
      expect(only(ps, 'Config', 'C3').message.en).toMatch(/Probability 20 is not between 0 and 1 \(for 20% write 0.2 or 20%\)/);
      expect(only(ps, 'Config', 'B4').message.en).toMatch(/Order "two" is not a number/);
      expect(only(ps, 'Config', 'A5').message.en).toMatch(/Stage "Qualify" appears again \(first at A3\)/);
      expect(only(ps, 'Config', 'A9').message.en).toMatch(/Stage "Solution" of this event is not in the Stages table/);
      expect(only(ps, 'Config', 'D13').message.en).toMatch(/criterion C_Potential has Min 5 not below Max 1/);
      expect(only(ps, 'Config', 'A16').message.en).toMatch(/has no Section column/);
    });

    test('settings that cannot be used are errors at their cell', () => {
      const s = clean();
      s.settings = {
        AsOfDate: 'tomorrow',
        TierMethod: 'Magic',
        NoDecisionIsLoss: 'maybe',
        StaleDays: 'thirty',
        PeriodStart: 46387,
        PeriodEnd: 46023,
        UnknownAnswerScore: 2,
        Currency: 'EUR',
      };
      s.settingCells = { AsOfDate: { sheet: '配置', cell: 'B2' }, PeriodEnd: { sheet: '配置', cell: 'B5' } };
      const ps = validateSnapshot(s);
      expect(only(ps, '配置', 'B2').message.en).toMatch(/配置!B2: setting AsOfDate is "tomorrow", which is not a date/);
      expect(only(ps, '配置', 'B5').message.en).toMatch(/PeriodEnd is before PeriodStart/);
      const texts = ps.map((p) => p.message.en).join('\n');
      expect(texts).toMatch(/TierMethod is "Magic".*Matrix\/矩阵法, Score\/计分法/);
      expect(texts).toMatch(/NoDecisionIsLoss is "maybe", which is not TRUE or FALSE/);
      expect(texts).toMatch(/StaleDays is "thirty", which is not a number/);
      expect(texts).toMatch(/UnknownAnswerScore 2 should be between 0 and 1/);
      expect(ps.length).toBe(6);
    });

    test('good settings (TRUE/是, =TODAY() left blank, zh tier method) are fine', () => {
      const s = clean();
      s.settings = {
        AsOfDate: 46352,
        PeriodStart: '2026-01-01',
        PeriodEnd: 46387,
        TierMethod: '计分法',
        NoDecisionIsLoss: '是',
        StaleDays: 30,
        TemplateId: 'crm3-plan',
      };
      expect(validateSnapshot(s)).toEqual([]);
    });
  });

  test('a column full of bad cells gives 20 problems and one summary', () => {
    const s = clean();
    const o = s.tables.Opportunities!;
    const base = o.rows[0];
    o.rows = Array.from({ length: 500 }, (_, i) => base.map((c, j) => (j === 0 ? `O${i}` : j === 4 ? 'n/a' : c)));
    const ps = validateSnapshot(s).filter((p) => p.sheet === 'Opportunities');
    expect(ps.length).toBe(21);
    expect(ps[20]).toMatchObject({ severity: 'error', cell: '' });
    expect(ps[20].message.en).toMatch(/and 480 more cells in column Amount/);
  });

  test('20,000 opportunities validate in one linear pass', () => {
    const s = clean();
    const base = s.tables.Opportunities!.rows[0];
    s.tables.Opportunities!.rows = Array.from({ length: 20_000 }, (_, i) =>
      base.map((c, j) => (j === 0 ? (i === 0 ? 'O001' : `O${i}x`) : c)),
    );
    const t = Date.now();
    expect(validateSnapshot(s)).toEqual([]);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});

describe('normalize', () => {
  test('parseDateText: ISO, slashes, dots, zh, times; not ambiguous or impossible dates', () => {
    expect(parseDateText('2026-03-05')).toBe(46086);
    expect(parseDateText('2026/3/5')).toBe(46086);
    expect(parseDateText('2026.03.05')).toBe(46086);
    expect(parseDateText('2026年3月5日')).toBe(46086);
    expect(parseDateText('２０２６－０３－０５')).toBe(46086);
    expect(parseDateText('2026-03-05T06:00:00Z')).toBe(46086.25);
    expect(parseDateText('2026-03-05 18:00')).toBe(46086.75);
    expect(parseDateText('46086')).toBe(46086);
    expect(parseDateText('05/03/2026')).toBeUndefined();
    expect(parseDateText('2026-02-30')).toBeUndefined();
    expect(parseDateText('2026-03-05 25:00')).toBeUndefined();
    expect(parseDateText('soon')).toBeUndefined();
  });

  test('parseNumberText: plain and thousands-separated', () => {
    expect(parseNumberText(' 1200 ')).toBe(1200);
    expect(parseNumberText('1,234,567.5')).toBe(1234567.5);
    expect(parseNumberText('１２００')).toBe(1200);
    expect(parseNumberText('12,34')).toBeUndefined();
    expect(parseNumberText('¥1000')).toBeUndefined();
  });

  test('normalizeSnapshot converts typed columns and settings only', () => {
    const s = normalizeSnapshot({
      tables: {
        Opportunities: table(
          'Opportunities',
          ['OppId', 'Amount', 'CloseDate', 'OppName'],
          [['1,000', '1,000', '2026/3/5', '2026/3/5']],
        ),
      },
      config: {},
      settings: { AsOfDate: '2026-11-26', StaleDays: '30', Currency: '1,000' },
      problems: [],
    });
    expect(s.tables.Opportunities!.rows[0]).toEqual(['1,000', 1000, 46086, '2026/3/5']);
    expect(s.settings).toEqual({ AsOfDate: 46352, StaleDays: 30, Currency: '1,000' });
  });
});

describe('read + validate: problems point at the cells of the file', () => {
  test('a zh workbook with bad data', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('客户').addRows([
      ['客户编号', '客户名称'],
      ['A001', '华东电力'],
      ['A001', '重复客户'],
    ]);
    const opp = wb.addWorksheet('商机');
    opp.getCell('A1').value = '商机清单';
    opp.addRow([]);
    opp.addRow(['商机编号', '客户编号', '阶段', '状态', '金额', '创建日期', '结单日期']);
    opp.addRow(['O1', 'A001', '立项', '进行中', 1000, '2026/3/5', '下周']);
    opp.addRow(['O2', 'A404', '神秘阶段', '搁置中', -1, new Date(Date.UTC(2026, 0, 1)), '2026年13月1日']);
    const r = await readWorkbookBuffer(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'zh.xlsx');
    if (!r.ok) throw new Error(r.reason.message.en);
    expect(r.snapshot.tables.Opportunities!.rows[0][5]).toBe(46086);
    const ps = validateSnapshot(r.snapshot);
    expect(only(ps, '客户', 'A3').message.zh).toMatch(/客户!A3：客户编号（AccountId） “A001” 重复出现（首次在 A2）/);
    expect(only(ps, '商机', 'G4').message.zh).toMatch(/结单日期（CloseDate） 的值 “下周” 不是日期/);
    expect(only(ps, '商机', 'B5').severity).toBe('warning');
    expect(only(ps, '商机', 'C5').message.en).toMatch(/Stage "神秘阶段"/);
    expect(only(ps, '商机', 'D5').message.zh).toMatch(/状态（Status） 的值 “搁置中” 无法识别/);
    expect(only(ps, '商机', 'E5').message.en).toMatch(/negative/);
    expect(only(ps, '商机', 'G5').severity).toBe('error');
  });
});

describe('references found as written or by their key', () => {
  // A reference written exactly as a key is found without making its key (issue #15); any
  // other spelling is looked up by its key (case, full-width, spaces). Either way: a reference
  // is reported exactly when its key is not among the target's keys.
  const written = fc.constantFrom<Cell>(
    'O001',
    'o001',
    'Ｏ００１',
    ' O001 ',
    'O002',
    'o 002',
    'O404',
    7,
    '7',
    7.5,
    '',
    null,
    true,
  );
  test('a decision-chain OppId is reported exactly when its key is no opportunity key', () => {
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 12 }), (refs) => {
        const s = clean();
        s.tables.Opportunities!.rows[2][0] = 7;
        const base = s.tables.DecisionChain!.rows[0];
        s.tables.DecisionChain!.rows = refs.map((r) => [r, ...base.slice(1)]);
        const keys = new Set(s.tables.Opportunities!.rows.map((r) => keyOf(r[0])));
        const expected = refs.flatMap((r, i) => (!isBlank(r) && !keys.has(keyOf(r)) ? [`A${i + 2}`] : []));
        const orphans = validateSnapshot(s)
          .filter((p) => p.sheet === 'DecisionChain' && /is not in the Opportunities table/.test(p.message.en))
          .map((p) => p.cell);
        expect(orphans).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the rows with something to report are found column by column', () => {
  // validate looks row by row only at the rows some column marks (issue #15); looking at every
  // row (what it did before) must give the same problems in the same order, whatever the cells.
  const pool: Cell[] = [
    null,
    '',
    ' ',
    'abc',
    -5,
    0,
    2,
    3.5,
    7,
    46000,
    'Yes',
    'No',
    '?',
    'Won',
    'Open',
    'Qualify',
    'Meeting',
    true,
    '2026-01-01',
    '1,200',
    99999999,
  ];
  test('the same problems as looking at every row', () => {
    const base = generateSample({ size: 12, seed: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ table: fc.nat(), row: fc.nat(), col: fc.nat(), value: fc.constantFrom(...pool) }), {
          maxLength: 40,
        }),
        (edits) => {
          const s = structuredClone(base);
          const tables = Object.values(s.tables).filter((t) => t && t.rows.length) as TableData[];
          for (const e of edits) {
            const t = tables[e.table % tables.length];
            const row = t.rows[e.row % t.rows.length];
            row[e.col % row.length] = e.value;
          }
          expect(validateSnapshot(s)).toEqual(validateSnapshot(s, { everyRow: true }));
        },
      ),
      { numRuns: 150 },
    );
  });
});
