/** UI strings of the decision-chain map, en-US and zh-CN side by side. */
import { Locale } from '../../../core/i18n';
import type { GapKind } from './chainModel';

const en = {
  heading: 'Decision chain',
  intro: 'The customer’s people on a deal, by who reports to whom: their role, their support and how well we cover them.',
  pick: 'Pick an opportunity to see its decision chain.',
  orgChart: (opp: string) => `Decision chain of ${opp}`,
  account: (id: string, name: string) => (name && name !== id ? `Account: ${name} (${id})` : `Account: ${id}`),
  members: (n: number) => (n === 1 ? '1 contact on the chain' : `${n} contacts on the chain`),
  roleCoverage: 'Buying roles covered',
  supportIndex: 'Support index (−2 to +2)',
  notOnChain: 'not on this deal’s chain',
  keyPlayer: 'Key player',
  role: 'Role',
  support: 'Support',
  coverage: 'Coverage',
  noSupport: 'support unknown',
  noRole: 'no role',
  noCoverage: 'coverage unknown',
  gaps: 'Gaps in the map',
  noGaps: 'No gaps: decision maker, mentor and opponents are mapped, and the key players back us.',
  gap: {
    noDecisionMaker: 'No decision maker or approver on the chain.',
    noMentor: 'No mentor: nobody inside coaches us.',
    opponentsUnmapped: 'Opponents unmapped: no non-supporter or enemy is recorded, so the risk is unknown.',
    keyPlayerNotBacking: 'Key players not backing us:',
    keyPlayerUncovered: 'Key players we have not met:',
    notInContacts: 'Chain rows whose contact is not in Contacts:',
  } satisfies Record<GapKind, string>,
  noContacts: 'The account has no contacts.',
  field: (name: string, value: string) => `${name}: ${value}`,
};

const zh: typeof en = {
  heading: '决策链',
  intro: '按汇报关系查看客户在该商机上的相关人员：采购角色、支持度以及我方的接触程度。',
  pick: '请选择商机以查看其决策链。',
  orgChart: (opp) => `${opp} 的决策链`,
  account: (id, name) => (name && name !== id ? `客户：${name}（${id}）` : `客户：${id}`),
  members: (n) => `决策链上共 ${n} 人`,
  roleCoverage: '采购角色覆盖',
  supportIndex: '支持度指数（−2 至 +2）',
  notOnChain: '不在该商机的决策链上',
  keyPlayer: '关键人',
  role: '角色',
  support: '支持度',
  coverage: '接触程度',
  noSupport: '支持度未知',
  noRole: '未定角色',
  noCoverage: '接触程度未知',
  gaps: '决策链缺口',
  noGaps: '没有缺口：决策者、内线教练和反对者均已识别，关键人都支持我方。',
  gap: {
    noDecisionMaker: '决策链上没有决策者或批准者。',
    noMentor: '没有内线教练：客户内部无人指点我方。',
    opponentsUnmapped: '未识别反对者：没有记录不支持者或反对者，风险不明。',
    keyPlayerNotBacking: '尚未支持我方的关键人：',
    keyPlayerUncovered: '我方尚未接触的关键人：',
    notInContacts: '联系人表中找不到的决策链联系人：',
  },
  noContacts: '该客户没有联系人。',
  field: (name, value) => `${name}：${value}`,
};

export const decisionChainStrings: Record<Locale, typeof en> = { 'en-US': en, 'zh-CN': zh };
