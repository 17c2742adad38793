/** The account's contacts as an org chart by ReportsTo: a keyboard-navigable tree (role="tree"). */
import { Tree, TreeItem, TreeItemLayout, makeStyles } from '@fluentui/react-components';
import { Locale } from '../../../core/i18n';
import type { ContactNode } from '../../../engine/decisionChain';
import { ContactLabel } from './ContactLabel';

const useStyles = makeStyles({
  layout: { minHeight: 'auto', alignItems: 'flex-start', height: 'auto' },
});

function allValues(nodes: readonly ContactNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    out.push(n.contactId);
    allValues(n.children, out);
  }
  return out;
}

function ContactItem({ node, locale }: { node: ContactNode; locale: Locale }) {
  const styles = useStyles();
  const branch = node.children.length > 0;
  return (
    <TreeItem itemType={branch ? 'branch' : 'leaf'} value={node.contactId}>
      <TreeItemLayout className={styles.layout}>
        <ContactLabel node={node} locale={locale} />
      </TreeItemLayout>
      {branch && (
        <Tree>
          {node.children.map((c) => (
            <ContactItem key={c.contactId} node={c} locale={locale} />
          ))}
        </Tree>
      )}
    </TreeItem>
  );
}

export function ChainTree({ roots, locale, label }: { roots: readonly ContactNode[]; locale: Locale; label: string }) {
  return (
    <Tree aria-label={label} defaultOpenItems={allValues(roots)} data-testid="chain-tree">
      {roots.map((n) => (
        <ContactItem key={n.contactId} node={n} locale={locale} />
      ))}
    </Tree>
  );
}
