/** A small schematic of a template: its sheets drawn as Excel sheet tabs, in order. */
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  tabs: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '2px',
    listStyleType: 'none',
    margin: 0,
    padding: `${tokens.spacingVerticalXS} 0 0 0`,
    borderTop: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  tab: {
    padding: `1px ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderTopWidth: 0,
    borderBottomLeftRadius: tokens.borderRadiusSmall,
    borderBottomRightRadius: tokens.borderRadiusSmall,
    whiteSpace: 'nowrap',
  },
  first: {
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export function SheetTabs({ sheets, label }: { sheets: readonly string[]; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.tabs} aria-label={label}>
      {sheets.map((s, i) => (
        <li key={s} className={i === 0 ? `${styles.tab} ${styles.first}` : styles.tab}>
          {s}
        </li>
      ))}
    </ul>
  );
}
