/**
 * One contact in the chain map: name and title, then badges for support (colour with a word
 * and a symbol, never colour alone), buying role, coverage and key player.
 */
import { Badge, BadgeProps, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { BuyingRole, Coverage, Support, valueLabel } from '../../../core/enumerations';
import { Locale, pickAll } from '../../../core/i18n';
import type { ContactNode } from '../../../engine/decisionChain';
import { decisionChainStrings } from './decisionChainStrings';

const useStyles = makeStyles({
  contact: { display: 'flex', flexDirection: 'column', gap: '2px', padding: `${tokens.spacingVerticalXXS} 0`, minWidth: 0 },
  name: { overflowWrap: 'anywhere' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Support → badge colour and a symbol that says the same thing as the colour. */
const SUPPORT_LOOK: Record<string, { color: BadgeProps['color']; symbol: string }> = {
  Mentor: { color: 'success', symbol: '★' },
  Supporter: { color: 'success', symbol: '+' },
  Neutral: { color: 'informative', symbol: '○' },
  NonSupporter: { color: 'warning', symbol: '−' },
  Enemy: { color: 'danger', symbol: '✕' },
};

export function ContactLabel({ node, locale }: { node: ContactNode; locale: Locale }) {
  const styles = useStyles();
  const t = pickAll(decisionChainStrings, locale);
  const m = node.chain[0];
  return (
    <span className={styles.contact} data-contact-id={node.contactId} data-support={m?.support?.code ?? ''}>
      <Text className={styles.name} weight={m ? 'semibold' : 'regular'}>
        {node.name}
        {node.title && <Caption1 className={styles.muted}> · {node.title}</Caption1>}
      </Text>
      {m ? (
        <span className={styles.badges}>
          <Badge appearance="filled" color={m.support ? SUPPORT_LOOK[m.support.code].color : 'subtle'} shape="rounded">
            {m.support
              ? `${SUPPORT_LOOK[m.support.code].symbol} ${valueLabel(Support, m.support.code, locale)}`
              : `? ${t.noSupport}`}
          </Badge>
          <Badge appearance="outline" color="brand" shape="rounded">
            {t.field(t.role, m.role ? valueLabel(BuyingRole, m.role.code, locale) : t.noRole)}
          </Badge>
          <Badge appearance="tint" color="informative" shape="rounded">
            {t.field(t.coverage, m.coverage ? valueLabel(Coverage, m.coverage.code, locale) : t.noCoverage)}
          </Badge>
          {m.keyPlayer && (
            <Badge appearance="tint" color="important" shape="rounded">
              {t.keyPlayer}
            </Badge>
          )}
        </span>
      ) : (
        <Caption1 className={styles.muted}>{t.notOnChain}</Caption1>
      )}
    </span>
  );
}
