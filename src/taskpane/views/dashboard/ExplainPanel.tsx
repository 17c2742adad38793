/**
 * "How is this computed" (issue #19): the engine's working of an indicator, shown, never
 * recomputed: the sentence, the parts as a small table, the filters, the rows left out and
 * why, the rows behind each part (Excel selects one; web mode shows it), and the formula
 * with its inputs last.
 */
import { Message, pick, pickAll } from '../../../core/i18n';
import { Cell, isoFromSerial } from '../../../core/cells';
import { formatValue } from '../../../core/format';
import { useEffect, useState } from 'react';
import { Body1, Button, Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { DrillRow, ExplainLeftOut, ExplainPart } from '../../../engine/indicatorWorking';
import type { Scope } from '../../../engine/scope';
import type { HostResult } from '../../../host/workbookHost';
import { TABLES } from '../../../model/schema';
import type { WorkbookSnapshot } from '../../../model/snapshot';
import type { Explanation, PaneEngine } from '../../paneEngine';
import { UiLocale, strings } from '../../strings';
import { explainStrings } from './explainStrings';

/** How the panel reaches a row: Excel selects it; web mode shows it from the workbook as read. */
export interface RowDoor {
  inExcel: boolean;
  goTo(sheet: string, cell: string): Promise<HostResult<object>>;
  snapshot: WorkbookSnapshot;
}

/** Rows listed per part; the rest are counted (`crm3 explain --json` lists them all). */
const ROWS_LISTED = 50;

const useStyles = makeStyles({
  panel: {
    marginTop: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  sentence: { overflowWrap: 'anywhere' },
  formula: {
    display: 'block',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
    margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalS}`,
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, tableLayout: 'fixed' },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  detail: { paddingLeft: tokens.spacingHorizontalL },
  code: { fontFamily: tokens.fontFamilyMonospace },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  rows: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  rowButton: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    minWidth: 0,
    height: 'auto',
    paddingLeft: 0,
    color: tokens.colorBrandForegroundLink,
  },
  rowText: { overflowWrap: 'anywhere' },
  countButton: {
    minWidth: 0,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    height: 'auto',
    fontVariantNumeric: 'tabular-nums',
    // A link's look: the count opens the rows behind it.
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'underline',
  },
  shown: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalXS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

interface Props {
  id: string;
  panelId: string;
  engine: PaneEngine;
  scopes: readonly Scope[];
  locale: UiLocale;
  currency: string;
  rowDoor: RowDoor;
}

/** The rows a part or a left-out reason lists, with what they are. */
interface Listed {
  key: string;
  what: string;
  count: number;
  rows: DrillRow[];
}

const listedOf = (x: ExplainPart | ExplainLeftOut, prefix: string): Listed => ({
  key: `${prefix}${x.key}`,
  what: 'label' in x ? x.label : x.reason,
  count: x.count,
  rows: x.rows ?? [],
});

const DATE_COLUMNS = new Set(TABLES.flatMap((t) => t.columns.filter((c) => c.type === 'date').map((c) => c.name)));
/** Each table's column headers in zh (OppName → 商机名称); question and criterion ids stay as they are. */
const ZH_HEADERS = new Map(TABLES.map((t) => [t.name as string, new Map(t.columns.map((c) => [c.name, c.zh]))]));

/** A row of the workbook as read, by its sheet and cell: its filled cells, dates as dates, headers in the pane's language. */
function rowCells(snapshot: WorkbookSnapshot, r: DrillRow, locale: UiLocale): [string, string][] {
  if (!r.sheet || !r.cell) return [];
  const [name, table] = Object.entries(snapshot.tables).find(([, t]) => t?.sheet === r.sheet) ?? [];
  const at = Number(/\d+$/.exec(r.cell)?.[0]) - (table?.origin.row ?? 0) - 1;
  const row = table?.rows[at];
  if (!table || !row) return [];
  return table.headers.flatMap((h, j): [string, string][] => {
    const c = row[j] as Cell;
    if (c === null || c === undefined || c === '') return [];
    const header = locale === 'zh-CN' ? (ZH_HEADERS.get(name ?? '')?.get(h) ?? h) : h;
    return [[header, typeof c === 'number' && DATE_COLUMNS.has(h) ? isoFromSerial(c) : String(c)]];
  });
}

function DrillDown({ listed, locale, rowDoor }: { listed: Listed; locale: UiLocale; rowDoor: RowDoor }) {
  const x = pickAll(explainStrings, locale);
  const s = useStyles();
  const [shown, setShown] = useState<DrillRow | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  async function open(r: DrillRow) {
    if (rowDoor.inExcel && r.sheet && r.cell) {
      const done = await rowDoor.goTo(r.sheet, r.cell);
      setStatus(done.ok ? x.wentTo(`${r.sheet}!${r.cell}`) : pick(done.message as Message, locale));
    } else setShown(shown?.row === r.row ? undefined : r);
  }
  const cells = shown ? rowCells(rowDoor.snapshot, shown, locale) : [];
  return (
    <div data-testid="explain-drill" data-drill-key={listed.key}>
      <Caption1 block>{x.rowsOf(listed.what, listed.count)}</Caption1>
      <ul className={s.rows}>
        {listed.rows.slice(0, ROWS_LISTED).map((r) => (
          <li key={r.row}>
            <Button
              appearance="transparent"
              size="small"
              className={s.rowButton}
              data-testid="explain-row"
              data-row-id={r.id}
              title={rowDoor.inExcel ? x.goToRow(r.id) : x.showRow(r.id)}
              aria-expanded={rowDoor.inExcel ? undefined : shown?.row === r.row}
              onClick={() => void open(r)}
            >
              <span className={s.rowText}>
                {r.id}
                {r.name ? ` · ${r.name}` : ''}
              </span>
            </Button>
            {shown?.row === r.row && (
              <table className={`${s.table} ${s.shown}`} data-testid="explain-row-shown">
                <caption style={{ textAlign: 'left' }}>
                  <Caption1>{r.sheet && r.cell ? x.rowOf(r.sheet, r.cell) : r.id}</Caption1>
                </caption>
                <tbody>
                  {cells.map(([h, v]) => (
                    <tr key={h}>
                      <th scope="row" className={s.cell} style={{ width: '45%', fontWeight: 'normal' }}>
                        {h}
                      </th>
                      <td className={s.cell}>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ul>
      {listed.count > ROWS_LISTED && <Caption1 block>{x.moreRows(listed.count - ROWS_LISTED)}</Caption1>}
      <div role="status" aria-live="polite">
        {status && <Caption1>{status}</Caption1>}
      </div>
    </div>
  );
}

export function ExplainPanel({ id, panelId, engine, scopes, locale, currency, rowDoor }: Props) {
  const t = pickAll(strings, locale);
  const x = pickAll(explainStrings, locale);
  const s = useStyles();
  const [explanation, setExplanation] = useState<Explanation | null | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    setExplanation(undefined);
    setOpen(undefined);
    engine.explain(id, scopes).then(
      (e) => live && setExplanation(e ?? null),
      () => live && setExplanation(null),
    );
    return () => {
      live = false;
    };
  }, [id, engine, scopes]);

  const w = explanation?.working;
  const listed = w ? [...w.parts.map((p) => listedOf(p, 'part:')), ...w.leftOut.map((l) => listedOf(l, 'out:'))] : [];
  const openListed = listed.find((l) => l.key === open);
  const countCell = (l: Listed) =>
    l.rows.length ? (
      <Button
        appearance="subtle"
        size="small"
        className={s.countButton}
        aria-expanded={open === l.key}
        title={open === l.key ? x.hideRows : x.showRows(l.count, l.what)}
        data-testid="explain-count"
        onClick={() => setOpen(open === l.key ? undefined : l.key)}
      >
        {formatValue(l.count, 'count', locale)}
      </Button>
    ) : (
      formatValue(l.count, 'count', locale)
    );

  return (
    <div id={panelId} className={s.panel} data-testid="explain-panel" role="region" aria-label={t.howComputed}>
      {explanation === undefined ? (
        <Spinner size="tiny" label={t.loadingView} />
      ) : explanation === null ? (
        <Caption1>{t.blank}</Caption1>
      ) : (
        <>
          {w ? (
            <>
              <Body1 block className={s.sentence} data-testid="explain-sentence">
                {w.sentence}
              </Body1>
              <table className={s.table} data-testid="explain-parts">
                <caption style={{ textAlign: 'left' }}>
                  <Caption1>{x.parts}</Caption1>
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className={s.cell} style={{ width: '52%' }}>
                      {x.part}
                    </th>
                    <th scope="col" className={`${s.cell} ${s.number}`}>
                      {x.value}
                    </th>
                    <th scope="col" className={`${s.cell} ${s.number}`} style={{ width: '18%' }}>
                      {x.rows}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {w.parts.map((p, k) => (
                    <tr key={p.key} data-part-key={p.key}>
                      <td className={`${s.cell} ${p.of ? s.detail : ''}`}>{p.label}</td>
                      <td className={`${s.cell} ${s.number}`}>
                        {formatValue(p.value, p.unit, locale, { style: 'compact', currency })}
                      </td>
                      <td className={`${s.cell} ${s.number}`}>{countCell(listed[k])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {w.filters.length > 0 && (
                <div>
                  <Caption1 block>{x.filters}</Caption1>
                  <ul className={s.list} data-testid="explain-filters">
                    {w.filters.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                </div>
              )}
              {w.leftOut.length > 0 && (
                <table className={s.table} data-testid="explain-left-out">
                  <caption style={{ textAlign: 'left' }}>
                    <Caption1>{x.leftOut}</Caption1>
                  </caption>
                  <tbody>
                    {w.leftOut.map((l, k) => (
                      <tr key={l.key} data-left-out-key={l.key}>
                        <td className={s.cell}>{l.reason}</td>
                        <td className={`${s.cell} ${s.number}`} style={{ width: '18%' }}>
                          {countCell(listed[w.parts.length + k])}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {openListed && <DrillDown key={openListed.key} listed={openListed} locale={locale} rowDoor={rowDoor} />}
            </>
          ) : (
            <Caption1 block>{x.noWorking}</Caption1>
          )}
          <div>
            <Caption1 block>{x.formula}</Caption1>
            <code className={s.formula} data-testid="explain-formula">
              {explanation.formula}
            </code>
            <table className={s.table} data-testid="explain-inputs">
              <caption style={{ textAlign: 'left' }}>
                <Caption1>{t.inputs}</Caption1>
              </caption>
              <thead>
                <tr>
                  <th scope="col" className={s.cell} style={{ width: '62%' }}>
                    {t.input}
                  </th>
                  <th scope="col" className={s.cell}>
                    {t.valueLabel}
                  </th>
                </tr>
              </thead>
              <tbody>
                {explanation.inputs.map((input, i) => (
                  <tr key={i}>
                    <td className={`${s.cell} ${s.code}`}>{input.text}</td>
                    <td className={s.cell}>{input.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
