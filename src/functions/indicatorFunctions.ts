/**
 * Indicator helpers: WILSON (how sure a win rate on few deals is), RAG (the traffic light
 * of an Indicators row) and VERSION.
 */
import { spill } from './spill';
import { CalcError, Scalar } from '../core/cells';
import { Direction } from '../core/enumerations';
import { msg } from '../calc/messages';
import { DirectionCode, ragColumn } from '../calc/rag';
import { WilsonBound, WilsonBoundCode, wilsonColumn } from '../calc/statistics';
import { VERSION } from '../version';
import { orFail } from './args';
import { FunctionDeclaration, FunctionResult, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

/** A kernel's column (or its one error) as result rows. */
const asColumn = (values: Scalar[] | CalcError): FunctionResult => (values instanceof CalcError ? values : spill(values));

export const indicatorFunctions: FunctionDeclaration[] = [
  declare({
    id: 'WILSON',
    family: 'indicators',
    description: {
      en: 'Wilson score interval of a win rate: with few closed deals, the lower (default), upper bound or centre of the plausible range of the true win rate. Columns of wins and totals give one value per row.',
      zh: '赢率的 Wilson 置信区间：已结单较少时，给出真实赢率可能范围的下限（默认）、上限或中心值。wins 与 total 为列时逐行返回。',
    },
    example:
      '=CRM3.WILSON(CRM3.DEALCOUNT(Opp_Status,"Won",Opp_CloseDate,PeriodStart,PeriodEnd),CRM3.DEALCOUNT(Opp_Status,"Closed",Opp_CloseDate,PeriodStart,PeriodEnd))',
    exampleResult: {
      en: 'the win rate we can count on at 95 % confidence, e.g. 0.21 for 4 won of 7',
      zh: '95% 置信度下有把握的赢率，如 7 单赢 4 单时约为 0.21',
    },
    params: [
      p('wins', 'range', false, 'Number of won deals (a count, or a column of counts).', '赢单个数（一个数，或一列个数）。'),
      p(
        'total',
        'range',
        false,
        'Number of closed deals (same shape as wins, or one number for every row).',
        '已结单个数（与 wins 同形，或所有行共用的一个数）。',
      ),
      p(
        'bound',
        'value',
        true,
        '"lower"/"下限" (default), "upper"/"上限" or "center"/"中心".',
        '"下限"/"lower"（默认）、"上限"/"upper" 或 "中心"/"center"。',
      ),
      p(
        'confidence',
        'value',
        true,
        'Confidence level, default 0.95 (95 also reads as 95 %).',
        '置信水平，默认 0.95（写 95 也视为 95%）。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'wins' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when a count is not a whole number ≥ 0, wins exceed total, bound is unknown, or wins and total differ in size. #NUM! when confidence is not between 0 and 1. Blank when total is 0.',
        zh: '#VALUE!：个数不是不小于 0 的整数、赢单数大于总数、bound 无法识别，或 wins 与 total 行数不一致。#NUM!：confidence 不在 0 与 1 之间。total 为 0 时返回空白。',
      },
    ],
    evaluate(a) {
      const bound = a.option('bound', WilsonBound, 'Lower') as WilsonBoundCode;
      return asColumn(wilsonColumn(a.column('wins'), a.column('total'), bound, a.number('confidence', 0.95)));
    },
  }),
  declare({
    id: 'RAG',
    family: 'indicators',
    description: {
      en: 'Traffic light of an indicator: "Green" when the value meets green, "Red" when it is past red, else "Amber"; blank for a blank value or when no threshold is set. The codes stay English in every language so formatting rules and COUNTIF work in both.',
      zh: '指标红黄绿灯：达到 green 阈值为 "Green"，越过 red 阈值为 "Red"，其余为 "Amber"；数值为空或未设阈值时返回空白。结果代码在各语言下都保持英文，便于条件格式和 COUNTIF 通用。',
    },
    example: '=CRM3.RAG(D5,F5,G5,H5)',
    exampleResult: {
      en: '"Amber" for a win rate of 0.42 with green 0.5, red 0.3, higher is better',
      zh: '赢率 0.42、green 0.5、red 0.3、越高越好时为 "Amber"',
    },
    params: [
      p('value', 'range', false, 'The indicator value (or a column of values).', '指标值（或一列指标值）。'),
      p(
        'direction',
        'value',
        false,
        'HigherIsBetter/越高越好 or LowerIsBetter/越低越好.',
        '越高越好/HigherIsBetter 或 越低越好/LowerIsBetter。',
      ),
      p(
        'green',
        'value',
        false,
        'Green threshold: the value is Green at or beyond it (blank: no Green band).',
        '绿灯阈值：达到或优于此值为绿灯（留空表示不设绿灯）。',
      ),
      p(
        'red',
        'value',
        false,
        'Red threshold: the value is Red past it (blank: no Red band).',
        '红灯阈值：劣于此值为红灯（留空表示不设红灯）。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'value' }, type: 'string' },
    errors: [
      {
        en: '#VALUE! when direction is missing or unknown, a threshold or value is not a number, or green lies on the wrong side of red for the direction.',
        zh: '#VALUE!：方向缺失或无法识别、阈值或指标值不是数字，或 green 与 red 的大小关系与方向矛盾。',
      },
    ],
    evaluate(a) {
      if (!a.has('direction')) orFail(new CalcError('VALUE', msg.missingArgument('direction')));
      const direction = a.option('direction', Direction, 'HigherIsBetter') as DirectionCode;
      return asColumn(ragColumn(a.column('value'), { direction, green: a.optNumber('green'), red: a.optNumber('red') }));
    },
  }),
  declare({
    id: 'VERSION',
    family: 'indicators',
    description: {
      en: 'Version of the CRM3 add-in that computed the workbook, e.g. for a report footer.',
      zh: '计算本工作簿的 CRM3 插件版本，可用于报表页脚。',
    },
    example: '=CRM3.VERSION()',
    exampleResult: { en: `"CRM3 ${VERSION}"`, zh: `"CRM3 ${VERSION}"` },
    params: [],
    result: { shape: { kind: 'scalar' }, type: 'string' },
    errors: [{ en: '#VALUE! when given any argument.', zh: '#VALUE!：给了任何参数。' }],
    evaluate() {
      return `CRM3 ${VERSION}`;
    },
  }),
];
