/** Texts of the decision-chain map: each a Message, en-US and zh-CN side by side. */
import { Message, MessageTable, bi } from '../../../core/i18n';
import type { GapKind } from '../../../engine/decisionChain';

export const decisionChainStrings = {
  heading: bi('Decision chain', '决策链'),
  intro: bi(
    'The customer’s people on a deal, by who reports to whom: their role, their support and how well we cover them.',
    '按汇报关系查看客户在该商机上的相关人员：采购角色、支持度以及我方的接触程度。',
  ),
  pick: bi('Pick an opportunity to see its decision chain.', '请选择商机以查看其决策链。'),
  orgChart: (opp: string) => bi(`Decision chain of ${opp}`, `${opp} 的决策链`),
  account: (id: string, name: string) =>
    bi(
      name && name !== id ? `Account: ${name} (${id})` : `Account: ${id}`,
      name && name !== id ? `客户：${name}（${id}）` : `客户：${id}`,
    ),
  members: (n: number) => bi(n === 1 ? '1 contact on the chain' : `${n} contacts on the chain`, `决策链上共 ${n} 人`),
  roleCoverage: bi('Buying roles covered', '采购角色覆盖'),
  supportIndex: bi('Support index (−2 to +2)', '支持度指数（−2 至 +2）'),
  notOnChain: bi('not on this deal’s chain', '不在该商机的决策链上'),
  keyPlayer: bi('Key player', '关键人'),
  role: bi('Role', '角色'),
  support: bi('Support', '支持度'),
  coverage: bi('Coverage', '接触程度'),
  noSupport: bi('support unknown', '支持度未知'),
  noRole: bi('no role', '未定角色'),
  noCoverage: bi('coverage unknown', '接触程度未知'),
  gaps: bi('Gaps in the map', '决策链缺口'),
  noGaps: bi(
    'No gaps: decision maker, mentor and opponents are mapped, and the key players back us.',
    '没有缺口：决策者、内线教练和反对者均已识别，关键人都支持我方。',
  ),
  gap: {
    noDecisionMaker: bi('No decision maker or approver on the chain.', '决策链上没有决策者或批准者。'),
    noMentor: bi('No mentor: nobody inside coaches us.', '没有内线教练：客户内部无人指点我方。'),
    opponentsUnmapped: bi(
      'Opponents unmapped: no non-supporter or enemy is recorded, so the risk is unknown.',
      '未识别反对者：没有记录不支持者或反对者，风险不明。',
    ),
    keyPlayerNotBacking: bi('Key players not backing us:', '尚未支持我方的关键人：'),
    keyPlayerUncovered: bi('Key players we have not met:', '我方尚未接触的关键人：'),
    notInContacts: bi('Chain rows whose contact is not in Contacts:', '联系人表中找不到的决策链联系人：'),
  } satisfies Record<GapKind, Message>,
  computing: bi('Reading the decision chain…', '正在读取决策链…'),
  noContacts: bi('The account has no contacts.', '该客户没有联系人。'),
  field: (name: string, value: string) => bi(`${name}: ${value}`, `${name}：${value}`),
} satisfies MessageTable;
