/**
 * The dashboard's charts (a lazily loaded chunk with chart.js): the tier matrix, the open
 * pipeline by stage and the win rate per owner with its Wilson interval. The numbers come
 * from the engine (calc kernels), this file only draws them.
 */
import { pickAll } from '../../../core/i18n';
import { useEffect, useMemo, useState } from 'react';
import type { ChartConfiguration } from 'chart.js/auto';
import { Caption1, Spinner } from '@fluentui/react-components';
import type { Scope } from '../../../engine/scope';
import type { DashboardCharts as ChartData, PaneEngine } from '../../paneEngine';
import { UiLocale, strings } from '../../strings';
import { ChartCanvas } from './ChartCanvas';
import { formatValue } from '../../../core/format';

const TIER_COLORS: Record<string, string> = { A: '#107c10', B: '#0f6cbd', C: '#c19c00', D: '#8a8886' };

interface Props {
  engine: PaneEngine;
  scopes: readonly Scope[];
  locale: UiLocale;
  /** Changes when the numbers may have changed (reload, scope). */
  version: string;
  currency: string;
}

function tierConfig(data: ChartData['tierMatrix'], locale: UiLocale): ChartConfiguration {
  const t = pickAll(strings, locale);
  const tiers = [...new Set(data.points.map((p) => p.tier))].sort();
  const line = (points: { x: number; y: number }[]) => ({
    type: 'line' as const,
    data: points,
    borderColor: '#a4262c',
    borderDash: [4, 4],
    borderWidth: 1,
    pointRadius: 0,
    label: '',
  });
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...tiers.map((tier) => ({
          label: `${t.tierLabel} ${tier || t.blank}`,
          data: data.points.filter((p) => p.tier === tier).map((p) => ({ x: p.position, y: p.attractiveness })),
          backgroundColor: TIER_COLORS[tier] ?? '#605e5c',
          pointRadius: 4,
          // Accounts at 0 or 100 sit on the axis: draw them whole.
          clip: 6,
        })),
        line([
          { x: 0, y: data.attractivenessThreshold },
          { x: 100, y: data.attractivenessThreshold },
        ]),
        line([
          { x: data.positionThreshold, y: 0 },
          { x: data.positionThreshold, y: 100 },
        ]),
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { right: 8, top: 4 } },
      scales: {
        x: { min: 0, max: 100, title: { display: true, text: t.position } },
        y: { min: 0, max: 100, title: { display: true, text: t.attractiveness } },
      },
      plugins: { legend: { labels: { filter: (item) => !!item.text, boxWidth: 10 } } },
    },
  } as ChartConfiguration;
}

