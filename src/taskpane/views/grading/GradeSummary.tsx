/** The live result of the grading form: QualScore, Grade, the four section scores and the stage check. */
import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Locale, Picked, pick, pickAll } from '../../../core/i18n';
import { formatValue } from '../../../core/format';
import type { GradingOutcome, StageCheckView } from '../../../engine/grading';
import { gradingStrings } from './gradingStrings';

const useStyles = makeStyles({
  summary: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  wide: { gridColumn: '1 / -1' },
  figure: { display: 'flex', flexDirection: 'column' },
  sections: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** A score as planners read it: one decimal, "—" when blank. */
const score = (v: number | null, locale: Locale) => formatValue(v, 'number', locale, { digits: 1 });

function stageCheckText(v: StageCheckView, t: Picked<typeof gradingStrings>, locale: Locale): string {
  switch (v.kind) {
    case 'ok':
    case 'missing':
      // In words by the engine (calc/stageCheckWords.ts, the one home of StageCheck's display).
      return pick(v.words, locale);
    case 'blank':
      return t.blank;
    case 'error':
      return v.message;
    default:
      return v.text;
  }
}

export interface GradeSummaryProps {
  outcome: GradingOutcome;
  locale: Locale;
  savedGrade: string | null;
  /** False while the engine computes the latest answers (the figures shown are the previous ones). */
  current: boolean;
}

export function GradeSummary({ outcome, locale, savedGrade, current }: GradeSummaryProps) {
  const styles = useStyles();
  const t = pickAll(gradingStrings, locale);
  const grade = outcome.grade ?? t.blank;
  return (
    <section
      className={styles.summary}
      aria-label={t.results}
      aria-live="polite"
      aria-busy={!current}
      data-state={current ? 'ready' : 'computing'}
      data-testid="grade-summary"
    >
      <div className={styles.figure}>
        <Caption1>{t.qualScore}</Caption1>
        <Text size={600} weight="semibold" data-testid="qual-score">
          {score(outcome.qualScore, locale)}
        </Text>
      </div>
      <div className={styles.figure}>
        <Caption1>{t.grade}</Caption1>
        <Text size={600} weight="semibold" data-testid="grade">
          {grade}
        </Text>
        {savedGrade !== null && savedGrade !== outcome.grade && <Caption1>{t.savedGrade(savedGrade)}</Caption1>}
      </div>
      <dl className={`${styles.sections} ${styles.wide}`} aria-label={t.sectionScores}>
        {outcome.sections.map((s) => (
          <div key={s.section} data-section={s.section}>
            <dt>
              <Caption1>
                {t.section(s.section)} · {pick(s.title, locale)}
              </Caption1>
            </dt>
            <dd style={{ margin: 0 }}>
              <Badge appearance="tint" color={s.strong ? 'success' : 'informative'}>
                {score(s.score, locale)}
              </Badge>
            </dd>
          </div>
        ))}
      </dl>
      <div className={styles.wide} data-testid="stage-check">
        <Caption1>{t.stageCheckPrefix}</Caption1>
        <Caption1>{stageCheckText(outcome.stageCheck, t, locale)}</Caption1>
      </div>
      {outcome.problem && <Caption1 className={`${styles.wide} ${styles.error}`}>{outcome.problem}</Caption1>}
    </section>
  );
}
