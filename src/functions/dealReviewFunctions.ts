/**
 * The deal review (issue 16): DEALFLAGS says which red flags and strengths hold for one open
 * deal, by the rules of calc/dealReview.ts (the one home of them: the pane, `crm3 review` and
 * the deal-review template all read the same findings).
 */
import { isBlank, keyOf } from '../core/cells';
import { Status, canonical } from '../core/enumerations';
import { lastActivity } from '../calc/activity';
import { checkSameLength } from '../calc/columns';
import { RED_FLAGS, RED_FLAG_NAMES, STRENGTHS, STRENGTH_NAMES, dealFindings, rulesHolding } from '../calc/dealReview';
import { Args, orFail } from './args';
import { spill } from './spill';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  description: { en, zh },
});

const ruleList = [
  ...RED_FLAGS.map((f) => `${f} (${RED_FLAG_NAMES[f].en})`),
  ...STRENGTHS.map((s) => `${s} (${STRENGTH_NAMES[s].en})`),
];
const ruleListZh = [
  ...RED_FLAGS.map((f) => `${f}（${RED_FLAG_NAMES[f].zh}）`),
  ...STRENGTHS.map((s) => `${s}（${STRENGTH_NAMES[s].zh}）`),
];

/** The chosen deal's findings, reading every column once (one deal row, the whole chain). */
function findingsOfDeal(a: Args) {
  const ids = a.column('oppIds');
  const columns: [string, ReturnType<Args['column']>][] = [
    ['oppIds', ids],
    ['status', a.column('status')],
    ['closeDatePushes', a.column('closeDatePushes')],
    ['stageCheck', a.column('stageCheck')],
    ['competitor', a.column('competitor')],
    ['valueProposition', a.column('valueProposition')],
    ['compellingEvent', a.column('compellingEvent')],
  ];
  const bad =
    checkSameLength(columns) ??
    checkSameLength([
      ['dcOppIds', a.column('dcOppIds')],
      ['dcRoles', a.column('dcRoles')],
      ['dcSupport', a.column('dcSupport')],
      ['dcCoverage', a.column('dcCoverage')],
    ]);
  if (bad) orFail(bad);
  const wanted = a.value('oppId');
  if (isBlank(wanted)) return undefined;
  const k = keyOf(wanted);
  const i = ids.findIndex((id) => !isBlank(id) && keyOf(id) === k);
  if (i < 0) return undefined;
  const at = (name: string) => [a.column(name)[i] ?? null];
  const asOf = a.date('asOfDate');
  const last = orFail(lastActivity([ids[i]], { actKeys: a.column('actOppIds'), actDates: a.column('actDates'), asOfDate: asOf }));
  const [found] = dealFindings({
    oppIds: [ids[i]],
    status: at('status'),
    pushes: at('closeDatePushes'),
    stageCheck: at('stageCheck'),
    competitor: at('competitor'),
    valueProposition: at('valueProposition'),
    compellingEvent: at('compellingEvent'),
    lastActivity: last,
    asOf,
    staleDays: a.number('staleDays'),
    dcOppIds: a.column('dcOppIds'),
    dcRoles: a.column('dcRoles'),
    dcSupport: a.column('dcSupport'),
    dcCoverage: a.column('dcCoverage'),
  });
  return { found, open: canonical(Status, at('status')[0]) === 'Open' };
}

