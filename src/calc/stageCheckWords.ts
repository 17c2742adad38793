/**
 * StageCheck as a person reads it. The StageCheck value is a contract (DESIGN §9: "OK" or
 * "Missing: E_X, E_Y", the same in every language, so formulas and JSON can test it); what a
 * page, the pane or a report shows is this: "OK" / "Missing: <event names>" in en, 齐全 /
 * 缺：<事件名称> in zh, the event names taken from the workbook's StageEvents table (its
 * Description, written in the workbook's language), else the default events' names, else the id.
 * The one home of that display: CRM3.STAGECHECKTEXT, the pane and the reports all call it.
 */
import { Cell, Column, isBlank, keyOf } from '../core/cells';
import { Locale, bi, joinList, pick } from '../core/i18n';
import { DEFAULT_STAGE_EVENTS, MISSING_PREFIX, STAGE_OK } from './stages';

export const STAGE_CHECK_WORDS = {
  ok: bi('OK', '齐全'),
  missing: (events: string) => bi(`Missing: ${events}`, `缺：${events}`),
};

/** Event id → name, from a StageEvents table's EventId and Description columns (first row wins). */
export function eventNames(ids: Column = [], names: Column = []): Map<string, string> {
  const out = new Map<string, string>();
  ids.forEach((id, i) => {
    const name = names[i];
    if (!isBlank(id) && !isBlank(name) && !out.has(keyOf(id))) out.set(keyOf(id), String(name).trim());
  });
  return out;
}

const DEFAULT_NAMES = new Map(DEFAULT_STAGE_EVENTS.map((e) => [keyOf(e.eventId), e.description]));

/**
 * One StageCheck value in words. `names` maps event ids to the workbook's names for them (a zh
 * workbook's are zh); an id it lacks takes its default name in `locale`, else stays the id.
 * Blank stays blank; a value that is neither OK nor Missing (an error text) is shown as it is.
 */
export function stageCheckInWords(check: Cell | undefined, locale: Locale, names: ReadonlyMap<string, string> = new Map()): Cell {
  if (check === undefined || check === null) return null;
  if (typeof check !== 'string') return check;
  const text: string = check.trim();
  if (text === '') return null;
  if (text === STAGE_OK) return pick(STAGE_CHECK_WORDS.ok, locale);
  if (!text.startsWith(MISSING_PREFIX)) return check;
  const events = text
    .slice(MISSING_PREFIX.length)
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
    .map((id) => {
      const k = keyOf(id);
      const given = names.get(k);
      if (given) return given;
      const d = DEFAULT_NAMES.get(k);
      return d ? pick(d, locale) : id;
    });
  return pick(STAGE_CHECK_WORDS.missing(joinList(events, locale)), locale);
}
