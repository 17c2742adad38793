/** A chart.js chart on a canvas with a text alternative: an aria-label summary and the data as a hidden table. */
import { ReactNode, useEffect, useRef } from 'react';
import { Chart, ChartConfiguration } from 'chart.js/auto';
import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  figure: { margin: `${tokens.spacingVerticalL} 0 0`, minWidth: 0 },
  box: { position: 'relative', width: '100%' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    margin: '-1px',
    padding: 0,
    border: 0,
  },
});

interface Props {
  title: string;
  summary: string;
  height: number;
  config: ChartConfiguration;
  /** The same data as a table for screen readers. */
  table: ReactNode;
  testId: string;
}

export function ChartCanvas({ title, summary, height, config, table, testId }: Props) {
  const s = useStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    // Text in the chart follows the pane's theme (dark or light).
    const color = getComputedStyle(canvas.current.parentElement ?? canvas.current).color;
    Chart.defaults.color = color;
    Chart.defaults.font.family = getComputedStyle(canvas.current).fontFamily;
    // Marks drawn in 'currentColor' take the text colour, so they show on dark themes too.
    for (const d of config.data.datasets) if (d.backgroundColor === 'currentColor') d.backgroundColor = color;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <figure className={s.figure} data-testid={testId}>
      <figcaption>
        <Subtitle2 block>{title}</Subtitle2>
      </figcaption>
      <div className={s.box} style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      <div className={s.hidden}>{table}</div>
    </figure>
  );
}
