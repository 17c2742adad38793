/** The dashboard's scope: the whole workbook, or one owner, region, industry, tier or account. */
import { pickAll } from '../../../core/i18n';
import { useEffect, useId, useState } from 'react';
import { Label, Select, makeStyles, tokens } from '@fluentui/react-components';
import { SCOPE_FIELDS, Scope, ScopeField } from '../../../engine/scope';
import type { PaneEngine } from '../../paneEngine';
import { UiLocale, strings } from '../../strings';

const useStyles = makeStyles({
  row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  field: { display: 'flex', flexDirection: 'column', minWidth: 0 },
});

interface Props {
  engine: PaneEngine;
  locale: UiLocale;
  /** Changes when the workbook is reloaded, so the values are asked again. */
  version: number;
  scope: Scope | undefined;
  onChange(scope: Scope | undefined): void;
}

export function ScopePicker({ engine, locale, version, scope, onChange }: Props) {
  const t = pickAll(strings, locale);
  const s = useStyles();
  const fieldId = useId();
  const valueId = useId();
  const [field, setField] = useState<ScopeField | ''>(scope?.field ?? '');
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    if (!field) return setValues([]);
    engine.scopeValues(field).then(
      (v) => live && setValues(v),
      () => live && setValues([]),
    );
    return () => {
      live = false;
    };
  }, [engine, field, version]);

  return (
    <div className={s.row} role="group" aria-label={t.scope} data-testid="scope-picker">
      <div className={s.field}>
        <Label htmlFor={fieldId} size="small">
          {t.scopeField}
        </Label>
        <Select
          id={fieldId}
          size="small"
          value={field}
          data-testid="scope-field"
          onChange={(_, d) => {
            const f = d.value as ScopeField | '';
            setField(f);
            if (!f) onChange(undefined);
          }}
        >
          <option value="">{t.wholeWorkbook}</option>
          {SCOPE_FIELDS.map((f) => (
            <option key={f} value={f}>
              {t.scopeFields[f]}
            </option>
          ))}
        </Select>
      </div>
      <div className={s.field}>
        <Label htmlFor={valueId} size="small">
          {t.scopeValue}
        </Label>
        <Select
          id={valueId}
          size="small"
          disabled={!field}
          value={scope && scope.field === field ? scope.value : ''}
          data-testid="scope-value"
          onChange={(_, d) => (field && d.value ? onChange({ field, value: d.value }) : onChange(undefined))}
        >
          <option value="">{t.chooseValue}</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
