/**
 * Relationship family (决策链 / 提升关系): ROLECOVERAGE, SUPPORTINDEX, KEYPLAYERSUPPORT,
 * ENUMSCORE. Per-opportunity results are one spilled column, computed from the whole chain
 * in one pass.
 */
import { spill } from './spill';
import { enumScores, keyPlayerSupport, roleCoverage, scoredEnumeration, supportIndex } from '../calc/relationships';
import { Args, orFail } from './args';
import { keyPlayerWorking } from '../calc/accountWorking';

function keyPlayerInput(a: Args) {
  return {
    dcOppIds: a.column('dcOppIds'),
    dcPolitical: a.column('dcPolitical'),
    dcRoles: a.column('dcRoles'),
    dcSupport: a.column('dcSupport'),
    oppIds: a.optColumn('oppIds'),
    oppStatus: a.optColumn('oppStatus'),
  };
}
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (
  name: string,
  optional: boolean,
  en: string,
  zh: string,
  kind: ParamDeclaration['kind'] = 'range',
): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const oppIds = p(
  'oppIds',
  false,
  'Opportunity ids to compute for, one result each, e.g. Opp_OppId.',
  '要计算的商机编号列，每个商机返回一个结果，如 Opp_OppId。',
);
const dcOppIds = p(
  'dcOppIds',
  false,
  'Opportunity id of each decision-chain row, e.g. Dc_OppId.',
  '决策链每一行所属的商机编号，如 Dc_OppId。',
);
const dcRoles = p(
  'dcRoles',
  false,
  'Buying role of each chain row (Approver, DecisionMaker, Evaluator, User or 批准者/决策者/评估者/使用者), e.g. Dc_BuyingRole.',
  '决策链每一行的采购角色（批准者/决策者/评估者/使用者，或 Approver/DecisionMaker/Evaluator/User），如 Dc_BuyingRole。',
);
const dcSupport = p(
  'dcSupport',
  false,
  'Support of each chain row (Mentor, Supporter, Neutral, NonSupporter, Enemy or 内线教练/支持者/中立/不支持/反对者), e.g. Dc_Support.',
  '决策链每一行的支持度（内线教练/支持者/中立/不支持/反对者），如 Dc_Support。',
);

/** A column result; an empty column spills one blank cell, the size hosts predict. */

