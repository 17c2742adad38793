/** Stages and sufficient events (商机阶段 / 充分事件): PROBABILITY, STAGECHECK, STAGECHECKTEXT, OVERRUN. */
import { spill } from './spill';
import { ProbabilityInput, StageCheckInput, opportunityProbabilities, stageChecks, stageOverruns } from '../calc/stages';
import { eventNames, stageCheckInWords } from '../calc/stageCheckWords';
import { msg } from '../calc/messages';
import { CalcError, Scalar } from '../core/cells';
import { localeOf } from '../core/i18n';
import { Args, orFail } from './args';
import { param } from './commonParams';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const stage = p(
  'stage',
  'range',
  false,
  'Opportunity stage column, e.g. Opp_Stage. Names match the Stages table case-insensitively; the default stages also answer to their zh names (发现, 立项, 方案交流, 入围, 谈判).',
  '商机阶段列，如 Opp_Stage。阶段名称与 Stages 表匹配时不区分大小写；默认阶段的中英文名称（发现/Discover、立项/Qualify、方案交流/Solution、入围/Shortlist、谈判/Negotiate）可以互认。',
);
const stageNames = p(
  'stageNames',
  'range',
  true,
  'Stage names of the Stages table, e.g. Stages_Stage. Default: Discover, Qualify, Solution, Shortlist, Negotiate.',
  'Stages 表的阶段名称，如 Stages_Stage。默认：发现、立项、方案交流、入围、谈判。',
);

const probabilityInput = (a: Args): ProbabilityInput => ({
  status: a.column('status'),
  stage: a.column('stage'),
  stageNames: a.optColumn('stageNames'),
  stageProbabilities: a.optColumn('stageProbabilities'),
});

const stageCheckInput = (a: Args): StageCheckInput => ({
  oppIds: a.column('oppIds'),
  stages: a.column('stages'),
  statuses: a.column('statuses'),
  actOppIds: a.column('actOppIds'),
  actEventIds: a.column('actEventIds'),
  stageNames: a.optColumn('stageNames'),
  stageOrders: a.optColumn('stageOrders'),
  eventStages: a.optColumn('eventStages'),
  eventIds: a.optColumn('eventIds'),
  eventEssential: a.optColumn('eventEssential'),
});

