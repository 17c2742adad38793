/**
 * The column mapping of an opened CRM export (web mode): one row per export column with a
 * sample value and one choice (a CRM3 column, or not used). Confirming reads the export again
 * with these choices; the reader applies them and the mapping is remembered in Config's
 * ImportMap for the next export. The pane only shows what the reader found (snapshot.imported).
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Locale, pick, pickAll } from '../../../core/i18n';
import type { ImportInfo } from '../../../model/importInfo';
import { MappingChoice, choicesOfImport, mappingTargets } from '../../../model/importMapping';
import { tableSpec } from '../../../model/schema';
import { importMappingStrings } from './importMappingStrings';

const useStyles = makeStyles({
  card: { marginTop: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  heading: { margin: 0 },
  intro: { margin: 0 },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    listStyleType: 'none',
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.2fr)',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 360px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  source: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  name: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  sample: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  select: { minWidth: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM, flexWrap: 'wrap' },
});

export interface ImportMappingProps {
  locale: Locale;
  imported: ImportInfo;
  /** Reads the export again with these choices (and remembers them). */
  onConfirm: (choices: MappingChoice[]) => Promise<void>;
}

const keyOf = (c: { table: string; source: string }) => `${c.table}\u0000${c.source}`;

export function ImportMapping({ locale, imported, onConfirm }: ImportMappingProps) {
  const t = pickAll(importMappingStrings, locale);
  const s = useStyles();
  const read = useMemo(() => choicesOfImport(imported), [imported]);
  // Confirmed before: every column was read with a remembered choice, so the panel starts closed.
  const confirmed = imported.tables.every((x) => x.columns.every((c) => c.by === 'map'));
  const [open, setOpen] = useState(!confirmed);
  const [choices, setChoices] = useState(() => new Map(read.map((c) => [keyOf(c), c.column])));
  const [applying, setApplying] = useState(false);
  useEffect(() => {
    setChoices(new Map(read.map((c) => [keyOf(c), c.column])));
    setOpen(!confirmed);
  }, [read, confirmed]);

  async function confirm() {
    setApplying(true);
    try {
      await onConfirm(read.map((c) => ({ ...c, column: choices.get(keyOf(c)) ?? '' })));
    } finally {
      setApplying(false);
    }
  }

  if (!open)
    return (
      <Card className={s.card} data-testid="import-mapping" data-open="false">
        {confirmed && <Caption1 data-testid="import-mapping-remembered">{t.remembered}</Caption1>}
        <div>
          <Button size="small" onClick={() => setOpen(true)} data-testid="import-mapping-edit">
            {t.edit}
          </Button>
        </div>
      </Card>
    );

  const first = imported.tables[0];
  return (
    <Card className={s.card} data-testid="import-mapping" data-open="true">
      <Subtitle2 as="h2" id="import-mapping-title" className={s.heading}>
        {t.heading}
      </Subtitle2>
      {first && (
        <Body1 as="p" className={s.intro}>
          {t.intro(first.sheet, first.headerRow)}
        </Body1>
      )}
      {imported.tables.map((table) => {
        const targets = mappingTargets(table.table);
        const spec = tableSpec(table.table);
        return (
          <section key={table.table} aria-labelledby={`map-${table.table}`}>
            <Caption1 as="h3" id={`map-${table.table}`} block>
              {t.table(pick({ en: spec.name, zh: spec.zh }, locale), table.rows)}
            </Caption1>
            <ul className={s.list}>
              {table.columns.map((c) => {
                const k = keyOf({ table: table.table, source: c.source });
                const value = choices.get(k) ?? '';
                return (
                  <li key={k} className={s.row} data-source={c.source}>
                    <div className={s.source}>
                      <span className={s.name}>{c.source}</span>
                      <Caption1 className={s.sample} title={c.sample}>
                        {c.sample !== undefined ? t.sample(c.sample) : t.noSample}
                      </Caption1>
                    </div>
                    <Select
                      className={s.select}
                      size="small"
                      value={value}
                      aria-label={t.feeds(c.source)}
                      data-testid="import-mapping-choice"
                      onChange={(_, d) => setChoices((m) => new Map(m).set(k, d.value))}
                    >
                      <option value="">{t.notUsed}</option>
                      {targets.map((x) => (
                        <option key={x.column} value={x.column}>
                          {pick(x.label, locale)}
                        </option>
                      ))}
                    </Select>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {applying && (
        <MessageBar intent="info">
          <MessageBarBody>{t.applying}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.actions}>
        <Button appearance="primary" disabled={applying} onClick={() => void confirm()} data-testid="import-mapping-confirm">
          {t.confirm}
        </Button>
        {confirmed && (
          <Button disabled={applying} onClick={() => setOpen(false)}>
            {t.close}
          </Button>
        )}
      </div>
    </Card>
  );
}
