/** One value indicator: name, value, target and traffic light, with its calculation on demand. */
import { pick, pickAll } from '../../../core/i18n';
import { useId, useState } from 'react';
import { Body1Strong, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { IndicatorResult } from '../../../engine/evaluate';
import type { Scope } from '../../../engine/scope';
import type { IndicatorRow } from '../../../model/snapshot';
import type { PaneEngine } from '../../paneEngine';
import { UiLocale, strings } from '../../strings';
import { ExplainPanel, RowDoor } from './ExplainPanel';
import { RagBadge } from './RagBadge';
import { DeltaLine } from './DeltaLine';
import { historyStrings } from './historyStrings';
import type { IndicatorDelta } from '../../../engine/history';
import { formatTarget, formatValue } from '../../../core/format';

const useStyles = makeStyles({
  card: {
    listStyleType: 'none',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  line: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  value: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  name: { overflowWrap: 'anywhere' },
  how: { paddingLeft: 0, minWidth: 0 },
  full: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
});

interface Props {
  indicator: IndicatorResult;
  /** Δ against the chosen snapshot (the engine computes it), when one is chosen. */
  delta?: IndicatorDelta;
  row: IndicatorRow | undefined;
  engine: PaneEngine;
  scopes: readonly Scope[];
  locale: UiLocale;
  currency: string;
  rowDoor: RowDoor;
}

export function IndicatorCard({ indicator, delta, row, engine, scopes, locale, currency, rowDoor }: Props) {
  const t = pickAll(strings, locale);
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const name = row ? pick(row.name, locale) : indicator.name;
  const target = row ? formatTarget(row, locale, { style: 'compact', currency }) : undefined;
  const raw = typeof indicator.value === 'number' ? String(indicator.value) : (indicator.value ?? '');
  const shown = formatValue(indicator.value, indicator.unit, locale, { style: 'compact', currency });
  // An amount shown compact (¥12.3M) also in full, so a Δ of +50,000 can be read against it.
  const fullText =
    indicator.unit === 'amount' && typeof indicator.value === 'number'
      ? formatValue(indicator.value, 'amount', locale, { style: 'fixed' })
      : undefined;
  const full = fullText !== undefined && !shown.includes(fullText) ? fullText : undefined;
  return (
    <li className={s.card} data-indicator-id={indicator.id} data-value={raw}>
      <Body1Strong as="h4" block className={s.name} style={{ margin: 0 }}>
        {name}
      </Body1Strong>
      <div className={s.line}>
        <span className={s.value} data-testid="indicator-value">
          {shown}
          {full !== undefined && (
            <Caption1 className={s.full} data-testid="indicator-full" title={pick(historyStrings.fullAmount, locale)}>
              {' '}
              ({full})
            </Caption1>
          )}
        </span>
        <RagBadge status={indicator.status} locale={locale} />
      </div>
      {delta && (
        <DeltaLine
          delta={delta}
          now={typeof indicator.value === 'number' ? indicator.value : null}
          trendLabel={pick(historyStrings.trend, locale)}
        />
      )}
      <Caption1 block>{target ?? t.noTarget}</Caption1>
      <Button
        appearance="transparent"
        size="small"
        className={s.how}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen(!open)}
        data-testid="explain-toggle"
      >
        {open ? t.hideHow : t.howComputed}
      </Button>
      {open && (
        <ExplainPanel
          id={indicator.id}
          panelId={panelId}
          engine={engine}
          scopes={scopes}
          locale={locale}
          currency={currency}
          rowDoor={rowDoor}
        />
      )}
    </li>
  );
}
