/**
 * The value-indicator dashboard: the indicators grouped by the four goals, for the whole
 * workbook or one scope, each explainable, and the charts below (loaded on demand).
 */
import { pick, pickAll } from '../../../core/i18n';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { Caption1, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { EvaluationResult } from '../../../engine/evaluate';
import type { Scope } from '../../../engine/scope';
import { BUILT_IN_INDICATORS, GOALS } from '../../../model/indicators';
import { UiLocale, strings } from '../../strings';
import type { ViewProps } from '../viewProps';
import { IndicatorCard } from './IndicatorCard';
import type { RowDoor } from './ExplainPanel';
import { ScopePicker } from './ScopePicker';

const DashboardCharts = lazy(() => import(/* webpackChunkName: "charts" */ './DashboardCharts'));

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
  const goals = [...GOALS.map((g) => ({ id: g.id as string, name: pick(g, locale) }))];
  for (const i of result?.indicators ?? []) if (!goals.some((g) => g.id === i.goal)) goals.push({ id: i.goal, name: i.goal });

  return (
    <section aria-labelledby="dashboard-title" data-testid="dashboard">
      <Subtitle2 as="h2" id="dashboard-title" block>
        {t.views.dashboard}
      </Subtitle2>
      <ScopePicker engine={engine} locale={locale} version={version} scope={scope} onChange={setScope} />
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
            const indicators = result.indicators.filter((i) => i.goal === g.id);
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
          <Suspense fallback={<Spinner size="tiny" label={t.loadingCharts} />}>
            <DashboardCharts engine={engine} scopes={scopes} locale={locale} version={key} currency={currency} />
          </Suspense>
        </>
      )}
    </section>
  );
}
