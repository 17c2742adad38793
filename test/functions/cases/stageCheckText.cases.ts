/**
 * STAGECHECKTEXT: StageCheck values in words (calc/stageCheckWords.ts). The default events'
 * names are DESIGN §4's (E_EXEC "Senior-contact visit logged" / 已记录高层拜访, E_NEED …);
 * a workbook's own names win. Expected texts are written out by hand.
 */
import { ParityCase, col, err, omit, val } from '../../support/parity';

const CHECKS = col('OK', 'Missing: E_EXEC', null, 'Missing: E_X1, E_EXEC');
const IDS = col('E_X1', 'E_X2');
const NAMES = col('Budget confirmed', 'Pilot agreed');

export const cases: ParityCase[] = [
  {
    fn: 'STAGECHECKTEXT',
    name: 'en: OK stays, missing events by their default names, unknown ids stay',
    args: [CHECKS],
    expect: ['OK', 'Missing: Senior-contact visit logged', null, 'Missing: E_X1, Senior-contact visit logged'],
  },
  {
    fn: 'STAGECHECKTEXT',
    name: 'zh: 齐全 and 缺 with the zh names, joined with 、',
    args: [CHECKS, val('zh-CN')],
    expect: ['齐全', '缺：已记录高层拜访', null, '缺：E_X1、已记录高层拜访'],
  },
  {
    fn: 'STAGECHECKTEXT',
    name: 'the workbook’s own event names win',
    args: [CHECKS, val('en-US'), IDS, NAMES],
    expect: ['OK', 'Missing: Senior-contact visit logged', null, 'Missing: Budget confirmed, Senior-contact visit logged'],
  },
  {
    fn: 'STAGECHECKTEXT',
    name: 'zh workbook names',
    args: [col('Missing: E_X2'), val('zh'), IDS, col('预算已确认', '试点已同意')],
    expect: '缺：试点已同意',
  },
  { fn: 'STAGECHECKTEXT', name: 'one value', args: [val('OK'), val('zh-CN')], expect: '齐全' },
  { fn: 'STAGECHECKTEXT', name: 'a blank check stays blank', args: [col(null, ''), val('zh-CN')], expect: [null, null] },
  // an error text (not OK, not Missing) is shown as it is
  {
    fn: 'STAGECHECKTEXT',
    name: 'other text is shown as it is',
    args: [col('stage X is not listed'), val('zh-CN')],
    expect: 'stage X is not listed',
  },
  // ids matched without case; spaces after the comma ignored
  {
    fn: 'STAGECHECKTEXT',
    name: 'ids without case',
    args: [col('Missing: e_exec'), val('en')],
    expect: 'Missing: Senior-contact visit logged',
  },
  {
    fn: 'STAGECHECKTEXT',
    name: 'eventIds without eventNames',
    args: [CHECKS, val('en-US'), IDS, omit],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGECHECKTEXT',
    name: 'eventIds and eventNames differ in size',
    args: [CHECKS, val('en-US'), IDS, col('x')],
    expect: err('VALUE'),
  },
  { fn: 'STAGECHECKTEXT', name: 'zh-Hans tag', args: [col('OK'), val('zh-Hans-CN')], expect: '齐全' },
];
