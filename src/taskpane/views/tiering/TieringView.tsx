/**
 * Tiering assistant (ABCD, DESIGN §4): the portfolio per tier under the current thresholds
 * and criterion weights, recomputed with the scoring and tiering kernels while the planner
 * moves the sliders; Apply writes them to Config through the host.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Cell } from '../../../core/cells';
import { lookupEnum } from '../../../core/enumerations';
import { Message, pick } from '../../../core/i18n';
import { Axis } from '../../../core/enumerations';
import { tierCounts, tooManyTierA } from '../../../calc/tiering';
import type { ViewProps } from '../viewProps';
import { SettingSlider } from './SettingSlider';
import { AccountsByTier, TierChanges } from './TierChanges';
import { TierMatrix } from './TierMatrix';
import { TierSettings, portfolioAccounts, readTierSettings, settingsWrite, tierPortfolio } from './tieringModel';
import { tieringStrings } from './tieringStrings';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: 'none', margin: 0, padding: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type ApplyState = { kind: 'idle' } | { kind: 'applying' } | { kind: 'applied' } | { kind: 'failed'; message: Message };

export function TieringView({ host, locale, snapshot, refresh }: ViewProps) {
  const styles = useStyles();
  const t = tieringStrings[locale];
  const base = useMemo(() => readTierSettings(snapshot, locale), [snapshot, locale]);
  const [settings, setSettings] = useState<TierSettings>(base);
  const [apply, setApply] = useState<ApplyState>({ kind: 'idle' });
  useEffect(() => setSettings(base), [base]);

  const accounts = useMemo(() => portfolioAccounts(snapshot), [snapshot]);
  const baseTiers = useMemo(() => tierPortfolio(snapshot, base, locale), [snapshot, base, locale]);
  const nextTiers = useMemo(() => tierPortfolio(snapshot, settings, locale), [snapshot, settings, locale]);
  const baseCounts = tierCounts(baseTiers.tiers);
  const counts = tierCounts(nextTiers.tiers);
  const tooMany = tooManyTierA(counts.A);
  const write = settingsWrite(base, settings);
  const dirty = (write.settings?.length ?? 0) + (write.config?.length ?? 0) > 0;
  const weightsWritable = settings.criteria.every((c) => c.configRow !== undefined);

  const change = (patch: Partial<TierSettings>) => {
    setSettings({ ...settings, ...patch });
    setApply({ kind: 'idle' });
  };
  const setWeight = (i: number, weight: number) =>
    change({ criteria: settings.criteria.map((c, k) => (k === i ? { ...c, weight } : c)) });

  async function applyToConfig() {
    setApply({ kind: 'applying' });
    const done = await host.write(write);
    if (!done.ok) {
      setApply({ kind: 'failed', message: done.message });
      return;
    }
    setApply({ kind: 'applied' });
    refresh();
  }

  const axisName = (axis: Cell) => {
    const code = lookupEnum(Axis, axis)?.code;
    return code === 'Attractiveness' ? t.attractivenessAxis : code === 'Position' ? t.positionAxis : String(axis ?? '');
  };
  const matrix = settings.method === 'Matrix';
  return (
    <section className={styles.view} aria-labelledby="tiering-heading" data-view="tiering">
      <Title3 as="h2" id="tiering-heading">
        {t.heading}
      </Title3>
      <Body1>{t.intro}</Body1>
      <Caption1>{matrix ? t.methodMatrix : t.methodScore}</Caption1>
      <TierMatrix locale={locale} settings={settings} counts={counts} baseCounts={baseCounts} />
      {counts.untiered > 0 && <Caption1>{t.untiered(counts.untiered)}</Caption1>}
      {nextTiers.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{pick(nextTiers.error.message, locale)}</MessageBarBody>
        </MessageBar>
      )}
      {tooMany && (
        <MessageBar intent="warning" layout="multiline" data-testid="tier-a-warning">
          <MessageBarBody>{pick(tooMany, locale)}</MessageBarBody>
        </MessageBar>
      )}
      <TierChanges locale={locale} accounts={accounts} base={baseTiers.tiers} next={nextTiers.tiers} />
      <fieldset className={styles.group}>
        <legend>
          <Subtitle2>{t.thresholds}</Subtitle2>
        </legend>
        {matrix ? (
          <>
            <SettingSlider
              label={t.attractivenessThreshold}
              testId="attractiveness-threshold"
              value={settings.attractivenessThreshold}
              base={base.attractivenessThreshold}
              min={0}
              max={100}
              onChange={(v) => change({ attractivenessThreshold: v })}
            />
            <SettingSlider
              label={t.positionThreshold}
              testId="position-threshold"
              value={settings.positionThreshold}
              base={base.positionThreshold}
              min={0}
              max={100}
              onChange={(v) => change({ positionThreshold: v })}
            />
          </>
        ) : (
          <>
            <SettingSlider
              label={t.bandA}
              testId="band-a"
              value={settings.bandA}
              base={base.bandA}
              min={0}
              max={100}
              onChange={(v) => change({ bandA: v })}
            />
            <SettingSlider
              label={t.bandB}
              testId="band-b"
              value={settings.bandB}
              base={base.bandB}
              min={0}
              max={100}
              onChange={(v) => change({ bandB: v })}
            />
            <SettingSlider
              label={t.bandC}
              testId="band-c"
              value={settings.bandC}
              base={base.bandC}
              min={0}
              max={100}
              onChange={(v) => change({ bandC: v })}
            />
          </>
        )}
      </fieldset>
      <fieldset className={styles.group}>
        <legend>
          <Subtitle2>{t.weights}</Subtitle2>
        </legend>
        {!weightsWritable && <Caption1>{t.weightsReadOnly}</Caption1>}
        {settings.criteria.map((c, i) => (
          <SettingSlider
            key={c.id}
            label={`${c.name} · ${axisName(c.axis)}`}
            testId={`weight-${c.id}`}
            value={c.weight}
            base={base.criteria[i]?.weight ?? c.weight}
            min={0}
            max={50}
            disabled={c.configRow === undefined}
            onChange={(v) => setWeight(i, v)}
          />
        ))}
      </fieldset>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={!dirty || apply.kind === 'applying' || !!nextTiers.error}
          onClick={() => void applyToConfig()}
        >
          {apply.kind === 'applying' ? t.applying : t.apply}
        </Button>
        <Button disabled={!dirty} onClick={() => change(base)}>
          {t.reset}
        </Button>
      </div>
      <div aria-live="polite">
        {apply.kind === 'applied' && (
          <MessageBar intent="success">
            <MessageBarBody>{t.applied}</MessageBarBody>
          </MessageBar>
        )}
        {apply.kind === 'failed' && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {t.applyFailed} {pick(apply.message, locale)}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <AccountsByTier locale={locale} accounts={accounts} tiers={nextTiers.tiers} />
    </section>
  );
}
