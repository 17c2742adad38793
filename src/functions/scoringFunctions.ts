/** Scoring family: SCORE (composite 0–100), AXISSCORE (Attractiveness / Position), TIER (ABCD). */
import { spill } from './spill';
import { CalcError, showCell } from '../core/cells';
import { TierMethod, allowedList, lookupEnum } from '../core/enumerations';
import { msg } from '../calc/messages';
import { AxisCode, axisScoreAccounts, scoreAccounts } from '../calc/scoring';
import { Axis } from '../core/enumerations';
import { DEFAULT_TIER_RULES, TierMethodCode, tierAccounts } from '../calc/tiering';
import { Args, orFail } from './args';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

/** One result row per value (a column that spills). */

/** The criteria block; a blank single cell is one row with nothing scored. */
const scoresOf = (a: Args) => (a.has('scores') ? a.grid('scores') : [[null]]);

const scoresParam = p(
  'scores',
  'range',
  false,
  'Criteria scores: one row per account, one column per criterion (e.g. H5:N5 for one account, or the whole block for many).',
  '评分项得分：每行一个客户，每列一个评分项（如单个客户的 H5:N5，或多个客户的整块区域）。',
);
const weightsParam = p(
  'weights',
  'range',
  true,
  'Weight of each criterion, in column order, e.g. Criteria_Weight. Default: 25,15,10,10,15,15,10 for the seven default criteria, else 1 each.',
  '各评分项的权重，顺序与评分列一致，如 Criteria_Weight。默认：七个默认评分项为 25、15、10、10、15、15、10，否则每项为 1。',
);
const minsParam = p(
  'mins',
  'range',
  true,
  'Lowest score of each criterion (or one value for all), e.g. Criteria_Min. Default 1.',
  '各评分项的最低分（或一个值通用），如 Criteria_Min。默认 1。',
);
const maxsParam = p(
  'maxs',
  'range',
  true,
  'Highest score of each criterion (or one value for all), e.g. Criteria_Max. Default 5.',
  '各评分项的最高分（或一个值通用），如 Criteria_Max。默认 5。',
);

const configErrors = {
  en: '#VALUE! when weights (or axes, mins, maxs) do not have one entry per criterion column, a weight is blank, not a number or negative, or a max is not above its min.',
  zh: '#VALUE!：weights（或 axes、mins、maxs）的项数与评分列数不一致，权重为空、不是数字或为负，或最高分不大于最低分。',
};

function axisOf(a: Args): AxisCode {
  const v = a.value('axis');
  if (v === undefined) return orFail<AxisCode>(new CalcError('VALUE', msg.missingArgument('axis')));
  const found = lookupEnum(Axis, v);
  return found
    ? (found.code as AxisCode)
    : orFail<AxisCode>(new CalcError('VALUE', msg.unknownOption('axis', showCell(v), allowedList(Axis))));
}

