/**
 * Grading assistant (四问, DESIGN §4): pick an opportunity, answer its questions section by
 * section and watch QualScore, section scores and Grade move, computed by the engine with the
 * workbook's own formulas; Save writes the answer cells back to the opportunity's row.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Answer, valueLabel } from '../../../core/enumerations';
import { Message, pick, pickAll } from '../../../core/i18n';
import type { AnswerCode, GradingForm, GradingOutcome } from '../../../engine/grading';
import { SECTION_TITLES } from '../../../model/defaults';
import { OpportunityChoice, OpportunityPicker } from '../../components/OpportunityPicker';
import type { ViewProps } from '../viewProps';
import { GradeSummary } from './GradeSummary';
import { gradingStrings } from './gradingStrings';
import { QuestionGroup } from './QuestionGroup';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const SECTIONS = [1, 2, 3, 4] as const;

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: Message };

export function GradingView({ host, engine, locale, snapshot, refresh }: ViewProps) {
  const styles = useStyles();
  const t = pickAll(gradingStrings, locale);
  const [choice, setChoice] = useState<OpportunityChoice | undefined>();
  const [form, setForm] = useState<GradingForm | undefined>();
  const [answers, setAnswers] = useState<Record<string, AnswerCode>>({});
  const [outcome, setOutcome] = useState<{ outcome: GradingOutcome; answers: Record<string, AnswerCode> } | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const ticket = useRef(0);

  // A new opportunity, or the workbook re-read after a save: start from what the workbook holds.
  useEffect(() => {
    setForm(undefined);
    setOutcome(undefined);
    setFailed(undefined);
    if (!choice) return;
    let live = true;
    engine.grading(choice.row).then(
      (f) => {
        if (!live) return;
        setForm(f);
        setAnswers(f.saved);
        setOutcome({ outcome: f.outcome, answers: f.saved });
      },
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [engine, snapshot, choice]);

  // Other answers: the engine evaluates the workbook's QualScore and Grade formulas on them.
  useEffect(() => {
    if (!choice || !form || outcome?.answers === answers) return;
    const mine = ++ticket.current;
    engine.grading(choice.row, answers).then(
      (f) => mine === ticket.current && setOutcome({ outcome: f.outcome, answers }),
      (e: unknown) => mine === ticket.current && setFailed(e instanceof Error ? e.message : String(e)),
    );
  }, [engine, choice, form, answers, outcome]);

  const questions = form?.questions ?? [];
  const saved = form?.saved ?? {};
  const changedIds = questions.filter((q) => answers[q.id] !== saved[q.id]).map((q) => q.id);

  async function saveAnswers() {
    if (!choice || !form) return;
    setSave({ kind: 'saving' });
    const written = await host.write({
      cells: changedIds.map((id) => ({
        table: 'Opportunities',
        row: choice.row,
        column: id,
        // In the language the workbook already writes its answers in (readers accept both).
        value: valueLabel(Answer, answers[id], form.answerLocale),
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
      {failed && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failed}</MessageBarBody>
        </MessageBar>
      )}
      {choice && !form && !failed && <Spinner size="small" label={t.computing} />}
      {choice && form && questions.length === 0 && <Body1>{t.noQuestions}</Body1>}
      {choice && form && outcome && questions.length > 0 && (
        <>
          <GradeSummary
            outcome={outcome.outcome}
            locale={locale}
            savedGrade={form.savedGrade}
            current={outcome.answers === answers}
          />
          {SECTIONS.map((s) => (
            <section key={s} className={styles.section} aria-labelledby={`grading-section-${s}`}>
              <Subtitle2 as="h3" id={`grading-section-${s}`}>
                {t.section(s)} · {pick(SECTION_TITLES[s - 1], locale)}
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
