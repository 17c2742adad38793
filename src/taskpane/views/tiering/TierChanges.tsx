/** Which accounts change tier under the new settings ("Acme: B → A"), and the accounts of each tier. */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Caption1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Locale, pickAll } from '../../../core/i18n';
import type { PortfolioAccount, TierCode } from '../../../engine/tiering';
import { tieringStrings } from './tieringStrings';

const MAX_LISTED = 30;
const TIERS: readonly TierCode[] = ['A', 'B', 'C', 'D'];

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface TierChangesProps {
  locale: Locale;
  accounts: readonly PortfolioAccount[];
  base: readonly (TierCode | null)[];
  next: readonly (TierCode | null)[];
}

export function TierChanges({ locale, accounts, base, next }: TierChangesProps) {
  const styles = useStyles();
  const t = pickAll(tieringStrings, locale);
  const moved = accounts.filter((a) => base[a.row] !== next[a.row]);
  const show = (x: TierCode | null) => x ?? t.noTier;
  return (
    <div aria-live="polite" data-testid="tier-changes">
      <Body1>{t.changes(moved.length)}</Body1>
      {moved.length > 0 && (
        <ul className={styles.list}>
          {moved.slice(0, MAX_LISTED).map((a) => (
            <li key={a.row} data-account-id={a.id}>
              <Caption1>
                {a.name}: {show(base[a.row])} → {show(next[a.row])}
              </Caption1>
            </li>
          ))}
          {moved.length > MAX_LISTED && (
            <li>
              <Caption1>{t.more(moved.length - MAX_LISTED)}</Caption1>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

export function AccountsByTier({
  locale,
  accounts,
  tiers,
}: {
  locale: Locale;
  accounts: readonly PortfolioAccount[];
  tiers: readonly (TierCode | null)[];
}) {
  const styles = useStyles();
  const t = pickAll(tieringStrings, locale);
  return (
    <Accordion multiple collapsible aria-label={t.accountsByTier}>
      {TIERS.map((tier) => {
        const members = accounts.filter((a) => tiers[a.row] === tier);
        return (
          <AccordionItem key={tier} value={tier}>
            <AccordionHeader size="small">
              {t.tier} {tier} · {t.count(members.length)}
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list} data-tier-list={tier}>
                {members.map((a) => (
                  <li key={a.row}>
                    <Caption1>{a.name}</Caption1>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
