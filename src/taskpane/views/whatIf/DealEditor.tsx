/** The what-if inputs of one opportunity: status, stage, amount, and the support of each chain contact. */
import { Caption1, Dropdown, Field, Input, Option, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { Cell, isBlank, toNumber } from '../../../core/cells';
import { BuyingRole, Status, Support, lookupEnum, valueLabel } from '../../../core/enumerations';
import { Locale, pickAll } from '../../../core/i18n';
import type { ChainMember } from '../../../engine/decisionChain';
import { whatIfStrings } from './whatIfStrings';

const useStyles = makeStyles({
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))',
    gap: tokens.spacingHorizontalS,
    alignItems: 'start',
  },
  full: { minWidth: 0, width: '100%' },
  /** A long value (a stage named at length) is cut with an ellipsis on one line; the list shows it whole. */
  oneLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  option: { overflowWrap: 'anywhere' },
});

/** The dropdown's shown value on one line, the whole text on hover. */
function Shown({ text, className }: { text: string; className: string }) {
  return (
    <span className={className} title={text}>
      {text}
    </span>
  );
}

export interface DealValues {
  Status: Cell;
  Stage: Cell;
  Amount: Cell;
}

export interface DealEditorProps {
  locale: Locale;
  values: DealValues;
  stages: readonly string[];
  members: readonly ChainMember[];
  /** Current Support cell of each chain row (by DecisionChain row). */
  support: ReadonlyMap<number, Cell>;
  onDeal(column: keyof DealValues, value: Cell): void;
  onSupport(chainRow: number, value: Cell): void;
}

export function DealEditor({ locale, values, stages, members, support, onDeal, onSupport }: DealEditorProps) {
  const styles = useStyles();
  const t = pickAll(whatIfStrings, locale);
  const status = lookupEnum(Status, values.Status);
  const amount = values.Amount;
  const amountInvalid = !isBlank(amount) && !(toNumber(amount) !== undefined && toNumber(amount)! >= 0);
  return (
    <div className={styles.editor}>
      <div className={styles.pair}>
        <Field label={t.status}>
          <Dropdown
            className={styles.full}
            data-testid="whatif-status"
            value={status ? valueLabel(Status, status.code, locale) : String(values.Status ?? '')}
            button={{
              children: (
                <Shown
                  className={styles.oneLine}
                  text={status ? valueLabel(Status, status.code, locale) : String(values.Status ?? '')}
                />
              ),
            }}
            selectedOptions={status ? [status.code] : []}
            onOptionSelect={(_, d) => d.optionValue && onDeal('Status', d.optionValue)}
          >
            {Status.values.map((v) => (
              <Option key={v.code} value={v.code}>
                {valueLabel(Status, v.code, locale)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t.stage}>
          <Dropdown
            className={styles.full}
            data-testid="whatif-stage"
            value={String(values.Stage ?? '')}
            button={{ children: <Shown className={styles.oneLine} text={String(values.Stage ?? '')} /> }}
            selectedOptions={[String(values.Stage ?? '')]}
            onOptionSelect={(_, d) => d.optionValue && onDeal('Stage', d.optionValue)}
          >
            {stages.map((s) => (
              <Option key={s} value={s} className={styles.option}>
                {s}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      <Field
        label={t.amount}
        validationState={amountInvalid ? 'error' : 'none'}
        validationMessage={amountInvalid ? t.amountInvalid : undefined}
      >
        <Input
          data-testid="whatif-amount"
          type="number"
          min={0}
          inputMode="decimal"
          value={isBlank(amount) ? '' : String(amount)}
          onChange={(_, d) => onDeal('Amount', d.value === '' ? null : (toNumber(d.value) ?? d.value))}
        />
      </Field>
      <Subtitle2 as="h3">{t.chain}</Subtitle2>
      {members.length === 0 && <Caption1>{t.noChain}</Caption1>}
      {members.map((m) => {
        const current = lookupEnum(Support, support.get(m.row) ?? null);
        const role = m.role ? ` · ${valueLabel(BuyingRole, m.role.code, locale)}` : '';
        return (
          <Field key={m.row} label={`${m.name}${role}`}>
            <Dropdown
              className={styles.full}
              data-chain-row={m.row}
              aria-label={t.supportOf(m.name)}
              value={current ? valueLabel(Support, current.code, locale) : t.blank}
              button={{
                children: (
                  <Shown className={styles.oneLine} text={current ? valueLabel(Support, current.code, locale) : t.blank} />
                ),
              }}
              selectedOptions={current ? [current.code] : []}
              onOptionSelect={(_, d) => d.optionValue && onSupport(m.row, d.optionValue)}
            >
              {Support.values.map((v) => (
                <Option key={v.code} value={v.code}>
                  {valueLabel(Support, v.code, locale)}
                </Option>
              ))}
            </Dropdown>
          </Field>
        );
      })}
    </div>
  );
}
