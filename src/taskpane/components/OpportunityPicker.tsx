/**
 * Searchable picker of an opportunity by OppId or name (grading, what-if and decision chain
 * share it). Lists at most MAX_SHOWN matches so a 5,000-deal workbook stays responsive.
 */
import { useMemo, useState } from 'react';
import { Combobox, Field, Option } from '@fluentui/react-components';
import { Cell, isBlank } from '../../core/cells';
import { Locale, Message, bi, pickAll } from '../../core/i18n';
import { columnValues } from '../../model/workbookColumns';
import type { WorkbookSnapshot } from '../../model/snapshot';

const MAX_SHOWN = 50;

export interface OpportunityChoice {
  /** 0-based data row in the Opportunities table. */
  row: number;
  id: string;
  label: string;
}

const text = (c: Cell | undefined) => (isBlank(c) ? '' : String(c).trim());

/** Every opportunity with an id, labelled "O0012 · Name". */
export function opportunityChoices(snapshot: WorkbookSnapshot): OpportunityChoice[] {
  const t = snapshot.tables.Opportunities;
  const ids = columnValues(t, 'OppId') ?? [];
  const names = columnValues(t, 'OppName') ?? [];
  const out: OpportunityChoice[] = [];
  ids.forEach((id, row) => {
    const s = text(id);
    if (!s) return;
    const name = text(names[row]);
    out.push({ row, id: s, label: name ? `${s} · ${name}` : s });
  });
  return out;
}

const labels = {
  label: bi('Opportunity', '商机'),
  placeholder: bi('Type an OppId or a name', '输入商机编号或名称'),
  none: bi('No opportunity matches', '没有匹配的商机'),
  more: (n: number): Message => bi(`${n} more: type to narrow`, `另有 ${n} 个，请继续输入以缩小范围`),
};

export interface OpportunityPickerProps {
  snapshot: WorkbookSnapshot;
  locale: Locale;
  selected: OpportunityChoice | undefined;
  onSelect(choice: OpportunityChoice | undefined): void;
}

export function OpportunityPicker({ snapshot, locale, selected, onSelect }: OpportunityPickerProps) {
  const t = pickAll(labels, locale);
  const choices = useMemo(() => opportunityChoices(snapshot), [snapshot]);
  const [query, setQuery] = useState(selected?.label ?? '');
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q && q !== selected?.label.toLowerCase() ? choices.filter((c) => c.label.toLowerCase().includes(q)) : choices;
  }, [choices, query, selected]);
  return (
    <Field label={t.label}>
      <Combobox
        data-testid="opportunity-picker"
        freeform
        placeholder={t.placeholder}
        value={query}
        selectedOptions={selected ? [String(selected.row)] : []}
        onChange={(e) => setQuery(e.target.value)}
        onOptionSelect={(_, d) => {
          const choice = choices.find((c) => String(c.row) === d.optionValue);
          setQuery(choice?.label ?? '');
          onSelect(choice);
        }}
      >
        {matches.slice(0, MAX_SHOWN).map((c) => (
          <Option key={c.row} value={String(c.row)} text={c.label}>
            {c.label}
          </Option>
        ))}
        {matches.length === 0 && (
          <Option disabled value="" text={t.none}>
            {t.none}
          </Option>
        )}
        {matches.length > MAX_SHOWN && (
          <Option disabled value="" text={t.more(matches.length - MAX_SHOWN)}>
            {t.more(matches.length - MAX_SHOWN)}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
