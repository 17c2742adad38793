/**
 * Save snapshot (issue 16): the engine plans the rows `crm3 snapshot` would append for the
 * loaded workbook at its evaluation date; the host writes them (office-js in Excel; in web
 * mode the page's workbook, which "Download workbook" then saves). The same date twice
 * changes nothing. The view computes nothing: it shows what the engine and host answer.
 */
import { pick, pickAll } from '../../../core/i18n';
import { useState } from 'react';
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isoFromSerial } from '../../../core/cells';
import type { WorkbookHost } from '../../../host/workbookHost';
import type { PaneEngine } from '../../paneEngine';
import type { UiLocale } from '../../strings';
import { historyStrings } from './historyStrings';

const useStyles = makeStyles({
  box: { marginTop: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  label: { flexGrow: 1, minWidth: '160px' },
});

interface Props {
  engine: PaneEngine;
  host: WorkbookHost;
  locale: UiLocale;
  /** The evaluation date (YYYY-MM-DD): the snapshot's date. */
  asOf: string;
  inExcel: boolean;
  /** Re-read the workbook after the rows were written. */
  refresh(): void;
}

type Outcome = { intent: 'success' | 'info' | 'error'; text: string };

export function SaveSnapshot({ engine, host, locale, asOf, inExcel, refresh }: Props) {
  const t = pickAll(historyStrings, locale);
  const s = useStyles();
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  async function save() {
    setBusy(true);
    setOutcome(undefined);
    try {
      const plan = await engine.planSnapshot(label.trim() || null);
      if (plan.kind === 'refused')
        return setOutcome({ intent: 'error', text: `${t.snapshotFailed} ${pick(plan.message, locale)}` });
      const day = isoFromSerial(plan.date);
      if (plan.kind === 'same-date') return setOutcome({ intent: 'info', text: t.snapshotSameDate(day) });
      const written = await host.appendHistory(plan.rows);
      if (!written.ok) return setOutcome({ intent: 'error', text: `${t.snapshotFailed} ${pick(written.message, locale)}` });
      const r = plan.rows;
      const saved = t.snapshotSaved(day, r.History.length, r.OppHistory.length, r.AccountHistory.length);
      setOutcome({ intent: 'success', text: inExcel ? saved : `${saved}${t.keepByDownload}` });
      setLabel('');
      refresh();
    } catch (e) {
      setOutcome({ intent: 'error', text: `${t.snapshotFailed} ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={s.box} aria-labelledby="snapshot-title" data-testid="save-snapshot">
      <Subtitle2 as="h3" id="snapshot-title" block>
        {t.snapshotTitle}
      </Subtitle2>
      <Caption1 block>{t.snapshotHint(asOf)}</Caption1>
      <div className={s.row}>
        <Field label={t.snapshotLabel} className={s.label}>
          <Input
            value={label}
            placeholder={t.snapshotPlaceholder}
            onChange={(_, d) => setLabel(d.value)}
            disabled={busy}
            data-testid="snapshot-label"
          />
        </Field>
        <Button appearance="primary" onClick={() => void save()} disabled={busy} data-testid="save-snapshot-button">
          {busy ? t.savingSnapshot : t.saveSnapshot}
        </Button>
      </div>
      {outcome && (
        <MessageBar intent={outcome.intent} layout="multiline" data-testid="snapshot-outcome">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
