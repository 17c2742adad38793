/**
 * The win-step checklist of the deal review (赢单五步法). No public definition of the method
 * (or of 四点一线) could be found, so the steps are a Config table a consultant edits; this is
 * the shipped default: five steps a deal passes on its way to a signature, each with the
 * evidence a reviewer asks for.
 */
import { Cell } from '../core/cells';
import { Locale, Message, bi, pick } from '../core/i18n';

export const WIN_STEPS_COLUMNS = [
  { name: 'Step', zh: '步骤' },
  { name: 'Name', zh: '名称' },
  { name: 'Evidence', zh: '证据' },
] as const;

const DEFAULT_STEPS: readonly [Message, Message][] = [
  [
    bi('Qualify the opportunity', '确认机会'),
    bi(
      'Need, budget, timing and decision process confirmed (four questions, part 1)',
      '需求、预算、时间和决策流程已确认（四问第一部分）',
    ),
  ],
  [
    bi('Map the decision chain', '摸清决策链'),
    bi('Every buying role named with its support; a mentor on our side', '各采购角色均已识别并了解其支持度；有我方内线教练'),
  ],
  [
    bi('Shape the solution', '以独特价值引导方案'),
    bi('Requirements reflect our strengths; evaluators accept our value', '需求体现我方优势；评估者认可我方价值'),
  ],
  [
    bi('Prove the value to the approver', '向批准者证明价值'),
    bi('Approver met; business case accepted', '已接触批准者；商业论证已获认可'),
  ],
  [bi('Close', '促成签约'), bi('Terms, decision date and next steps agreed in writing', '条款、决策日期和后续步骤已书面确认')],
];

/** Rows of the default WinSteps table (Step, Name, Evidence) in the locale's language. */
export function defaultWinSteps(locale: Locale): Cell[][] {
  return DEFAULT_STEPS.map(([name, evidence], i) => [i + 1, pick(name, locale), pick(evidence, locale)]);
}