export const relationshipFunctions: FunctionDeclaration[] = [
  declare({
    id: 'ROLECOVERAGE',
    family: 'relationships',
    description: {
      en: 'Role coverage of each opportunity: how many of the four buying roles (Approver, DecisionMaker, Evaluator, User) its decision chain has mapped, divided by 4. One result per opportunity (spills); 0 when the opportunity has no chain rows.',
      zh: '每个商机的角色覆盖率：决策链上已识别的采购角色（批准者、决策者、评估者、使用者）有几种，再除以 4。每个商机一个结果（溢出为一列）；没有决策链记录的商机为 0。',
    },
    example: '=CRM3.ROLECOVERAGE(Opp_OppId,Dc_OppId,Dc_BuyingRole)',
    exampleResult: {
      en: 'one value per opportunity, e.g. 0.75 when three of the four roles are mapped',
      zh: '每个商机一个值，如识别了四种角色中的三种则为 0.75',
    },
    params: [oppIds, dcOppIds, dcRoles],
    result: { shape: { kind: 'column', lengthOf: 'oppIds' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when dcOppIds and dcRoles differ in size, or a buying role is not one of the four (the message names the row).',
        zh: '#VALUE!：dcOppIds 与 dcRoles 行数不一致，或某行的采购角色无法识别（提示中给出行号）。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(roleCoverage({ oppIds: a.column('oppIds'), dcOppIds: a.column('dcOppIds'), dcRoles: a.column('dcRoles') })),
      );
    },
  }),

  declare({
    id: 'SUPPORTINDEX',
    family: 'relationships',
    description: {
      en: 'Support index of each opportunity: the mean support score of its decision chain (Mentor +2, Supporter +1, Neutral 0, NonSupporter −1, Enemy −2), weighted by influence (High 3, Medium 2, Low 1, blank 1) when an influence column is given. Blank for an opportunity without rated chain rows.',
      zh: '每个商机的支持度指数：决策链上各联系人支持度分值的平均（内线教练 +2、支持者 +1、中立 0、不支持 −1、反对者 −2）；给出影响力列时按影响力加权（高 3、中 2、低 1，空白按 1）。决策链上没有支持度记录的商机返回空白。',
    },
    example: '=CRM3.SUPPORTINDEX(Opp_OppId,Dc_OppId,Dc_Support,Dc_Influence)',
    exampleResult: {
      en: 'one value per opportunity between −2 and +2, e.g. 1.25',
      zh: '每个商机一个 −2 到 +2 之间的值，如 1.25',
    },
    params: [
      oppIds,
      dcOppIds,
      dcSupport,
      p(
        'dcInfluence',
        true,
        'Influence of each chain row (High, Medium, Low or 高/中/低), e.g. Dc_Influence. Omitted: every row weighs the same.',
        '决策链每一行的影响力（高/中/低），如 Dc_Influence。不填则每行权重相同。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'oppIds' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when dcOppIds, dcSupport and dcInfluence differ in size, or a support or influence value is unknown (the message names the row).',
        zh: '#VALUE!：dcOppIds、dcSupport、dcInfluence 行数不一致，或某行的支持度、影响力无法识别（提示中给出行号）。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          supportIndex({
            oppIds: a.column('oppIds'),
            dcOppIds: a.column('dcOppIds'),
            dcSupport: a.column('dcSupport'),
            dcInfluence: a.optColumn('dcInfluence'),
          }),
        ),
      );
    },
  }),

  declare({
    id: 'KEYPLAYERSUPPORT',
    family: 'relationships',
    description: {
      en: 'Share of key players who back us: key-player chain rows with support Mentor or Supporter ÷ all key-player rows. Key players are in the InnerCircle or PoliticalStructure, or are an Approver or DecisionMaker. Give oppIds and oppStatus to count open opportunities only. Blank when there are no key players.',
      zh: '关键人支持率：支持度为内线教练或支持者的关键人记录 ÷ 全部关键人记录。关键人指处于核心圈或权力结构中，或担任批准者、决策者的联系人。给出 oppIds 与 oppStatus 时只统计进行中的商机。没有关键人时返回空白。',
    },
    example: '=CRM3.KEYPLAYERSUPPORT(Dc_OppId,Dc_PoliticalStatus,Dc_BuyingRole,Dc_Support,Opp_OppId,Opp_Status)',
    exampleResult: {
      en: 'share of key players on open deals who support us, e.g. 0.6',
      zh: '进行中商机的关键人里支持我方的比例，如 0.6',
    },
    params: [
      dcOppIds,
      p(
        'dcPolitical',
        false,
        'Political status of each chain row (InnerCircle, PoliticalStructure, Outside or 核心圈/权力结构/外围), e.g. Dc_PoliticalStatus.',
        '决策链每一行的政治地位（核心圈/权力结构/外围），如 Dc_PoliticalStatus。',
      ),
      dcRoles,
      dcSupport,
      p(
        'oppIds',
        true,
        'Opportunity ids, e.g. Opp_OppId. With oppStatus: only chain rows of Open opportunities count.',
        '商机编号列，如 Opp_OppId。与 oppStatus 一起给出时，只统计进行中商机的决策链。',
      ),
      p('oppStatus', true, 'Status of those opportunities, e.g. Opp_Status.', '上述商机的状态列，如 Opp_Status。'),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when the chain columns differ in size, oppIds and oppStatus differ in size or only one of them is given, or a role, political status, support or status is unknown (the message names the row).',
        zh: '#VALUE!：决策链各列行数不一致；oppIds 与 oppStatus 行数不一致或只给了其中一个；或某行的角色、政治地位、支持度、状态无法识别（提示中给出行号）。',
      },
    ],
    evaluate(a) {
      return keyPlayerSupport(keyPlayerInput(a));
    },
    explain(a) {
      return keyPlayerWorking(keyPlayerInput(a));
    },
  }),

  declare({
    id: 'ENUMSCORE',
    family: 'relationships',
    description: {
      en: 'The methodology number of each value: Coverage (NoContact 0 … InDepth 3), Support (Mentor +2 … Enemy −2), RelationshipLevel (Vendor 1 … TrustedAdvisor 4), Influence (High 3, Medium 2, Low 1) or Answer (Yes 1, No 0, Unknown blank). Blank stays blank. Use it to average text ratings, e.g. the mean coverage depth.',
      zh: '把每个取值换成方法论里的分值：覆盖度（未接触 0 … 深度接触 3）、支持度（内线教练 +2 … 反对者 −2）、关系层级（供应商 1 … 信赖顾问 4）、影响力（高 3、中 2、低 1）或答案（是 1、否 0、未知为空白）。空白仍为空白。可用来对文字评级求平均，如平均覆盖深度。',
    },
    example: '=CRM3.ENUMSCORE(Dc_Coverage,"Coverage")',
    exampleResult: { en: 'one number per chain row, e.g. 3 for InDepth', zh: '决策链每行一个分值，如“深度接触”为 3' },
    params: [
      p(
        'values',
        false,
        'The values to score, e.g. Dc_Coverage or Con_RelationshipLevel.',
        '要换算成分值的列，如 Dc_Coverage 或 Con_RelationshipLevel。',
      ),
      p(
        'enumeration',
        false,
        'Which scale: "Coverage", "Support", "RelationshipLevel", "Influence" or "Answer" (or 覆盖度/支持度/关系层级/影响力/答案).',
        '使用哪种分值：“覆盖度”“支持度”“关系层级”“影响力”“答案”（或 Coverage/Support/RelationshipLevel/Influence/Answer）。',
        'value',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'values' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when enumeration is not one of the five scales, or a value is not a value of that scale (the message names the row).',
        zh: '#VALUE!：enumeration 不是上述五种之一，或某行的取值不属于该分值表（提示中给出行号）。',
      },
    ],
    evaluate(a) {
      const e = orFail(scoredEnumeration(a.value('enumeration') ?? null));
      return spill(orFail(enumScores(a.column('values'), e)));
    },
  }),
];
