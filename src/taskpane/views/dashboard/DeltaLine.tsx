/** An indicator's Δ against a snapshot: an arrow and the change (green when better, red when worse), the words for screen readers, and a small trend line. */
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { IndicatorDelta } from '../../../engine/history';

const useStyles = makeStyles({
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, fontVariantNumeric: 'tabular-nums' },
  better: { color: tokens.colorPaletteGreenForeground1 },
  worse: { color: tokens.colorPaletteRedForeground1 },
  flat: { color: tokens.colorNeutralForeground3 },
  // Read by screen readers, not shown: the arrow and number say it to the eye.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

const W = 64;
const H = 16;

/** The series (snapshots, then now) as an SVG polyline; nothing when fewer than two numbers. */
function Sparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const points = values.map(
    (v, i) => `${((i / (values.length - 1)) * (W - 2) + 1).toFixed(1)},${(H - 1 - ((v - min) / span) * (H - 2)).toFixed(1)}`,
  );
  return (
    <svg width={W} height={H} role="img" aria-label={label} data-testid="trend-line">
      <polyline points={points.join(' ')} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={1.5} />
    </svg>
  );
}

export function DeltaLine({ delta, now, trendLabel }: { delta: IndicatorDelta; now: number | null; trendLabel: string }) {
  const s = useStyles();
  const tone =
    delta.trend === null || delta.trend === 'flat' ? s.flat : delta.better === false ? s.worse : delta.better ? s.better : s.flat;
  const arrow = delta.trend === 'up' ? '▲' : delta.trend === 'down' ? '▼' : delta.trend === 'flat' ? '=' : '—';
  const series = [...delta.series.map((p) => p.value), now].filter((v): v is number => typeof v === 'number');
  return (
    <div className={s.line} data-testid="indicator-delta" data-trend={delta.trend ?? ''}>
      <Caption1 className={tone} title={delta.words}>
        <span aria-hidden="true">
          {arrow} {delta.trend === null ? '' : delta.shown}
        </span>
        <span className={s.hidden} data-testid="delta-words">
          {delta.words}
        </span>
      </Caption1>
      <Sparkline values={series} label={trendLabel} />
    </div>
  );
}
