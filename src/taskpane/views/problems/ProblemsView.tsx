/** The validation problems of the workbook, each with "go to cell" (the host selects it). */
import { useState } from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { pick, pickAll } from '../../../core/i18n';
import type { ProblemResult } from '../../../engine/evaluate';
import { UiLocale, strings } from '../../strings';
import type { ViewProps } from '../viewProps';

/** Enough to work through; a workbook with thousands of bad rows gets the first ones. */
const MAX_LISTED = 200;

const useStyles = makeStyles({
  list: { margin: 0, padding: 0 },
  item: {
    listStyleType: 'none',
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  message: { overflowWrap: 'anywhere' },
});

const where = (p: ProblemResult) => (p.cell ? `${p.sheet}!${p.cell}` : p.sheet);

export function ProblemsView({ host, result, locale: l }: ViewProps) {
  const locale = l as UiLocale;
  const t = pickAll(strings, locale);
  const s = useStyles();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  // Errors first: they make numbers wrong; warnings only make them doubtful.
  const sorted = [...result.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));

  async function goTo(p: ProblemResult) {
    const r = await host.goTo(p.sheet, p.cell);
    setStatus(r.ok ? { ok: true, text: t.wentTo(where(p)) } : { ok: false, text: pick(r.message, locale) });
  }

  return (
    <section aria-labelledby="problems-title" data-testid="problems">
      <Subtitle2 as="h2" id="problems-title" block>
        {t.problemsTitle}
      </Subtitle2>
      <Caption1 as="p" block data-testid="problem-count">
        {t.problemCount(errors, warnings)}
      </Caption1>
      <div role="status" aria-live="polite">
        {status && (
          <MessageBar intent={status.ok ? 'success' : 'error'}>
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {sorted.length === 0 ? (
        <Body1 as="p">{t.noProblems}</Body1>
      ) : (
        <ul className={s.list}>
          {sorted.slice(0, MAX_LISTED).map((p, i) => (
            <li key={i} className={s.item} data-problem-cell={where(p)}>
              <div className={s.head}>
                <Badge appearance="tint" color={p.severity === 'error' ? 'danger' : 'warning'}>
                  {t.severity[p.severity]}
                </Badge>
                <Caption1>{where(p)}</Caption1>
              </div>
              <Body1 className={s.message}>{p.message}</Body1>
              {p.cell && (
                <Button
                  size="small"
                  appearance="secondary"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => void goTo(p)}
                  aria-label={`${t.goToCell} ${where(p)}`}
                >
                  {t.goToCell}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sorted.length > MAX_LISTED && <Caption1 block>{t.moreProblems(sorted.length - MAX_LISTED)}</Caption1>}
    </section>
  );
}
