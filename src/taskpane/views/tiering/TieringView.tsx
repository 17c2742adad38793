/**
 * Tiering assistant (ABCD, DESIGN §4): the portfolio per tier under the current thresholds
 * and criterion weights. While the planner moves the sliders, the engine puts the new values
 * into its copy of Config and the workbook's own formulas recompute the tiers; Apply writes
 * them to Config through the host.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Axis, valueLabel } from '../../../core/enumerations';
import { Message, pick, pickAll } from '../../../core/i18n';
import type { PortfolioTiers, TierSettings } from '../../../engine/tiering';
import type { TieringBase } from '../../paneEngine';
import type { ViewProps } from '../viewProps';
import { SettingSlider } from './SettingSlider';
import { AccountsByTier, TierChanges } from './TierChanges';
import { TierMatrix } from './TierMatrix';
import { settingsWrite } from './tieringModel';
import { tieringStrings } from './tieringStrings';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: 'none', margin: 0, padding: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Wait this long after the last slider step before asking the engine (a drag sends many). */
const DEBOUNCE_MS = 120;

type ApplyState = { kind: 'idle' } | { kind: 'applying' } | { kind: 'applied' } | { kind: 'failed'; message: Message };

export function TieringView({ host, engine, locale, snapshot, refresh }: ViewProps) {
  const styles = useStyles();
  const t = pickAll(tieringStrings, locale);
  const [base, setBase] = useState<TieringBase | undefined>();
  const [settings, setSettings] = useState<TierSettings | undefined>();
  const [next, setNext] = useState<PortfolioTiers | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [apply, setApply] = useState<ApplyState>({ kind: 'idle' });
  const ticket = useRef(0);

  // The workbook (re)loaded into the engine: start from its own rules, weights and tiers.
  useEffect(() => {
    let live = true;
    setFailed(undefined);
    engine.tiering().then(
      (b) => {
        if (!live) return;
        setBase(b);
        setSettings(b.settings);
        setNext(b.tiers);
      },
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [engine, snapshot]);

  // Other settings: the engine recomputes the tiers with the workbook's formulas (the newest answer wins).
  useEffect(() => {
    if (!base || !settings) return;
    const mine = ++ticket.current;
    if (settings === base.settings) {
      setNext(base.tiers);
      return;
    }
    const timer = setTimeout(() => {
      engine.tiersUnder(settings).then(
        (r) => mine === ticket.current && setNext(r),
        (e: unknown) => mine === ticket.current && setFailed(e instanceof Error ? e.message : String(e)),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [engine, base, settings]);

  if (failed)
    return (
      <section className={styles.view} aria-labelledby="tiering-heading" data-view="tiering">
        <Title3 as="h2" id="tiering-heading">
          {t.heading}
        </Title3>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failed}</MessageBarBody>
        </MessageBar>
      </section>
    );
  if (!base || !settings || !next)
    return (
      <section className={styles.view} aria-labelledby="tiering-heading" data-view="tiering">
        <Title3 as="h2" id="tiering-heading">
          {t.heading}
        </Title3>
        <Spinner size="small" label={t.computing} />
      </section>
    );

  const write = settingsWrite(base.settings, settings);
  const dirty = (write.settings?.length ?? 0) + (write.config?.length ?? 0) > 0;
  const weightsWritable = settings.criteria.every((c) => c.workbookRow !== undefined);

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

  const matrix = settings.method === 'Matrix';
  return (
    <section className={styles.view} aria-labelledby="tiering-heading" data-view="tiering">
      <Title3 as="h2" id="tiering-heading">
        {t.heading}
      </Title3>
      <Body1>{t.intro}</Body1>
      <Caption1>{matrix ? t.methodMatrix : t.methodScore}</Caption1>
      <TierMatrix locale={locale} settings={settings} counts={next.counts} baseCounts={base.tiers.counts} />
      {next.counts.untiered > 0 && <Caption1>{t.untiered(next.counts.untiered)}</Caption1>}
      {next.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{next.error}</MessageBarBody>
        </MessageBar>
      )}
      {next.tooManyA && (
        <MessageBar intent="warning" layout="multiline" data-testid="tier-a-warning">
          <MessageBarBody>{pick(next.tooManyA, locale)}</MessageBarBody>
        </MessageBar>
      )}
      <TierChanges locale={locale} accounts={base.accounts} base={base.tiers.tiers} next={next.tiers} />
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
              base={base.settings.attractivenessThreshold}
              min={0}
              max={100}
              onChange={(v) => change({ attractivenessThreshold: v })}
            />
            <SettingSlider
              label={t.positionThreshold}
              testId="position-threshold"
              value={settings.positionThreshold}
              base={base.settings.positionThreshold}
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
              base={base.settings.bandA}
              min={0}
              max={100}
              onChange={(v) => change({ bandA: v })}
            />
            <SettingSlider
              label={t.bandB}
              testId="band-b"
              value={settings.bandB}
              base={base.settings.bandB}
              min={0}
              max={100}
              onChange={(v) => change({ bandB: v })}
            />
            <SettingSlider
              label={t.bandC}
              testId="band-c"
              value={settings.bandC}
              base={base.settings.bandC}
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
            label={`${c.name} · ${c.axis ? valueLabel(Axis, c.axis, locale) : t.noAxis}`}
            testId={`weight-${c.id}`}
            value={c.weight}
            base={base.settings.criteria[i]?.weight ?? c.weight}
            min={0}
            max={50}
            disabled={c.workbookRow === undefined}
            onChange={(v) => setWeight(i, v)}
          />
        ))}
      </fieldset>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={!dirty || apply.kind === 'applying' || !!next.error}
          onClick={() => void applyToConfig()}
        >
          {apply.kind === 'applying' ? t.applying : t.apply}
        </Button>
        <Button disabled={!dirty} onClick={() => change(base.settings)}>
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
      <AccountsByTier locale={locale} accounts={base.accounts} tiers={next.tiers} />
    </section>
  );
}
