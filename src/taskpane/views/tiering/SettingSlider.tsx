/** A labelled slider with its value shown beside the label (and read out by screen readers). */
import { useId } from 'react';
import { Label, Slider, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  row: { display: 'flex', flexDirection: 'column' },
  label: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  value: { fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightSemibold },
  changed: { color: tokens.colorBrandForeground1 },
});

export interface SettingSliderProps {
  label: string;
  value: number;
  /** The workbook's value: a changed slider shows its value in the brand colour. */
  base: number;
  min: number;
  max: number;
  /** Omitted: steps of 1 without tick marks (a 0–100 rail of marks is noise). */
  step?: number;
  disabled?: boolean;
  testId?: string;
  onChange(value: number): void;
}

export function SettingSlider({ label, value, base, min, max, step, disabled, testId, onChange }: SettingSliderProps) {
  const styles = useStyles();
  const id = useId();
  return (
    <div className={styles.row}>
      <Label htmlFor={id} className={styles.label} disabled={disabled}>
        <span>{label}</span>
        <span className={value !== base ? `${styles.value} ${styles.changed}` : styles.value} aria-hidden>
          {value}
        </span>
      </Label>
      <Slider
        id={id}
        data-testid={testId}
        min={min}
        max={Math.max(max, value)}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(_, d) => onChange(d.value)}
      />
    </div>
  );
}
