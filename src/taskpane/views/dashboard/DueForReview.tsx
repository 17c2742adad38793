/**
 * The deals due for review (issue 16): the rule of `crm3 review --due` (engine/dealReview.ts,
 * rules in calc/dealReview.ts), answered by the engine; the view only lists them.
 */
import { pick, pickAll } from '../../../core/i18n';
import { useEffect, useState } from 'react';
import { Body1Strong, Button, Caption1, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { formatValue } from '../../../core/format';
import { RED_FLAG_NAMES } from '../../../engine/dealReview';
import type { DealReviewRow } from '../../../engine/dealReview';
import type { PaneEngine } from '../../paneEngine';
import type { UiLocale } from '../../strings';
import { historyStrings } from './historyStrings';

const useStyles = makeStyles({
  box: { marginTop: tokens.spacingVerticalL },
  list: { margin: 0, padding: 0 },
  item: {
    listStyleType: 'none',
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  flags: { color: tokens.colorPaletteRedForeground1 },
});

/** Deals listed before "Show all". */
const FIRST = 10;

interface Props {
  engine: PaneEngine;
  locale: UiLocale;
  currency: string;
  /** Bumped on every reload of the workbook. */
  version: number;
}

export function DueForReview({ engine, locale, currency, version }: Props) {
  const t = pickAll(historyStrings, locale);
  const s = useStyles();
  const [due, setDue] = useState<{ version: number; intervalDays: number; deals: DealReviewRow[] } | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [all, setAll] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(undefined);
    engine.reviewsDue().then(
      (r) => live && setDue({ version, intervalDays: r.intervalDays, deals: r.deals }),
      (e: Error) => live && setFailed(e.message),
    );
    return () => {
      live = false;
    };
  }, [engine, version]);
  const sep = locale === 'zh-CN' ? '；' : '; ';
  const dot = ' · ';
  return (
    <section className={s.box} aria-labelledby="due-title" data-testid="due-for-review">
      <Subtitle2 as="h3" id="due-title" block>
        {t.dueTitle}
        {due ? ` (${due.deals.length})` : ''}
      </Subtitle2>
      {failed ? (
        <Caption1 block>{failed}</Caption1>
      ) : !due || due.version !== version ? (
        <Spinner size="tiny" />
      ) : (
        <>
          <Caption1 block>{t.dueHint(due.intervalDays)}</Caption1>
          {!due.deals.length ? (
            <Caption1 block>{t.noneDue}</Caption1>
          ) : (
            <ul className={s.list}>
              {(all ? due.deals : due.deals.slice(0, FIRST)).map((d) => (
                <li key={d.oppId} className={s.item} data-opp-id={d.oppId}>
                  <Body1Strong>{d.oppName ?? d.oppId}</Body1Strong> <Caption1>{d.oppId}</Caption1>
                  <Caption1 block>
                    {[
                      d.owner,
                      d.stage,
                      formatValue(d.amount, 'amount', locale, { style: 'compact', currency }),
                      d.grade,
                      d.lastReview ? t.lastReviewed(d.lastReview) : t.neverReviewed,
                      d.nextReview ? t.nextReview(d.nextReview) : null,
                    ]
                      .filter((x) => x)
                      .join(dot)}
                  </Caption1>
                  {d.flags.length > 0 && (
                    <Caption1 block className={s.flags} data-testid="due-flags">
                      {t.redFlags}
                      {locale === 'zh-CN' ? '：' : ': '}
                      {d.flags.map((f) => pick(RED_FLAG_NAMES[f], locale)).join(sep)}
                    </Caption1>
                  )}
                </li>
              ))}
            </ul>
          )}
          {!all && due.deals.length > FIRST && (
            <Button appearance="transparent" size="small" onClick={() => setAll(true)} data-testid="due-show-all">
              {t.showAllDue(due.deals.length)}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
