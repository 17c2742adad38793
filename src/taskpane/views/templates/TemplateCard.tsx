/** One template of the gallery: name, what it is for, its sheets, and the Insert button. */
import { Body1, Button, Caption1, Card, CardHeader, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { Locale, pick, pickAll } from '../../../core/i18n';
import type { TemplateInfo } from '../../../templates/catalog';
import { SheetTabs } from './SheetTabs';
import { templatesStrings } from './templatesStrings';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalS },
  description: { color: tokens.colorNeutralForeground2 },
});

export interface TemplateCardProps {
  template: TemplateInfo;
  /** Language of the pane's text. */
  locale: Locale;
  /** Language of the file to insert (sheet names follow it). */
  fileLocale: Locale;
  busy: boolean;
  onInsert(): void;
}

export function TemplateCard({ template, locale, fileLocale, busy, onInsert }: TemplateCardProps) {
  const styles = useStyles();
  const t = pickAll(templatesStrings, locale);
  const name = pick(template.name, locale);
  const sheets = pick(template.sheets, fileLocale);
  const headingId = `template-${template.id}`;
  return (
    <Card className={styles.card} data-template-id={template.id} role="group" aria-labelledby={headingId}>
      <CardHeader
        header={
          <Subtitle2 as="h3" id={headingId}>
            {name}
          </Subtitle2>
        }
        description={<Caption1>{t.sheets(sheets.length)}</Caption1>}
      />
      <Body1 className={styles.description}>{pick(template.description, locale)}</Body1>
      <SheetTabs sheets={sheets} label={t.sheetsOf(name)} />
      <div>
        <Button appearance="primary" disabled={busy} onClick={onInsert} aria-label={t.insertNamed(name)}>
          {t.insert}
        </Button>
      </div>
    </Card>
  );
}
