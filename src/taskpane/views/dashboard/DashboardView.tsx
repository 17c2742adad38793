/**
 * The value-indicator dashboard: the indicators grouped by the four goals, for the whole
 * workbook or one scope, each explainable, and the charts below (loaded on demand).
 */
import { pick, pickAll } from '../../../core/i18n';
import { Suspense, lazy, useDeferredValue, useEffect, useMemo, useState } from 'react';
import {
  Caption1,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isoFromSerial } from '../../../core/cells';
import type { DealMovement, IndicatorDelta, SnapshotInfo } from '../../../engine/history';
import { historyStrings } from './historyStrings';
import { WhatMoved } from './WhatMoved';
import { SaveSnapshot } from './SaveSnapshot';
import { DueForReview } from './DueForReview';
import type { EvaluationResult } from '../../../engine/evaluate';
import type { Scope } from '../../../engine/scope';
import { BUILT_IN_INDICATORS, GOALS } from '../../../model/indicators';
import { UiLocale, strings } from '../../strings';
import type { ViewProps } from '../viewProps';
import { IndicatorCard } from './IndicatorCard';
import type { RowDoor } from './ExplainPanel';
import { ScopePicker } from './ScopePicker';

const DashboardCharts = lazy(() => import(/* webpackChunkName: "charts" */ './DashboardCharts'));

/**
 * Indicator cards in the dashboard's first paint: more than a pane's height shows. React
 * renders the other cards, the deals due for review and the charts right after, in the
 * background: the 40 cards took a 400 ms task before anything was painted (issue #15, web
 * mode's first indicator).
 */
const FIRST_CARDS = 8;

const useStyles = makeStyles({
  goal: { marginTop: tokens.spacingVerticalL },
  list: { margin: 0, padding: 0 },
  meta: { margin: `${tokens.spacingVerticalS} 0` },
});

export interface DashboardProps extends ViewProps {
  /** Bumped by the shell on every reload of the workbook. */
  version: number;
}

