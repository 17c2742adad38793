/** The gaps in an opportunity's decision chain, named in words (DESIGN §4 decision chain). */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { Locale, joinList, pickAll } from '../../../core/i18n';
import type { ChainGap } from '../../../engine/decisionChain';
import { decisionChainStrings } from './decisionChainStrings';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export function ChainGaps({ gaps, locale }: { gaps: readonly ChainGap[]; locale: Locale }) {
  const styles = useStyles();
  const t = pickAll(decisionChainStrings, locale);
  if (gaps.length === 0)
    return (
      <MessageBar intent="success" layout="multiline" data-testid="chain-gaps">
        <MessageBarBody>{t.noGaps}</MessageBarBody>
      </MessageBar>
    );
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="chain-gaps">
      <MessageBarBody>
        <MessageBarTitle>{t.gaps}</MessageBarTitle>
        <ul className={styles.list}>
          {gaps.map((g) => (
            <li key={g.kind} data-gap={g.kind}>
              {t.gap[g.kind]}
              {g.who.length > 0 && ` ${joinList(g.who, locale)}`}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
