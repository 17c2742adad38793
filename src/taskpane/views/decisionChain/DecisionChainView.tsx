/**
 * Decision-chain map (决策链, DESIGN §3–§4): pick an opportunity and see its account's contacts
 * as an org chart by ReportsTo, each marked with support, buying role and coverage, with the
 * gaps named, and the workbook's role coverage and support index (from the engine).
 */
import { useEffect, useState } from 'react';
import { Body1, Caption1, MessageBar, MessageBarBody, Spinner, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { formatValue } from '../../../core/format';
import { pick, pickAll } from '../../../core/i18n';
import type { DecisionChainMap } from '../../../engine/decisionChain';
import { OpportunityChoice, OpportunityPicker } from '../../components/OpportunityPicker';
import type { ViewProps } from '../viewProps';
import { ChainGaps } from './ChainGaps';
import { ChainTree } from './ChainTree';
import { decisionChainStrings } from './decisionChainStrings';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  figures: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalL}` },
});

export function DecisionChainView({ engine, locale, snapshot }: ViewProps) {
  const styles = useStyles();
  const t = pickAll(decisionChainStrings, locale);
  const [choice, setChoice] = useState<OpportunityChoice | undefined>();
  const [map, setMap] = useState<DecisionChainMap | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => {
    setMap(undefined);
    setFailed(undefined);
    if (!choice) return;
    let live = true;
    engine.decisionChain(choice.row).then(
      (m) => live && setMap(m),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [engine, snapshot, choice]);
  return (
    <section className={styles.view} aria-labelledby="chain-heading" data-view="decisionChain">
      <Title3 as="h2" id="chain-heading">
        {t.heading}
      </Title3>
      <Body1>{t.intro}</Body1>
      <OpportunityPicker snapshot={snapshot} locale={locale} selected={choice} onSelect={setChoice} />
      {!choice && <Body1>{t.pick}</Body1>}
      {failed && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failed}</MessageBarBody>
        </MessageBar>
      )}
      {choice && !map && !failed && <Spinner size="small" label={t.computing} />}
      {choice && map && (
        <>
          <div className={styles.figures}>
            <Caption1>{t.account(map.accountId, map.accountName)}</Caption1>
            <Caption1>{t.members(map.members.length)}</Caption1>
            <Caption1 data-testid="role-coverage">
              {t.field(t.roleCoverage, formatValue(map.roleCoverage, 'ratio', locale, { digits: 0 }))}
            </Caption1>
            <Caption1>{t.field(t.supportIndex, formatValue(map.supportIndex, 'number', locale, { digits: 2 }))}</Caption1>
          </div>
          <ChainGaps gaps={map.gaps} locale={locale} />
          {map.problems.map((p, i) => (
            <MessageBar key={i} intent="error" layout="multiline">
              <MessageBarBody>{pick(p, locale)}</MessageBarBody>
            </MessageBar>
          ))}
          {map.roots.length === 0 ? (
            <Body1>{t.noContacts}</Body1>
          ) : (
            <ChainTree roots={map.roots} locale={locale} label={t.orgChart(choice.label)} />
          )}
        </>
      )}
    </section>
  );
}
