/** The indicators a what-if moved: now → after, with an arrow, the change, and better/worse in words. */
import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { Locale, pickAll } from '../../../core/i18n';
import { digitsToShowMove, formatDelta, formatValue } from '../../../core/format';
import { RagStatus, valueLabel } from '../../../core/enumerations';
import { IndicatorMove } from './indicatorMoves';
import { whatIfStrings } from './whatIfStrings';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  values: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  better: { color: tokens.colorPaletteGreenForeground1 },
  worse: { color: tokens.colorPaletteRedForeground1 },
  neutral: { color: tokens.colorBrandForeground1 },
});

const rag = (s: string | null, locale: Locale) => (s === null ? '—' : valueLabel(RagStatus, s, locale));

export function IndicatorMoves({ moves, locale }: { moves: readonly IndicatorMove[]; locale: Locale }) {
  const styles = useStyles();
  const t = pickAll(whatIfStrings, locale);
  return (
    <ul className={styles.list} data-testid="whatif-moves">
      {moves.map((m) => {
        const digits = digitsToShowMove(m.before, m.after, m.unit, locale);
        const tone = m.verdict > 0 ? styles.better : m.verdict < 0 ? styles.worse : styles.neutral;
        const arrow = m.sign > 0 ? '▲' : m.sign < 0 ? '▼' : '◆';
        const words = [m.sign > 0 ? t.up : m.sign < 0 ? t.down : '', m.verdict > 0 ? t.better : m.verdict < 0 ? t.worse : '']
          .filter(Boolean)
          .join(', ');
        return (
          <li key={m.id} className={styles.row} data-indicator-id={m.id}>
            <Body1>{m.name}</Body1>
            <div className={styles.values}>
              <Caption1 data-testid="before">{formatValue(m.before, m.unit, locale, { digits })}</Caption1>
              <Caption1 aria-hidden>→</Caption1>
              <Body1 data-testid="after">{formatValue(m.after, m.unit, locale, { digits })}</Body1>
              <Caption1 className={tone}>
                <span aria-hidden>{arrow} </span>
                {formatDelta(m.before, m.after, m.unit, locale, digits)}
                {words && ` (${words})`}
              </Caption1>
            </div>
            {m.beforeStatus !== m.afterStatus && (
              <Caption1>
                {rag(m.beforeStatus, locale)} → {rag(m.afterStatus, locale)}
              </Caption1>
            )}
          </li>
        );
      })}
    </ul>
  );
}
