/**
 * Grading assistant (四问, DESIGN §4): pick an opportunity, answer its questions section by
 * section and watch QualScore, section scores and Grade move; Save writes the answer cells
 * back to the opportunity's row through the host.
 */
import { useEffect, useMemo, useState } from 'react';
import { Body1, Button, MessageBar, MessageBarBody, Subtitle2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { SECTION_TITLES, SECTIONS } from '../../../calc/grading';
import { Message, pick } from '../../../core/i18n';
import type { ViewProps } from '../viewProps';
import { GradeSummary } from './GradeSummary';
import { AnswerCode, answerLocale, answerText, answersOf, gradeAnswers, gradingQuestions } from './gradingModel';
import { gradingStrings } from './gradingStrings';
import { OpportunityChoice, OpportunityPicker } from './OpportunityPicker';
import { QuestionGroup } from './QuestionGroup';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: Message };

export function GradingView({ host, locale, snapshot, result, refresh }: ViewProps) {
  const styles = useStyles();
  const t = gradingStrings[locale];
  const questions = useMemo(() => gradingQuestions(snapshot, locale), [snapshot, locale]);
  const [choice, setChoice] = useState<OpportunityChoice | undefined>();
  const saved = useMemo(() => (choice ? answersOf(snapshot, choice.row, questions) : {}), [snapshot, choice, questions]);
  const [answers, setAnswers] = useState<Record<string, AnswerCode>>(saved);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  // A new opportunity, or the workbook re-read after a save: start from what the workbook holds.
  useEffect(() => setAnswers(saved), [saved]);

  const outcome = useMemo(
    () => (choice ? gradeAnswers(snapshot, locale, choice.row, questions, answers) : undefined),
    [snapshot, locale, choice, questions, answers],
  );
  const changedIds = questions.filter((q) => answers[q.id] !== saved[q.id]).map((q) => q.id);
  const savedGrade = choice ? (result.opportunities[choice.row]?.Grade ?? null) : null;

  async function saveAnswers() {
    if (!choice) return;
    setSave({ kind: 'saving' });
    const writeLocale = answerLocale(snapshot, questions, locale);
    const written = await host.write({
      cells: changedIds.map((id) => ({
        table: 'Opportunities',
        row: choice.row,
        column: id,
        value: answerText(answers[id], writeLocale),
      })),
    });
    if (!written.ok) {
      setSave({ kind: 'failed', message: written.message });
      return;
    }
    setSave({ kind: 'saved' });
    refresh();
  }

  return (
    <section className={styles.view} aria-labelledby="grading-heading" data-view="grading">
      <Title3 as="h2" id="grading-heading">
        {t.heading}
      </Title3>
      <Body1>{t.intro}</Body1>
      <OpportunityPicker
        snapshot={snapshot}
        locale={locale}
        selected={choice}
        onSelect={(c) => {
          setChoice(c);
          setSave({ kind: 'idle' });
        }}
      />
      {!choice && <Body1>{t.pick}</Body1>}
      {choice && questions.length === 0 && <Body1>{t.noQuestions}</Body1>}
      {choice && outcome && questions.length > 0 && (
        <>
          <GradeSummary outcome={outcome} locale={locale} savedGrade={savedGrade} />
          {SECTIONS.map((s) => (
            <section key={s} className={styles.section} aria-labelledby={`grading-section-${s}`}>
              <Subtitle2 as="h3" id={`grading-section-${s}`}>
                {t.section(s)} · {pick(SECTION_TITLES[s], locale)}
              </Subtitle2>
              {questions
                .filter((q) => q.section === s)
                .map((q) => (
                  <QuestionGroup
                    key={q.id}
                    question={q}
                    value={answers[q.id] ?? 'Unknown'}
                    changed={answers[q.id] !== saved[q.id]}
                    locale={locale}
                    onChange={(v) => {
                      setAnswers({ ...answers, [q.id]: v });
                      setSave({ kind: 'idle' });
                    }}
                  />
                ))}
            </section>
          ))}
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={changedIds.length === 0 || save.kind === 'saving'}
              onClick={() => void saveAnswers()}
            >
              {save.kind === 'saving' ? t.saving : t.save}
            </Button>
            <Button disabled={changedIds.length === 0} onClick={() => setAnswers(saved)}>
              {t.reset}
            </Button>
          </div>
          <div aria-live="polite">
            {changedIds.length > 0 && save.kind === 'idle' && <Body1>{t.unsaved(changedIds.length)}</Body1>}
            {save.kind === 'saved' && (
              <MessageBar intent="success">
                <MessageBarBody>{t.saved}</MessageBarBody>
              </MessageBar>
            )}
            {save.kind === 'failed' && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  {t.saveFailed} {pick(save.message, locale)}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        </>
      )}
    </section>
  );
}