export const stageFunctions: FunctionDeclaration[] = [
  declare({
    id: 'PROBABILITY',
    family: 'stages',
    description: {
      en: 'Win probability of each opportunity: its stage\'s probability while Open, 1 when Won, 0 when Lost or NoDecision, blank when the status is blank. Stage probabilities may be fractions (0.4) or percents (40, "40%"): any value above 1 is read as a percent.',
      zh: '每个商机的赢率：进行中按所处阶段的赢率，赢单为 1，丢单或无决策为 0，状态为空时返回空白。阶段赢率可写成小数（0.4）或百分数（40、"40%"）：大于 1 的数一律按百分数理解。',
    },
    example: '=CRM3.PROBABILITY(Opp_Status, Opp_Stage, Stages_Stage, Stages_Probability)',
    exampleResult: {
      en: 'one probability per opportunity, e.g. 0.4 for an open deal at Solution',
      zh: '每个商机一个赢率，如处于“方案交流”阶段的进行中商机为 0.4',
    },
    params: [
      param.status,
      stage,
      stageNames,
      p(
        'stageProbabilities',
        'range',
        true,
        'Probability of each stage, in the order of stageNames, e.g. Stages_Probability: 0–1, or a percent (values above 1, up to 100). Default 10%, 20%, 40%, 60%, 80%.',
        '各阶段的赢率，顺序与 stageNames 一致，如 Stages_Probability：0–1 的小数，或百分数（大于 1、不超过 100 的数）。默认 10%、20%、40%、60%、80%。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'status' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when status and stage differ in size; in a row whose status is unknown, or whose open deal has a blank or unknown stage (the message names the row); when stageNames and stageProbabilities are not given together, differ in size, repeat a stage, or a probability is not 0–1 or 0–100.',
        zh: '#VALUE!：status 与 stage 行数不一致；某行状态无法识别，或进行中商机的阶段为空或无法识别（提示中指明行号）；stageNames 与 stageProbabilities 未同时给出、行数不一致、阶段重复，或赢率不在 0–1 或 0–100 之间。',
      },
    ],
    evaluate(a) {
      return spill(orFail(opportunityProbabilities(probabilityInput(a))));
    },
    rowwise: { rowArguments: ['status', 'stage'], evaluate: (a, rows) => opportunityProbabilities(probabilityInput(a), rows) },
  }),
  declare({
    id: 'STAGECHECK',
    family: 'stages',
    description: {
      en: 'Stage evidence check of each opportunity: "OK" when every essential sufficient event of its stage and all earlier stages is proven by an activity (an Activities row with its OppId and that EventId), else "Missing: " and the unproven event ids, in stage order. Closed deals are "OK"; blank status gives blank. The text is the same in every language, so formulas can test it.',
      zh: '商机阶段的充分事件检查：本阶段及之前各阶段的必要事件都已由活动证实（活动表中有该商机 OppId 和该 EventId 的记录）时返回 "OK"，否则返回 "Missing: " 加上尚未证实的事件编号（按阶段顺序）。已结束的商机返回 "OK"，状态为空返回空白。结果文字在中英文环境下相同，便于公式判断。',
    },
    example:
      '=CRM3.STAGECHECK(Opp_OppId, Opp_Stage, Opp_Status, Act_OppId, Act_EventId, Stages_Stage, Stages_Order, StageEvents_Stage, StageEvents_EventId, StageEvents_Essential)',
    exampleResult: {
      en: 'one text per opportunity, e.g. "OK" or "Missing: E_OWNER, E_CRITERIA"',
      zh: '每个商机一个结果，如 "OK" 或 "Missing: E_OWNER, E_CRITERIA"',
    },
    params: [
      p('oppIds', 'range', false, 'Opportunity ids, e.g. Opp_OppId.', '商机编号列，如 Opp_OppId。'),
      p(
        'stages',
        'range',
        false,
        'Opportunity stage column, e.g. Opp_Stage (zh names of the default stages are understood).',
        '商机阶段列，如 Opp_Stage（默认阶段的中英文名称可以互认）。',
      ),
      p(
        'statuses',
        'range',
        false,
        'Opportunity status column, e.g. Opp_Status (Open, Won, Lost, NoDecision or 进行中/赢单/丢单/无决策).',
        '商机状态列，如 Opp_Status（进行中/赢单/丢单/无决策，或 Open/Won/Lost/NoDecision）。',
      ),
      p(
        'actOppIds',
        'range',
        false,
        'Opportunity id of each activity, e.g. Act_OppId.',
        '每条活动所属的商机编号，如 Act_OppId。',
      ),
      p(
        'actEventIds',
        'range',
        false,
        'Sufficient event each activity proves, e.g. Act_EventId (several ids may be separated by commas).',
        '每条活动证实的充分事件编号，如 Act_EventId（多个编号可用逗号分隔）。',
      ),
      stageNames,
      p(
        'stageOrders',
        'range',
        true,
        'Order of each stage, in the order of stageNames, e.g. Stages_Order. Default: the list order 1, 2, 3 …',
        '各阶段的顺序号，顺序与 stageNames 一致，如 Stages_Order。默认按列表顺序 1、2、3……',
      ),
      p(
        'eventStages',
        'range',
        true,
        'Stage of each sufficient event, e.g. StageEvents_Stage. Default: the 14 events of the CRM3 method (E_NEED … E_TERMS).',
        '每个充分事件所属的阶段，如 StageEvents_Stage。默认使用 CRM3 方法的 14 个事件（E_NEED … E_TERMS）。',
      ),
      p(
        'eventIds',
        'range',
        true,
        'Id of each sufficient event, e.g. StageEvents_EventId; give it with eventStages.',
        '每个充分事件的编号，如 StageEvents_EventId；须与 eventStages 同时给出。',
      ),
      p(
        'eventEssential',
        'range',
        true,
        'Whether each event is essential, e.g. StageEvents_Essential: TRUE, Yes, 是, 1 or * for essential; blank, FALSE, No, 否 or 0 for not. Omitted with eventIds: every listed event is essential.',
        '每个事件是否为必要事件，如 StageEvents_Essential：TRUE、是、1 或 * 表示必要；留空、FALSE、否或 0 表示非必要。给了 eventIds 而省略本参数时，列出的事件都视为必要事件。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'oppIds' }, type: 'string' },
    errors: [
      {
        en: '#VALUE! when oppIds, stages and statuses (or actOppIds and actEventIds, or the Stages or StageEvents columns) differ in size; in a row whose status is unknown or whose open deal has a blank or unknown stage; when an event names an unknown stage, a stage is listed twice, an order is not a number, or an essential flag is not TRUE/FALSE.',
        zh: '#VALUE!：oppIds、stages、statuses（或 actOppIds 与 actEventIds，或 Stages、StageEvents 表的各列）行数不一致；某行状态无法识别，或进行中商机的阶段为空或无法识别；事件所属阶段不存在、阶段重复、顺序号不是数字，或必要标记不是 TRUE/FALSE。',
      },
    ],
    evaluate(a) {
      return spill(orFail(stageChecks(stageCheckInput(a))));
    },
    rowwise: { rowArguments: ['oppIds', 'stages', 'statuses'], evaluate: (a, rows) => stageChecks(stageCheckInput(a), rows) },
  }),
  declare({
    id: 'STAGECHECKTEXT',
    family: 'stages',
    description: {
      en: 'StageCheck values in words, for pages people read: "OK" stays "OK" in en and reads 齐全 in zh; "Missing: E_X, E_Y" lists the events by name ("Missing: Senior-contact visit logged", 缺：已记录高层拜访), taken from eventNames (the workbook\'s StageEvents descriptions), else the default events\' names in the language, else the id. Blank stays blank. Keep testing the StageCheck column itself in formulas: it is the same in every language.',
      zh: '把阶段核查结果转为便于阅读的文字：“OK”在英文中仍为 OK，中文显示“齐全”；“Missing: E_X, E_Y”按事件名称列出（中文如“缺：已记录高层拜访”），名称取自 eventNames（工作簿 StageEvents 表的说明），没有时用该语言的默认事件名称，再没有则显示编号。空白仍为空白。公式判断时请继续使用阶段核查列本身（各语言相同）。',
    },
    example: '=CRM3.STAGECHECKTEXT(Opp_StageCheck, "zh-CN", StageEvents_EventId, StageEvents_Description)',
    exampleResult: {
      en: 'one text per opportunity, e.g. "齐全" or "缺：已记录高层拜访"',
      zh: '每个商机一个结果，如“齐全”或“缺：已记录高层拜访”',
    },
    params: [
      p('stageChecks', 'range', false, 'StageCheck values, e.g. Opp_StageCheck.', '阶段核查结果，如 Opp_StageCheck。'),
      p(
        'language',
        'value',
        true,
        'Language of the words: "en-US" (default) or "zh-CN".',
        '文字的语言："en-US"（默认）或 "zh-CN"。',
      ),
      p(
        'eventIds',
        'range',
        true,
        'Id of each sufficient event, e.g. StageEvents_EventId.',
        '每个充分事件的编号，如 StageEvents_EventId。',
      ),
      p(
        'eventNames',
        'range',
        true,
        'Name of each event, in the order of eventIds, e.g. StageEvents_Description.',
        '每个事件的名称，顺序与 eventIds 一致，如 StageEvents_Description。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'stageChecks' }, type: 'string' },
    errors: [
      {
        en: '#VALUE! when eventIds and eventNames differ in size, or only one of them is given.',
        zh: '#VALUE!：eventIds 与 eventNames 行数不一致，或只给了其中一个。',
      },
    ],
    evaluate(a) {
      const ids = a.optColumn('eventIds');
      const names = a.optColumn('eventNames');
      if (!ids !== !names)
        return new CalcError(
          'VALUE',
          msg.custom(
            'eventIds and eventNames go together: give both (e.g. StageEvents_EventId, StageEvents_Description)',
            'eventIds 与 eventNames 须同时给出（如 StageEvents_EventId、StageEvents_Description）',
          ),
        );
      if (ids && names && ids.length !== names.length)
        return new CalcError('VALUE', msg.sizeMismatch('eventIds', 'eventNames', ids.length, names.length));
      const lookup = eventNames(ids, names);
      const locale = localeOf(a.has('language') ? a.text('language') : 'en-US');
      return spill(a.column('stageChecks').map((c) => stageCheckInWords(c, locale, lookup) as Scalar));
    },
  }),
  declare({
    id: 'OVERRUN',
    family: 'stages',
    description: {
      en: "Stage overrun of each opportunity: TRUE when an open deal has been in its stage longer than the stage's standard days (asOfDate − stageEntered > standardDays), FALSE when not; blank when the deal is not open or has no stage-entered date.",
      zh: '商机阶段是否超期：进行中的商机在当前阶段停留的天数超过该阶段的标准天数（asOfDate − stageEntered > standardDays）时为 TRUE，否则为 FALSE；商机未在进行中或没有进入阶段日期时返回空白。',
    },
    example: '=CRM3.OVERRUN(Opp_Status, Opp_Stage, Opp_StageEnteredDate, AsOfDate, Stages_Stage, Stages_StandardDays)',
    exampleResult: {
      en: 'one TRUE/FALSE per open opportunity, e.g. TRUE for a deal 50 days in Solution (standard 45)',
      zh: '每个进行中商机一个 TRUE/FALSE，如在“方案交流”阶段已停留 50 天（标准 45 天）的商机为 TRUE',
    },
    params: [
      param.status,
      stage,
      p(
        'stageEntered',
        'range',
        false,
        'Date each opportunity entered its current stage, e.g. Opp_StageEnteredDate.',
        '商机进入当前阶段的日期，如 Opp_StageEnteredDate。',
      ),
      param.asOfDate,
      stageNames,
      p(
        'standardDays',
        'range',
        true,
        'Standard number of days in each stage, in the order of stageNames, e.g. Stages_StandardDays. Default 30, 30, 45, 30, 30.',
        '各阶段的标准停留天数，顺序与 stageNames 一致，如 Stages_StandardDays。默认 30、30、45、30、30。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'status' }, type: 'boolean' },
    errors: [
      {
        en: '#VALUE! when status, stage and stageEntered differ in size; when asOfDate is not a date; in a row whose status is unknown, whose stage-entered date is not a date, or whose open deal has a blank or unknown stage; when stageNames and standardDays are not given together or a standard day count is not a number ≥ 0.',
        zh: '#VALUE!：status、stage、stageEntered 行数不一致；asOfDate 不是日期；某行状态无法识别、进入阶段日期不是日期，或进行中商机的阶段为空或无法识别；stageNames 与 standardDays 未同时给出，或标准天数不是不小于 0 的数字。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          stageOverruns({
            status: a.column('status'),
            stage: a.column('stage'),
            stageEntered: a.column('stageEntered'),
            asOfDate: a.date('asOfDate'),
            stageNames: a.optColumn('stageNames'),
            standardDays: a.optColumn('standardDays'),
          }),
        ),
      );
    },
  }),
];
