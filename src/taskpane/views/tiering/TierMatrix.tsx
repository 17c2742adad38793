/**
 * The portfolio per tier: the 2×2 matrix (rows attractiveness, columns our position) for the
 * matrix method, or the four score bands for the score method. Each cell says its tier,
 * strategy, count and the change against the workbook's current tiers.
 */
import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Locale, pick, pickAll } from '../../../core/i18n';
import type { TierCode, TierCounts, TierSettings } from '../../../engine/tiering';
import { DEFAULT_TIERS } from '../../../model/defaults';
import { tieringStrings } from './tieringStrings';

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'separate', borderSpacing: '4px', tableLayout: 'fixed' },
  caption: { textAlign: 'start', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, paddingBottom: '2px' },
  rowHead: {
    width: '56px',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    textAlign: 'start',
    overflowWrap: 'anywhere',
  },
  colHead: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular },
  cell: {
    verticalAlign: 'top',
    padding: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  letter: { display: 'block' },
  moved: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  strategy: { display: 'block', color: tokens.colorNeutralForeground2, overflowWrap: 'break-word', hyphens: 'auto' },
});

export interface TierMatrixProps {
  locale: Locale;
  settings: TierSettings;
  counts: TierCounts;
  baseCounts: TierCounts;
}

function TierCell({
  tier,
  counts,
  baseCounts,
  locale,
}: {
  tier: TierCode;
  counts: TierCounts;
  baseCounts: TierCounts;
  locale: Locale;
}) {
  const styles = useStyles();
  const t = pickAll(tieringStrings, locale);
  const d = counts[tier] - baseCounts[tier];
  const strategy = DEFAULT_TIERS.find((x) => x.tier === tier)!.strategy;
  return (
    <td className={styles.cell} data-tier={tier}>
      <Text className={styles.letter} size={500} weight="semibold">
        {tier}{' '}
        <Text size={400} data-testid={`tier-count-${tier}`}>
          {counts[tier]}
        </Text>{' '}
        {d !== 0 && (
          <Caption1 className={styles.moved} aria-label={t.deltaLabel(d)}>
            ({t.delta(d)})
          </Caption1>
        )}
      </Text>
      <Caption1 className={styles.strategy}>{pick(strategy, locale)}</Caption1>
    </td>
  );
}

export function TierMatrix({ locale, settings, counts, baseCounts }: TierMatrixProps) {
  const styles = useStyles();
  const t = pickAll(tieringStrings, locale);
  const cell = (tier: TierCode) => <TierCell tier={tier} counts={counts} baseCounts={baseCounts} locale={locale} />;
  if (settings.method === 'Score') {
    const bands: [TierCode, string][] = [
      ['A', t.atLeast(settings.bandA)],
      ['B', t.atLeast(settings.bandB)],
      ['C', t.atLeast(settings.bandC)],
      ['D', t.below(settings.bandC)],
    ];
    return (
      <table className={styles.table} data-testid="tier-matrix">
        <caption className={styles.caption}>{t.bandsCaption}</caption>
        <tbody>
          {bands.map(([tier, range]) => (
            <tr key={tier}>
              <th scope="row" className={styles.rowHead}>
                {t.range} {range}
              </th>
              {cell(tier)}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <table className={styles.table} data-testid="tier-matrix">
      <caption className={styles.caption}>{t.matrixCaption}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col" className={styles.colHead}>
            {t.weakPosition} {t.below(settings.positionThreshold)}
          </th>
          <th scope="col" className={styles.colHead}>
            {t.strongPosition} {t.atLeast(settings.positionThreshold)}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row" className={styles.rowHead}>
            {t.highAttractiveness} {t.atLeast(settings.attractivenessThreshold)}
          </th>
          {cell('B')}
          {cell('A')}
        </tr>
        <tr>
          <th scope="row" className={styles.rowHead}>
            {t.lowAttractiveness} {t.below(settings.attractivenessThreshold)}
          </th>
          {cell('D')}
          {cell('C')}
        </tr>
      </tbody>
    </table>
  );
}