function pipelineConfig(data: ChartData['pipelineByStage'], locale: UiLocale, currency: string): ChartConfiguration {
  const t = pickAll(strings, locale);
  return {
    type: 'bar',
    data: {
      labels: data.map((d) => d.stage),
      datasets: [{ label: t.amount, data: data.map((d) => d.amount), backgroundColor: '#0f6cbd' }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      // Room for the last tick label ("¥6000万") at the right edge.
      layout: { padding: { right: 24 } },
      plugins: { legend: { display: false } },
      scales: {
        x: {
          ticks: { callback: (v) => formatValue(Number(v), 'amount', locale, { style: 'compact', currency }), maxTicksLimit: 4 },
        },
      },
    },
  };
}

function winRateConfig(data: ChartData['winRateByOwner'], locale: UiLocale): ChartConfiguration {
  const t = pickAll(strings, locale);
  const pct = (v: number) => formatValue(v, 'ratio', locale, { style: 'compact' });
  return {
    type: 'bar',
    data: {
      labels: data.map((d) => d.owner),
      datasets: [
        // The rate as a thin mark drawn over its interval (floating bars, not grouped).
        {
          label: t.winRate,
          data: data.map((d) => [Math.max(0, d.rate - 0.006), Math.min(1, d.rate + 0.006)]),
          backgroundColor: 'currentColor',
          grouped: false,
          barPercentage: 0.7,
        },
        {
          label: t.interval,
          data: data.map((d) => [d.lower, d.upper]),
          backgroundColor: 'rgba(15,108,189,0.35)',
          grouped: false,
          barPercentage: 0.7,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { right: 16 } },
      scales: { x: { min: 0, max: 1, ticks: { callback: (v) => pct(Number(v)), maxTicksLimit: 5 } } },
      plugins: { legend: { labels: { boxWidth: 10 } } },
    },
  } as ChartConfiguration;
}

export default function DashboardCharts({ engine, scopes, locale, version, currency }: Props) {
  const t = pickAll(strings, locale);
  const [data, setData] = useState<ChartData | undefined>();
  useEffect(() => {
    let live = true;
    engine.charts(scopes).then(
      (d) => live && setData(d),
      () => live && setData(undefined),
    );
    return () => {
      live = false;
    };
  }, [engine, scopes, version]);
  const configs = useMemo(
    () =>
      data && {
        tier: tierConfig(data.tierMatrix, locale),
        pipeline: pipelineConfig(data.pipelineByStage, locale, currency),
        win: winRateConfig(data.winRateByOwner, locale),
      },
    [data, locale, currency],
  );
  if (!data || !configs) return <Spinner size="tiny" label={t.loadingCharts} />;
  const money = (v: number) => formatValue(v, 'amount', locale, { style: 'compact', currency });
  const pct = (v: number) => formatValue(v, 'ratio', locale, { style: 'compact' });
  const total = data.pipelineByStage.reduce((a, d) => a + d.amount, 0);
  const { tierMatrix: tm, pipelineByStage: stages, winRateByOwner: owners } = data;
  return (
    <section aria-label={t.charts} data-testid="charts">
      {tm.points.length ? (
        <ChartCanvas
          testId="chart-tier-matrix"
          title={t.tierMatrix}
          summary={t.tierMatrixSummary(tm.points.length, tm.attractivenessThreshold, tm.positionThreshold)}
          height={260}
          config={configs.tier}
          table={
            <table>
              <caption>{t.tierMatrix}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.account}</th>
                  <th scope="col">{t.attractiveness}</th>
                  <th scope="col">{t.position}</th>
                  <th scope="col">{t.tierLabel}</th>
                </tr>
              </thead>
              <tbody>
                {tm.points.map((p) => (
                  <tr key={p.account}>
                    <th scope="row">{p.name || p.account}</th>
                    <td>{p.attractiveness}</td>
                    <td>{p.position}</td>
                    <td>{p.tier}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : (
        <Caption1 block>{t.noChartData}</Caption1>
      )}
      {data.problems.pipelineByStage ? (
        <Caption1 block data-testid="chart-pipeline-problem">
          {t.chartFailed(t.pipelineByStage, data.problems.pipelineByStage)}
        </Caption1>
      ) : (
        <ChartCanvas
          testId="chart-pipeline"
          title={t.pipelineByStage}
          summary={t.pipelineSummary(money(total))}
          height={Math.max(160, 28 * stages.length + 40)}
          config={configs.pipeline}
          table={
            <table>
              <caption>{t.pipelineByStage}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.stage}</th>
                  <th scope="col">{t.amount}</th>
                </tr>
              </thead>
              <tbody>
                {stages.map((d) => (
                  <tr key={d.stage}>
                    <th scope="row">{d.stage}</th>
                    <td>{money(d.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
      {data.problems.winRateByOwner ? (
        <Caption1 block data-testid="chart-win-rate-problem">
          {t.chartFailed(t.winRateByOwner, data.problems.winRateByOwner)}
        </Caption1>
      ) : owners.length ? (
        <ChartCanvas
          testId="chart-win-rate"
          title={t.winRateByOwner}
          summary={t.winRateSummary(owners.length)}
          height={Math.max(160, 30 * owners.length + 60)}
          config={configs.win}
          table={
            <table>
              <caption>{t.winRateByOwner}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.owner}</th>
                  <th scope="col">{t.winRate}</th>
                  <th scope="col">{t.wonOfClosed}</th>
                  <th scope="col">{t.interval}</th>
                </tr>
              </thead>
              <tbody>
                {owners.map((d) => (
                  <tr key={d.owner}>
                    <th scope="row">{d.owner}</th>
                    <td>{pct(d.rate)}</td>
                    <td>
                      {d.won} / {d.closed}
                    </td>
                    <td>
                      {pct(d.lower)} – {pct(d.upper)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : (
        <Caption1 block>{t.noChartData}</Caption1>
      )}
    </section>
  );
}