export const scoringFunctions: FunctionDeclaration[] = [
  declare({
    id: 'SCORE',
    family: 'scoring',
    description: {
      en: 'Composite account score, 0–100: each criterion score is normalised to its Min–Max scale (n = (clamp(s) − Min)/(Max − Min)), and the score is 100 × Σ weight·n ÷ Σ weight over the criteria the row has a number for. Blank or non-numeric criteria are left out of both sums. Give one row for one account, or a block for one score per row.',
      zh: '客户综合得分（0–100，综合计分法）：每个评分项按其最低–最高分折算为 0–1（n =（限定在区间内的得分 − 最低分）÷（最高分 − 最低分）），综合得分 = 100 × Σ 权重·n ÷ Σ 权重，只计入本行已填数字的评分项，空白或非数字的评分项不计入分子和分母。给一行得出一个客户的得分，给一整块则每行各得一个分数。',
    },
    example: '=CRM3.SCORE(H5:N5, Criteria_Weight, Criteria_Min, Criteria_Max)',
    exampleResult: {
      en: '67.5 for scores 5,4,3,4,3,2,4 with the default weights',
      zh: '得分为 5、4、3、4、3、2、4 且使用默认权重时为 67.5',
    },
    params: [scoresParam, weightsParam, minsParam, maxsParam],
    result: { shape: { kind: 'rows', of: 'scores' }, type: 'number' },
    errors: [
      configErrors,
      {
        en: '#N/A in a row with no criterion scored, or whose scored criteria all have weight 0.',
        zh: '#N/A：该行没有任何评分项打分，或已打分的评分项权重均为 0。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          scoreAccounts({
            scores: scoresOf(a),
            weights: a.optColumn('weights'),
            mins: a.optColumn('mins'),
            maxs: a.optColumn('maxs'),
          }),
        ),
      );
    },
  }),
  declare({
    id: 'AXISSCORE',
    family: 'scoring',
    description: {
      en: 'Attractiveness or Position score, 0–100: the SCORE formula over the criteria whose axis (Criteria_Axis) is the one asked for. Axis: "A"/"Attractiveness"/"吸引力" or "P"/"Position"/"竞争地位".',
      zh: '吸引力或竞争地位得分（0–100）：与 SCORE 相同的算法，只计入所属维度（Criteria_Axis）为指定维度的评分项。维度可写 "A"/"吸引力"/"Attractiveness" 或 "P"/"竞争地位"/"地位"/"Position"。',
    },
    example: '=CRM3.AXISSCORE(H5:N5, Criteria_Axis, "A", Criteria_Weight, Criteria_Min, Criteria_Max)',
    exampleResult: {
      en: '81.25 attractiveness for scores 5,4,3,4,3,2,4 with the default criteria',
      zh: '得分为 5、4、3、4、3、2、4 且使用默认评分项时，吸引力为 81.25',
    },
    params: [
      scoresParam,
      p(
        'axes',
        'range',
        false,
        'Axis of each criterion, in column order, e.g. Criteria_Axis (A/Attractiveness/吸引力 or P/Position/竞争地位; blank: neither).',
        '各评分项所属维度，顺序与评分列一致，如 Criteria_Axis（A/吸引力 或 P/竞争地位；留空表示不属于任何维度）。',
      ),
      p(
        'axis',
        'value',
        false,
        'Which axis to score: "A" (Attractiveness, 吸引力) or "P" (Position, 竞争地位).',
        '要计算的维度："A"（吸引力）或 "P"（竞争地位）。',
      ),
      weightsParam,
      minsParam,
      maxsParam,
    ],
    result: { shape: { kind: 'rows', of: 'scores' }, type: 'number' },
    errors: [
      configErrors,
      {
        en: '#VALUE! when axis or an entry of axes is not A/Attractiveness or P/Position.',
        zh: '#VALUE!：axis 或 axes 中的某项不是 A/吸引力 或 P/竞争地位。',
      },
      {
        en: '#N/A when no criterion belongs to the axis, or in a row with none of the axis criteria scored (or all of weight 0).',
        zh: '#N/A：没有评分项属于该维度，或该行该维度的评分项都未打分（或权重均为 0）。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          axisScoreAccounts({
            scores: scoresOf(a),
            axes: a.column('axes'),
            axis: axisOf(a),
            weights: a.optColumn('weights'),
            mins: a.optColumn('mins'),
            maxs: a.optColumn('maxs'),
          }),
        ),
      );
    },
  }),
  declare({
    id: 'TIER',
    family: 'scoring',
    description: {
      en: 'ABCD tier. Matrix method (default): A = Attractiveness ≥ threshold and Position ≥ threshold (invest), B = attractive but weak position (develop), C = strong position in a less attractive account (maintain), D = both below (opportunistic). Score method: A ≥ bandA, B ≥ bandB, C ≥ bandC, else D. Blank when the axis values (or the score) are missing.',
      zh: '大客户 ABCD 分级。矩阵法（默认）：吸引力与竞争地位均达到阈值为 A（战略投入）；吸引力高、地位弱为 B（重点发展）；地位强、吸引力低为 C（高效维护）；两者都低为 D（机会型，低成本覆盖）。计分法：综合得分 ≥ bandA 为 A，≥ bandB 为 B，≥ bandC 为 C，否则为 D。缺少吸引力或竞争地位（计分法缺少得分）时返回空白。',
    },
    example: '=CRM3.TIER(P5, Q5, O5, TierMethod, AttractivenessThreshold, PositionThreshold, ScoreBandA, ScoreBandB, ScoreBandC)',
    exampleResult: {
      en: '"B" for attractiveness 81.25 and position 46.875 (matrix, thresholds 50)',
      zh: '吸引力 81.25、竞争地位 46.875 时（矩阵法，阈值 50）为 "B"',
    },
    params: [
      // An unscored account (#N/A axis or score) has no tier (DESIGN §4), not an error that blanks every row.
      {
        ...p(
          'attractiveness',
          'range',
          false,
          "Attractiveness (0–100) of each account, e.g. Acc_Attractiveness, or one account's cell.",
          '各客户的吸引力（0–100），如 Acc_Attractiveness，或单个客户的单元格。',
        ),
        errors: 'blank',
      },
      {
        ...p(
          'position',
          'range',
          false,
          'Our position (0–100) at each account, same size as attractiveness, e.g. Acc_Position.',
          '我方在各客户的竞争地位（0–100），行数与 attractiveness 相同，如 Acc_Position。',
        ),
        errors: 'blank',
      },
      {
        ...p(
          'score',
          'range',
          true,
          'Composite score of each account (same size), e.g. Acc_Score. Needed by the Score method.',
          '各客户的综合得分（行数相同），如 Acc_Score。计分法必填。',
        ),
        errors: 'blank',
      },
      p(
        'method',
        'value',
        true,
        'Matrix (矩阵法, default) or Score (计分法), e.g. TierMethod.',
        '分级方法：Matrix（矩阵法，默认）或 Score（计分法），如 TierMethod。',
      ),
      p(
        'attractivenessThreshold',
        'value',
        true,
        'Attractiveness at or above this is high (default 50), e.g. AttractivenessThreshold.',
        '吸引力达到此值即为高（默认 50），如 AttractivenessThreshold。',
      ),
      p(
        'positionThreshold',
        'value',
        true,
        'Position at or above this is strong (default 50), e.g. PositionThreshold.',
        '竞争地位达到此值即为强（默认 50），如 PositionThreshold。',
      ),
      p(
        'bandA',
        'value',
        true,
        'Score method: lowest score of Tier A (default 75), e.g. ScoreBandA.',
        '计分法：A 类最低分（默认 75），如 ScoreBandA。',
      ),
      p(
        'bandB',
        'value',
        true,
        'Score method: lowest score of Tier B (default 60), e.g. ScoreBandB.',
        '计分法：B 类最低分（默认 60），如 ScoreBandB。',
      ),
      p(
        'bandC',
        'value',
        true,
        'Score method: lowest score of Tier C (default 45), e.g. ScoreBandC.',
        '计分法：C 类最低分（默认 45），如 ScoreBandC。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'attractiveness' }, type: 'string' },
    errors: [
      {
        en: '#VALUE! when attractiveness, position and score differ in size, a value the method uses is not a number, the method is unknown, the Score method has no score, or the bands are not bandA ≥ bandB ≥ bandC.',
        zh: '#VALUE!：attractiveness、position、score 行数不一致，所用的值不是数字，分级方法无法识别，计分法未给出 score，或分数段不满足 bandA ≥ bandB ≥ bandC。',
      },
    ],
    evaluate(a) {
      const d = DEFAULT_TIER_RULES;
      const tiers = orFail(
        tierAccounts({
          attractiveness: a.column('attractiveness'),
          position: a.column('position'),
          score: a.optColumn('score'),
          rules: {
            method: a.option('method', TierMethod, d.method) as TierMethodCode,
            attractivenessThreshold: a.number('attractivenessThreshold', d.attractivenessThreshold),
            positionThreshold: a.number('positionThreshold', d.positionThreshold),
            bandA: a.number('bandA', d.bandA),
            bandB: a.number('bandB', d.bandB),
            bandC: a.number('bandC', d.bandC),
          },
        }),
      );
      return tiers.length === 0 ? null : spill(tiers);
    },
  }),
];
