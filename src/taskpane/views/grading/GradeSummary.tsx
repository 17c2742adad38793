/** The live result of the grading form: QualScore, Grade, the four section scores and the stage check. */
import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Scalar } from '../../../core/cells';
import { GRADE_STRONG, SECTION_TITLES, SECTIONS } from '../../../calc/grading';
import { Locale, pick } from '../../../core/i18n';
import { MISSING_PREFIX, STAGE_OK } from '../../../calc/stages';
import { GradingOutcome, errorText } from './gradingModel';
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

const one = (v: Scalar) => (typeof v === 'number' ? v.toFixed(1) : v === null ? '—' : typeof v === 'string' ? v : '#');

/** Colour hint only (the number is shown): a section at the grade's strong bar. */
const strong = (v: Scalar) => typeof v === 'number' && v >= GRADE_STRONG;

const stageCheckLabel: Record<Locale, { ok: string; missing: string }> = {
  'en-US': { ok: 'OK: every essential event so far is proven', missing: 'Missing events: ' },
  'zh-CN': { ok: '通过：当前阶段之前的必要事件均已证实', missing: '缺少充分事件：' },
};

function stageCheckText(v: Scalar, locale: Locale): string {
  if (v === STAGE_OK) return stageCheckLabel[locale].ok;
  if (typeof v === 'string' && v.startsWith(MISSING_PREFIX))
    return stageCheckLabel[locale].missing + v.slice(MISSING_PREFIX.length);
  return errorText(v, locale) ?? one(v);
}

export function GradeSummary({ outcome, locale, savedGrade }: { outcome: GradingOutcome; locale: Locale; savedGrade: Scalar }) {
  const styles = useStyles();
  const t = gradingStrings[locale];
  const problem = errorText(outcome.qualScore, locale) ?? errorText(outcome.grade, locale);
  const grade = typeof outcome.grade === 'string' ? outcome.grade : '—';
  return (
    <section className={styles.summary} aria-label={t.results} aria-live="polite">
      <div className={styles.figure}>
        <Caption1>{t.qualScore}</Caption1>
        <Text size={600} weight="semibold" data-testid="qual-score">
          {one(outcome.qualScore)}
        </Text>
      </div>
      <div className={styles.figure}>
        <Caption1>{t.grade}</Caption1>
        <Text size={600} weight="semibold" data-testid="grade">
          {grade}
        </Text>
        {typeof savedGrade === 'string' && savedGrade !== grade && <Caption1>{t.savedGrade(savedGrade)}</Caption1>}
      </div>
      <dl className={`${styles.sections} ${styles.wide}`} aria-label={t.sectionScores}>
        {SECTIONS.map((s, i) => (
          <div key={s} data-section={s}>
            <dt>
              <Caption1>
                {t.section(s)} · {pick(SECTION_TITLES[s], locale)}
              </Caption1>
            </dt>
            <dd style={{ margin: 0 }}>
              <Badge appearance="tint" color={strong(outcome.sections[i]) ? 'success' : 'informative'}>
                {one(outcome.sections[i])}
              </Badge>
            </dd>
          </div>
        ))}
      </dl>
      <div className={styles.wide} data-testid="stage-check">
        <Caption1>{t.stageCheckPrefix}</Caption1>
        <Caption1>{stageCheckText(outcome.stageCheck, locale)}</Caption1>
      </div>
      {problem && <Caption1 className={`${styles.wide} ${styles.error}`}>{problem}</Caption1>}
    </section>
  );
}
