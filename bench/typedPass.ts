/**
 * The honest limit of row (2) (issue #15): five representative indicators computed by hand,
 * in one pass each over typed columns parsed once — no engine, no catalog, no checks beyond
 * what the sample needs. Parsing (dictionary codes for Status and Support with their aliases
 * folded once per distinct text, Float64Array amounts and dates with NaN for blank, the
 * decision chain's OppId joined once to opportunity rows as an Int32Array) is timed apart
 * from the passes.
 *
 * Sums are plain floating point here; the kernels sum exactly (src/calc/exact.ts), so the
 * bench compares the values to 12 significant digits and says whether they agree.
 */
import { Cell, keyOf, toDateSerial, toNumber } from '../src/core/cells';
import { Enumeration, Status, Support, lookupEnum } from '../src/core/enumerations';
import { resolveSettings } from '../src/engine/sheets';
import { BUILT_IN_INDICATORS } from '../src/model/indicators';
import { IndicatorRow, TableData, WorkbookSnapshot } from '../src/model/snapshot';

/** The five indicators: a status count in a period, a sum, a ratio of two, a rate, and a join. */
export const FIVE = ['WIN_RATE_COUNT', 'OPEN_PIPE', 'AVG_WON_DEAL', 'NO_DECISION_RATE', 'MENTOR_RATE'] as const;

export function fiveIndicatorRows(): IndicatorRow[] {
  return FIVE.map((id) => BUILT_IN_INDICATORS.find((i) => i.id === id)!);
}

function columnOf(t: TableData, name: string): Cell[] {
  const j = t.headers.indexOf(name);
  return t.rows.map((r) => (j < 0 ? null : (r[j] ?? null)));
}

/** Enumeration codes: each distinct text looked up once; −1 blank or unknown. */
function codes(values: readonly Cell[], e: Enumeration, wanted: readonly string[]): Int32Array {
  const out = new Int32Array(values.length);
  const seen = new Map<Cell, number>();
  for (let i = 0; i < values.length; i++) {
    const c = values[i];
    let k = seen.get(c);
    if (k === undefined) {
      const code = lookupEnum(e, c)?.code;
      k = code === undefined ? -1 : wanted.indexOf(code);
      seen.set(c, k);
    }
    out[i] = k;
  }
  return out;
}

function floats(values: readonly Cell[], parse: (c: Cell) => number | undefined): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = parse(values[i]) ?? NaN;
  return out;
}

export interface TypedOpportunities {
  status: Int32Array;
  amount: Float64Array;
  closeDate: Float64Array;
  /** Each decision-chain row's opportunity row (−1: none). */
  chainOpp: Int32Array;
  chainSupport: Int32Array;
  periodStart: number;
  periodEnd: number;
  noDecisionIsLoss: boolean;
}

const STATUS = ['Open', 'Won', 'Lost', 'NoDecision'];
const [OPEN, WON, LOST, NO_DECISION] = [0, 1, 2, 3];
const MENTOR = 0;

export function parseTyped(snapshot: WorkbookSnapshot, asOf: number): TypedOpportunities {
  const opp = snapshot.tables.Opportunities!;
  const dc = snapshot.tables.DecisionChain!;
  const settings = resolveSettings(snapshot, asOf);
  const rowOf = new Map<string, number>();
  columnOf(opp, 'OppId').forEach((id, i) => {
    const k = keyOf(id);
    if (k !== '' && !rowOf.has(k)) rowOf.set(k, i);
  });
  const chainIds = columnOf(dc, 'OppId');
  const chainOpp = new Int32Array(chainIds.length);
  for (let i = 0; i < chainIds.length; i++) chainOpp[i] = rowOf.get(keyOf(chainIds[i])) ?? -1;
  return {
    status: codes(columnOf(opp, 'Status'), Status, STATUS),
    amount: floats(columnOf(opp, 'Amount'), toNumber),
    closeDate: floats(columnOf(opp, 'CloseDate'), toDateSerial),
    chainOpp,
    chainSupport: codes(columnOf(dc, 'Support'), Support, ['Mentor']),
    periodStart: settings.PeriodStart as number,
    periodEnd: settings.PeriodEnd as number,
    noDecisionIsLoss: settings.NoDecisionIsLoss !== false,
  };
}

/** The five values (null where the indicator has no data). */
export function fivePasses(t: TypedOpportunities): Record<(typeof FIVE)[number], number | null> {
  const n = t.status.length;
  let won = 0;
  let closed = 0;
  let noDecision = 0;
  let decided = 0;
  let wonSum = 0;
  let open = 0;
  for (let i = 0; i < n; i++) {
    const s = t.status[i];
    if (s === OPEN) {
      if (!Number.isNaN(t.amount[i])) open += t.amount[i];
      continue;
    }
    if (s < 0) continue;
    const d = t.closeDate[i];
    if (Number.isNaN(d) || d < t.periodStart || d > t.periodEnd) continue;
    decided++;
    if (s === NO_DECISION) noDecision++;
    if (s === WON) {
      won++;
      wonSum += Number.isNaN(t.amount[i]) ? 0 : t.amount[i];
    }
    if (s === WON || s === LOST || (s === NO_DECISION && t.noDecisionIsLoss)) closed++;
  }
  // MENTOR_RATE: open opportunities with at least one Mentor on their decision chain.
  const hasMentor = new Uint8Array(n);
  for (let r = 0; r < t.chainOpp.length; r++)
    if (t.chainSupport[r] === MENTOR && t.chainOpp[r] >= 0) hasMentor[t.chainOpp[r]] = 1;
  let openCount = 0;
  let mentored = 0;
  for (let i = 0; i < n; i++)
    if (t.status[i] === OPEN) {
      openCount++;
      mentored += hasMentor[i];
    }
  return {
    WIN_RATE_COUNT: closed > 0 ? won / closed : null,
    OPEN_PIPE: open,
    AVG_WON_DEAL: won > 0 ? wonSum / won : null,
    NO_DECISION_RATE: decided > 0 ? noDecision / decided : null,
    MENTOR_RATE: openCount > 0 ? mentored / openCount : null,
  };
}
