/** One question as a Yes / No / Unknown radio group, labelled by the question's text. */
import { Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import type { AnswerCode, GradingQuestion } from '../../../engine/grading';
import { gradingStrings } from './gradingStrings';
import { Locale, pickAll } from '../../../core/i18n';

const useStyles = makeStyles({
  question: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  text: { fontSize: tokens.fontSizeBase300 },
  changed: { fontWeight: tokens.fontWeightSemibold },
});

export interface QuestionGroupProps {
  question: GradingQuestion;
  value: AnswerCode;
  changed: boolean;
  locale: Locale;
  onChange(value: AnswerCode): void;
}

export function QuestionGroup({ question, value, changed, locale, onChange }: QuestionGroupProps) {
  const styles = useStyles();
  const t = pickAll(gradingStrings, locale);
  const labelId = `question-${question.id}`;
  return (
    <div className={styles.question} data-question-id={question.id}>
      <span id={labelId} className={changed ? `${styles.text} ${styles.changed}` : styles.text}>
        {question.text}
      </span>
      <RadioGroup
        layout="horizontal"
        aria-labelledby={labelId}
        value={value}
        onChange={(_, d) => onChange(d.value as AnswerCode)}
      >
        <Radio value="Yes" label={t.yes} />
        <Radio value="No" label={t.no} />
        <Radio value="Unknown" label={t.unknown} />
      </RadioGroup>
    </div>
  );
}
