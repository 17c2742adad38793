/** Texts of the tiering assistant: each a Message, en-US and zh-CN side by side. */
import { MessageTable, bi } from '../../../core/i18n';

export const tieringStrings = {
  heading: bi('ABCD tiering', 'ABCD 分级'),
  intro: bi(
    'Move the thresholds and weights: tiers are recomputed with the workbook’s own formulas. Nothing is written until you apply.',
    '调整阈值与权重，分级按工作簿中的公式实时重算。点击“应用”之前不会写入工作簿。',
  ),
  methodMatrix: bi('Method: matrix (attractiveness × position)', '方法：矩阵法（吸引力 × 竞争地位）'),
  methodScore: bi('Method: score bands', '方法：计分法（分数段）'),
  attractivenessThreshold: bi('Attractiveness threshold', '吸引力阈值'),
  positionThreshold: bi('Position threshold', '竞争地位阈值'),
  bandA: bi('Tier A from score', 'A 类分数线'),
  bandB: bi('Tier B from score', 'B 类分数线'),
  bandC: bi('Tier C from score', 'C 类分数线'),
  thresholds: bi('Thresholds', '阈值'),
  weights: bi('Criterion weights', '评分标准权重'),
  weightsReadOnly: bi(
    'This workbook has no Criteria table in Config, so weights are shown but cannot be written.',
    '本工作簿的配置中没有评分标准表，权重仅供查看，无法写入。',
  ),
  noAxis: bi('no axis', '未定维度'),
  computing: bi('Computing the tiers…', '正在计算分级…'),
  highAttractiveness: bi('High attractiveness', '吸引力高'),
  lowAttractiveness: bi('Low attractiveness', '吸引力低'),
  weakPosition: bi('Weak position', '地位弱'),
  strongPosition: bi('Strong position', '地位强'),
  matrixCaption: bi(
    'Accounts per tier: attractiveness (rows) against our position (columns)',
    '各类客户数：吸引力（行）× 我方竞争地位（列）',
  ),
  bandsCaption: bi('Accounts per tier by composite score', '按综合得分划分的各类客户数'),
  tier: bi('Tier', '分级'),
  accounts: bi('Accounts', '客户数'),
  range: bi('Score', '得分'),
  count: (n: number) => bi(n === 1 ? '1 account' : `${n} accounts`, `${n} 家客户`),
  delta: (d: number) => bi(d > 0 ? `+${d}` : `${d}`, d > 0 ? `+${d}` : `${d}`),
  deltaLabel: (d: number) =>
    bi(
      d === 0 ? 'no change' : d > 0 ? `${d} more than now` : `${-d} fewer than now`,
      d === 0 ? '无变化' : d > 0 ? `比现在多 ${d} 家` : `比现在少 ${-d} 家`,
    ),
  accountsByTier: bi('Accounts by tier', '各类客户名单'),
  untiered: (n: number) =>
    bi(
      n === 1 ? '1 account without a tier (no criterion scored)' : `${n} accounts without a tier (no criterion scored)`,
      `${n} 家客户未分级（尚未评分）`,
    ),
  changes: (n: number) =>
    bi(
      n === 0 ? 'No account changes tier.' : n === 1 ? '1 account changes tier:' : `${n} accounts change tier:`,
      n === 0 ? '没有客户改变分级。' : `${n} 家客户改变分级：`,
    ),
  noTier: bi('none', '无'),
  more: (n: number) => bi(`and ${n} more`, `等另外 ${n} 家`),
  apply: bi('Apply to Config', '应用到配置'),
  applying: bi('Applying…', '正在应用…'),
  reset: bi('Reset', '还原'),
  applied: bi('Thresholds and weights written to Config.', '阈值与权重已写入配置表。'),
  applyFailed: bi('Nothing was written.', '未写入任何内容。'),
  atLeast: (v: number) => bi(`≥ ${v}`, `≥ ${v}`),
  below: (v: number) => bi(`< ${v}`, `< ${v}`),
} satisfies MessageTable;
