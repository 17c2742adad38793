/** The deals that moved since the chosen snapshot, each with its moves in words (the engine decides them). */
import { Body1Strong, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { pickAll } from '../../../core/i18n';
import { DealMovement, movesInWords } from '../../../engine/history';
import type { UiLocale } from '../../strings';
import { historyStrings } from './historyStrings';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0 },
  item: {
    listStyleType: 'none',
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export function WhatMoved({ moved, since, locale }: { moved: DealMovement[]; since: string; locale: UiLocale }) {
  const t = pickAll(historyStrings, locale);
  const s = useStyles();
  return (
    <section aria-labelledby="what-moved-title" data-testid="what-moved">
      <Subtitle2 as="h3" id="what-moved-title" block>
        {t.whatMoved} · {since}
      </Subtitle2>
      {!moved.length ? (
        <Caption1 block>{t.nothingMoved}</Caption1>
      ) : (
        <ul className={s.list}>
          {moved.map((m) => (
            <li key={m.oppId} className={s.item} data-opp-id={m.oppId}>
              <Body1Strong>{m.oppName ?? m.oppId}</Body1Strong> <Caption1>{m.oppId}</Caption1>
              {/* The moves in words with what changed (calc/history.ts movesInWords, as the account plan says them). */}
              <Caption1 block>{movesInWords(m, locale)}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
