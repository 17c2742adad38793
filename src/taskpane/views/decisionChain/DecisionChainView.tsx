/**
 * Decision-chain map (决策链, DESIGN §3–§4): pick an opportunity and see its account's contacts
 * as an org chart by ReportsTo, each marked with support, buying role and coverage, with
 * the gaps named and the kernels' role coverage and support index.
 */
import { useMemo, useState } from 'react';
import { Body1, Caption1, MessageBar, MessageBarBody, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { pick } from '../../../core/i18n';
import { OpportunityChoice, OpportunityPicker } from '../grading/OpportunityPicker';
import type { ViewProps } from '../viewProps';
import { ChainGaps } from './ChainGaps';
import { ChainTree } from './ChainTree';
import { decisionChainMap } from './chainModel';
import { decisionChainStrings } from './decisionChainStrings';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  figures: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalL}` },
});

export function DecisionChainView({ locale, snapshot }: ViewProps) {
  const styles = useStyles();
  const t = decisionChainStrings[locale];
  const [choice, setChoice] = useState<OpportunityChoice | undefined>();
  const map = useMemo(() => (choice ? decisionChainMap(snapshot, choice.row) : undefined), [snapshot, choice]);
  const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  return (
    <section className={styles.view} aria-labelledby="chain-heading" data-view="decisionChain">
      <Title3 as="h2" id="chain-heading">
        {t.heading}
      </Title3>
      <Body1>{t.intro}</Body1>
      <OpportunityPicker snapshot={snapshot} locale={locale} selected={choice} onSelect={setChoice} />
      {!map && <Body1>{t.pick}</Body1>}
      {map && (
        <>
          <div className={styles.figures}>
            <Caption1>{t.account(map.accountId, map.accountName)}</Caption1>
            <Caption1>{t.members(map.members.length)}</Caption1>
            <Caption1 data-testid="role-coverage">{t.field(t.roleCoverage, percent(map.roleCoverage))}</Caption1>
            <Caption1>{t.field(t.supportIndex, map.supportIndex === null ? '—' : map.supportIndex.toFixed(2))}</Caption1>
          </div>
          <ChainGaps gaps={map.gaps} locale={locale} />
          {map.problems.map((p, i) => (
            <MessageBar key={i} intent="error" layout="multiline">
              <MessageBarBody>{pick(p.message, locale)}</MessageBarBody>
            </MessageBar>
          ))}
          {map.roots.length === 0 ? (
            <Body1>{t.noContacts}</Body1>
          ) : (
            <ChainTree roots={map.roots} locale={locale} label={t.orgChart(choice!.label)} />
          )}
        </>
      )}
    </section>
  );
}