export function DashboardView(props: DashboardProps) {
  const { engine, snapshot, version } = props;
  const locale = props.locale as UiLocale;
  const t = pickAll(strings, locale);
  const s = useStyles();
  const [scope, setScope] = useState<Scope | undefined>();
  const scopes = useMemo(() => (scope ? [scope] : []), [scope]);
  const [scoped, setScoped] = useState<{ key: string; result: EvaluationResult } | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const key = `${version}|${scope?.field}|${scope?.value}`;

  useEffect(() => {
    if (!scope) return;
    let live = true;
    setFailed(undefined);
    engine.evaluate(scopes).then(
      (result) => live && setScoped({ key, result }),
      (e: Error) => live && setFailed(e.message),
    );
    return () => {
      live = false;
    };
  }, [engine, scope, scopes, key]);

  // History: the snapshots, the one chosen (default the latest), and Δ + What moved against it.
  const h = pickAll(historyStrings, locale);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[]>([]);
  const [since, setSince] = useState<number | undefined>();
  const [compared, setCompared] = useState<
    { key: string; since: string; deltas: Map<string, IndicatorDelta>; moved: DealMovement[] } | undefined
  >();
  useEffect(() => {
    let live = true;
    engine.snapshots().then(
      (list) => {
        if (!live) return;
        setSnapshots(list);
        setSince(list.length ? list[list.length - 1].date : undefined);
      },
      () => live && setSnapshots([]),
    );
    return () => {
      live = false;
    };
  }, [engine, version]);
  const compareKey = `${version}|${since}`;
  useEffect(() => {
    if (since === undefined) return;
    let live = true;
    engine.compare(since).then(
      (r) =>
        live &&
        r.since &&
        setCompared({
          key: compareKey,
          since: isoFromSerial(r.since.date) + (r.since.label ? ` (${r.since.label})` : ''),
          deltas: new Map(r.indicators.flatMap((i) => (i.delta ? [[i.id, i.delta] as [string, IndicatorDelta]] : []))),
          moved: r.moved,
        }),
      (e: Error) => live && setFailed(e.message),
    );
    return () => {
      live = false;
    };
  }, [engine, since, compareKey]);
  const comparison = !scope && since !== undefined && compared?.key === compareKey ? compared : undefined;
  const snapshotLabel = (x: SnapshotInfo) => isoFromSerial(x.date) + (x.label ? ` · ${x.label}` : '');

  const result = scope ? (scoped?.key === key ? scoped.result : undefined) : props.result;
  // The explain panel's drill-down: Excel selects a row; web mode shows it from the workbook as read.
  const rowDoor = useMemo<RowDoor>(
    () => ({ inExcel: !!props.inExcel, goTo: (sheet, cell) => props.host.goTo(sheet, cell), snapshot }),
    [props.inExcel, props.host, snapshot],
  );
  const rows = useMemo(
    () => new Map((snapshot.indicators?.length ? snapshot.indicators : BUILT_IN_INDICATORS).map((r) => [r.id, r])),
    [snapshot],
  );
  // The engine's currency (Config's, else the amount cells' format); none when neither says: never a default one.
  const currency = props.result.currency ?? '';
  const cardLimit = useDeferredValue(Number.POSITIVE_INFINITY, FIRST_CARDS);
  const whole = cardLimit === Number.POSITIVE_INFINITY;
  let cardsLeft = cardLimit;
  const goals = [...GOALS.map((g) => ({ id: g.id as string, name: pick(g, locale) }))];
  for (const i of result?.indicators ?? []) if (!goals.some((g) => g.id === i.goal)) goals.push({ id: i.goal, name: i.goal });

  return (
    <section aria-labelledby="dashboard-title" data-testid="dashboard" data-complete={whole}>
      <Subtitle2 as="h2" id="dashboard-title" block>
        {t.views.dashboard}
      </Subtitle2>
      <ScopePicker engine={engine} locale={locale} version={version} scope={scope} onChange={setScope} />
      {snapshots.length > 0 && (
        <Field label={h.compareWith} hint={scope ? h.wholeOnly : undefined}>
          <Dropdown
            data-testid="compare-snapshot"
            value={since === undefined ? h.noComparison : snapshotLabel(snapshots.find((x) => x.date === since) ?? snapshots[0])}
            selectedOptions={[String(since ?? '')]}
            onOptionSelect={(_, d) => setSince(d.optionValue ? Number(d.optionValue) : undefined)}
          >
            <Option value="">{h.noComparison}</Option>
            {[...snapshots].reverse().map((x) => (
              <Option key={x.date} value={String(x.date)} text={snapshotLabel(x)}>
                {snapshotLabel(x)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <SaveSnapshot
        engine={engine}
        host={props.host}
        locale={locale}
        asOf={props.result.asOf}
        inExcel={!!props.inExcel}
        refresh={props.refresh}
      />
      {failed && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t.engineFailed} {failed}
          </MessageBarBody>
        </MessageBar>
      )}
      {!result ? (
        !failed && <Spinner size="small" label={t.loading} />
      ) : (
        <>
          <Caption1 as="p" block className={s.meta} data-testid="dashboard-meta">
            {t.asOf} {result.asOf} · {t.indicatorsOf(result.indicators.length)}
            {scope ? ` · ${t.scopeFields[scope.field]} = ${scope.value}` : ''}
          </Caption1>
          {goals.map((g) => {
            const indicators = result.indicators.filter((i) => i.goal === g.id).slice(0, Math.max(0, cardsLeft));
            cardsLeft -= indicators.length;
            if (!indicators.length) return null;
            return (
              <section key={g.id} className={s.goal} aria-labelledby={`goal-${g.id}`} data-goal={g.id}>
                <Subtitle2 as="h3" id={`goal-${g.id}`} block>
                  {g.name}
                </Subtitle2>
                <ul className={s.list}>
                  {indicators.map((i) => (
                    <IndicatorCard
                      key={i.id}
                      indicator={i}
                      delta={comparison?.deltas.get(i.id)}
                      row={rows.get(i.id)}
                      engine={engine}
                      scopes={scopes}
                      locale={locale}
                      currency={currency}
                      rowDoor={rowDoor}
                    />
                  ))}
                </ul>
              </section>
            );
          })}
          {whole && (
            <>
              {comparison && <WhatMoved moved={comparison.moved} since={comparison.since} locale={locale} />}
              <DueForReview engine={engine} locale={locale} currency={currency} version={version} />
              <Suspense fallback={<Spinner size="tiny" label={t.loadingCharts} />}>
                <DashboardCharts engine={engine} scopes={scopes} locale={locale} version={key} currency={currency} />
              </Suspense>
            </>
          )}
        </>
      )}
    </section>
  );
}
