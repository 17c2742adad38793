/**
 * What-if (DESIGN §8): change a deal's status, stage or amount, or a contact's support on its
 * chain, and see which indicators move against the workbook as it is. The engine evaluates the
 * changes and puts the workbook back; only Apply writes them through the host.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Cell, keyOf } from '../../../core/cells';
import { Enumeration, Status, Support, lookupEnum } from '../../../core/enumerations';
import { Message, pick, pickAll } from '../../../core/i18n';
import type { ChainMember } from '../../../engine/decisionChain';
import type { CellChange } from '../../../engine/workbookEngine';
import { BUILT_IN_INDICATORS } from '../../../model/indicators';
import { columnValues } from '../../../model/workbookColumns';
import { OpportunityChoice, OpportunityPicker } from '../../components/OpportunityPicker';
import type { ViewProps } from '../viewProps';
import { DealEditor, DealValues } from './DealEditor';
import { IndicatorMoves } from './IndicatorMoves';
import { IndicatorMove, indicatorMoves } from './indicatorMoves';
import { whatIfStrings } from './whatIfStrings';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** Wait this long after the last keystroke before asking the engine (typing an amount). */
const DEBOUNCE_MS = 250;

type Run =
  { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; moves: IndicatorMove[] } | { kind: 'failed'; message: string };
type ApplyState = { kind: 'idle' } | { kind: 'applying' } | { kind: 'applied' } | { kind: 'failed'; message: Message };

/** Columns the editor offers as a list of enumeration values. */
const ENUM_COLUMNS: Record<string, Enumeration | undefined> = { Status, Support };

const changeKey = (c: { table: string; row: number; column: string }) => `${c.table}\u0000${c.row}\u0000${c.column}`;

export function WhatIfView({ host, engine, locale, snapshot, refresh }: ViewProps) {
  const styles = useStyles();
  const t = pickAll(whatIfStrings, locale);
  const [choice, setChoice] = useState<OpportunityChoice | undefined>();
  const [changes, setChanges] = useState<ReadonlyMap<string, CellChange>>(new Map());
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const [apply, setApply] = useState<ApplyState>({ kind: 'idle' });
  const ticket = useRef(0);

  // The workbook was re-read (after Apply, or an edit in Excel): start again from it.
  useEffect(() => {
    setChanges(new Map());
  }, [snapshot]);

  const original = (table: CellChange['table'], row: number, column: string): Cell =>
    columnValues(snapshot.tables[table], column)?.[row] ?? null;
  const current = (table: CellChange['table'], row: number, column: string): Cell => {
    const c = changes.get(changeKey({ table, row, column }));
    return c ? c.value : original(table, row, column);
  };
  const edit = (table: CellChange['table'], row: number, column: string, picked: Cell) => {
    const next = new Map(changes);
    const key = changeKey({ table, row, column });
    const before = original(table, row, column);
    const e = ENUM_COLUMNS[column];
    const now = e ? lookupEnum(e, picked) : undefined;
    // An enumeration is written in the language the workbook already uses for it (赢单 next to 进行中).
    const value = now && e ? (lookupEnum(e, before)?.zh === String(before).trim() ? now.zh : now.code) : picked;
    const same = e ? now !== undefined && now === lookupEnum(e, before) : keyOf(value) === keyOf(before);
    // Back to the workbook's value: no longer a change.
    if (same) next.delete(key);
    else next.set(key, { table, row, column, value });
    setChanges(next);
    setApply({ kind: 'idle' });
  };

  useEffect(() => {
    const mine = ++ticket.current;
    const list = [...changes.values()];
    if (list.length === 0) {
      setRun({ kind: 'idle' });
      return;
    }
    setRun({ kind: 'running' });
    const timer = setTimeout(() => {
      engine
        .whatIf(list)
        .then(({ base, changed }) => {
          if (mine === ticket.current)
            setRun({ kind: 'done', moves: indicatorMoves(base, changed, snapshot.indicators ?? BUILT_IN_INDICATORS) });
        })
        .catch((e: unknown) => {
          if (mine === ticket.current) setRun({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [changes, engine, snapshot]);

  // The stage list and the deal's chain, as the engine holds them.
  const [stages, setStages] = useState<string[]>([]);
  const [members, setMembers] = useState<ChainMember[]>([]);
  useEffect(() => {
    let live = true;
    engine.stages().then(
      (s) => live && setStages(s),
      () => live && setStages([]),
    );
    return () => {
      live = false;
    };
  }, [engine, snapshot]);
  useEffect(() => {
    setMembers([]);
    if (!choice) return;
    let live = true;
    engine.decisionChain(choice.row).then(
      (m) => live && setMembers(m.members),
      () => live && setMembers([]),
    );
    return () => {
      live = false;
    };
  }, [engine, snapshot, choice]);

  const dealValues: DealValues | undefined = choice && {
    Status: current('Opportunities', choice.row, 'Status'),
    Stage: current('Opportunities', choice.row, 'Stage'),
    Amount: current('Opportunities', choice.row, 'Amount'),
  };
  const support = new Map(members.map((m) => [m.row, current('DecisionChain', m.row, 'Support')]));

  async function applyChanges() {
    setApply({ kind: 'applying' });
    const done = await host.write({ cells: [...changes.values()] });
    if (!done.ok) {
      setApply({ kind: 'failed', message: done.message });
      return;
    }
    setApply({ kind: 'applied' });
    refresh();
  }

  return (
    <section className={styles.view} aria-labelledby="whatif-heading" data-view="whatIf">
      <Title3 as="h2" id="whatif-heading">
        {t.heading}
      </Title3>
      <Body1>{t.intro}</Body1>
      <OpportunityPicker snapshot={snapshot} locale={locale} selected={choice} onSelect={setChoice} />
      {!choice && <Body1>{t.pick}</Body1>}
      {choice && dealValues && (
        <DealEditor
          locale={locale}
          values={dealValues}
          stages={stages}
          members={members}
          support={support}
          onDeal={(column, value) => edit('Opportunities', choice.row, column, value)}
          onSupport={(row, value) => edit('DecisionChain', row, 'Support', value)}
        />
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={changes.size === 0 || apply.kind === 'applying'}
          onClick={() => void applyChanges()}
        >
          {apply.kind === 'applying' ? t.applying : t.apply}
        </Button>
        <Button disabled={changes.size === 0} onClick={() => setChanges(new Map())}>
          {t.reset}
        </Button>
        {changes.size > 0 && <Caption1>{t.pending(changes.size)}</Caption1>}
      </div>
      <div aria-live="polite" data-testid="whatif-result">
        {run.kind === 'idle' && apply.kind !== 'applied' && <Body1>{t.noChanges}</Body1>}
        {run.kind === 'running' && <Spinner size="tiny" label={t.computing} />}
        {run.kind === 'done' && (
          <>
            <Body1>{t.moved(run.moves.length)}</Body1>
            <IndicatorMoves moves={run.moves} locale={locale} />
          </>
        )}
        {run.kind === 'failed' && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {t.failed} {run.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {apply.kind === 'applied' && (
          <MessageBar intent="success">
            <MessageBarBody>{t.applied}</MessageBarBody>
          </MessageBar>
        )}
        {apply.kind === 'failed' && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {t.applyFailed} {pick(apply.message, locale)}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