export const dealReviewFunctions: FunctionDeclaration[] = [
  declare({
    id: 'DEALFLAGS',
    family: 'review',
    description: {
      en: `Red flags and strengths of one open deal, for the deal review: for each rule listed in rules, TRUE when it holds for the deal, else FALSE; blank for every rule when the deal is closed or not found. The rules are those of the pane's review list and crm3 review: ${ruleList.join(', ')}. A rule may be given by its code or its name in either language. "No recent activity" means none in the StaleDays before asOfDate; "approver met" means an Approver on the chain with Coverage Brief or deeper.`,
      zh: `商机评审用：一个进行中商机的风险信号与优势。对 rules 中列出的每条规则，该商机符合时返回 TRUE，否则 FALSE；商机已结束或找不到时全部返回空白。规则与任务窗格的评审列表和 crm3 review 相同：${ruleListZh.join('、')}。规则可写编号或中英文名称。“近期无活动”指基准日前 StaleDays 天内没有活动；“已接触批准者”指决策链上有覆盖度为“简单接触”或更深的批准者。`,
    },
    example:
      '=CRM3.DEALFLAGS(B31:B36, "O-1001", Opp_OppId, Opp_Status, Opp_CloseDatePushes, Opp_StageCheck, Opp_Competitor, Opp_ValueProposition, Opp_CompellingEvent, Act_OppId, Act_Date, AsOfDate, StaleDays, Dc_OppId, Dc_BuyingRole, Dc_Support, Dc_Coverage)',
    exampleResult: {
      en: 'one TRUE/FALSE per rule in B31:B36, e.g. TRUE beside "no mentor" for a deal without a mentor on its chain',
      zh: 'B31:B36 中每条规则一个 TRUE/FALSE，如决策链上没有内线教练的商机在“没有内线教练”旁为 TRUE',
    },
    params: [
      p(
        'rules',
        'range',
        'The rules to check, one per cell: codes (noMentor) or names (no mentor, 没有内线教练).',
        '要检查的规则，每格一条：编号（noMentor）或名称（no mentor、没有内线教练）。',
      ),
      p('oppId', 'value', 'The deal to review, e.g. the chosen opportunity id.', '要评审的商机编号，如所选的商机。'),
      p('oppIds', 'range', 'Opportunity ids, e.g. Opp_OppId.', '商机编号列，如 Opp_OppId。'),
      p('status', 'range', 'Opportunity status, e.g. Opp_Status.', '商机状态列，如 Opp_Status。'),
      p(
        'closeDatePushes',
        'range',
        'Close-date slips per deal, e.g. Opp_CloseDatePushes (2 or more is a red flag).',
        '每个商机的结单日期推迟次数，如 Opp_CloseDatePushes（两次及以上为风险信号）。',
      ),
      p(
        'stageCheck',
        'range',
        'Stage evidence check per deal ("OK" or "Missing: …"), e.g. Opp_StageCheck.',
        '每个商机的阶段核查结果（"OK" 或 "Missing: …"），如 Opp_StageCheck。',
      ),
      p('competitor', 'range', 'Main competitor per deal, e.g. Opp_Competitor.', '每个商机的主要竞争对手，如 Opp_Competitor。'),
      p(
        'valueProposition',
        'range',
        'Value proposition per deal, e.g. Opp_ValueProposition.',
        '每个商机的价值主张，如 Opp_ValueProposition。',
      ),
      p(
        'compellingEvent',
        'range',
        'Compelling event per deal, e.g. Opp_CompellingEvent.',
        '每个商机的紧迫事件，如 Opp_CompellingEvent。',
      ),
      p('actOppIds', 'range', 'Opportunity of each activity, e.g. Act_OppId.', '每条活动所属的商机，如 Act_OppId。'),
      p('actDates', 'range', 'Date of each activity, e.g. Act_Date.', '每条活动的日期，如 Act_Date。'),
      p('asOfDate', 'value', 'The review date, e.g. AsOfDate.', '评审基准日，如 AsOfDate。'),
      p(
        'staleDays',
        'value',
        'Days without activity that make a deal stale, e.g. StaleDays.',
        '多少天无活动算作近期无活动，如 StaleDays。',
      ),
      p('dcOppIds', 'range', 'Opportunity of each decision-chain row, e.g. Dc_OppId.', '决策链每行所属的商机，如 Dc_OppId。'),
      p('dcRoles', 'range', 'Buying role of each chain row, e.g. Dc_BuyingRole.', '决策链每行的采购角色，如 Dc_BuyingRole。'),
      p('dcSupport', 'range', 'Support of each chain row, e.g. Dc_Support.', '决策链每行的支持度，如 Dc_Support。'),
      p('dcCoverage', 'range', 'Coverage of each chain row, e.g. Dc_Coverage.', '决策链每行的覆盖度，如 Dc_Coverage。'),
    ],
    result: { shape: { kind: 'column', lengthOf: 'rules' }, type: 'boolean' },
    errors: [
      {
        en: '#VALUE! when a rule is unknown (the message lists them), the opportunity columns or the decision-chain columns differ in size, an activity date is not a date, asOfDate is not a date or staleDays not a number.',
        zh: '#VALUE!：规则无法识别（提示中列出可用规则）；商机各列或决策链各列行数不一致；活动日期不是日期；asOfDate 不是日期或 staleDays 不是数字。',
      },
    ],
    evaluate(a) {
      const rules = a.column('rules');
      const deal = findingsOfDeal(a);
      return spill(orFail(rulesHolding(rules, deal?.found, deal?.open ?? false)));
    },
  }),
];
