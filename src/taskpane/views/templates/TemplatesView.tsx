/**
 * Templates gallery (DESIGN §1, §10): the four CRM3 templates with their sheets; Insert loads
 * the built file in the chosen language and hands it to the host, which adds the sheets
 * without overwriting anything and rolls back on failure.
 */
import { useState } from 'react';
import {
  Body1,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Locale, Message, joinList, pick, pickAll } from '../../../core/i18n';
import type { InsertedTemplate } from '../../../host/workbookHost';
import { TEMPLATES, TemplateId, templateInfo } from '../../../templates/catalog';
import type { ViewProps } from '../viewProps';
import { TemplateCard } from './TemplateCard';
import { loadTemplateFile } from './templateFile';
import { templatesStrings } from './templatesStrings';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, listStyleType: 'none', margin: 0, padding: 0 },
});

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; id: TemplateId; fraction?: number; label: string }
  | { kind: 'done'; id: TemplateId; inserted: InsertedTemplate }
  | { kind: 'failed'; id: TemplateId; message: Message };

export function TemplatesView({ host, locale }: ViewProps) {
  const styles = useStyles();
  const t = pickAll(templatesStrings, locale);
  const [fileLocale, setFileLocale] = useState<Locale>(locale);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  async function insert(id: TemplateId) {
    setOutcome({ kind: 'busy', id, label: t.downloading });
    const file = await loadTemplateFile(id, fileLocale);
    if (!file.ok) {
      setOutcome({ kind: 'failed', id, message: file.message });
      return;
    }
    const result = await host.insertTemplate({
      id,
      locale: fileLocale,
      base64: file.base64,
      onProgress: (done, total, label) =>
        setOutcome({ kind: 'busy', id, fraction: total > 0 ? done / total : undefined, label: pick(label, locale) }),
    });
    setOutcome(result.ok ? { kind: 'done', id, inserted: result } : { kind: 'failed', id, message: result.message });
  }

  const busy = outcome.kind === 'busy';
  const templateName = (id: TemplateId) => pick(templateInfo(id)!.name, locale);
  return (
    <section className={styles.view} aria-labelledby="templates-heading" data-view="templates">
      <Title3 as="h2" id="templates-heading">
        {t.heading}
      </Title3>
      <Body1>{t.intro}</Body1>
      <Field label={t.fileLanguage}>
        <RadioGroup layout="horizontal" value={fileLocale} onChange={(_, d) => setFileLocale(d.value as Locale)}>
          <Radio value="en-US" label={t.english} />
          <Radio value="zh-CN" label={t.chinese} />
        </RadioGroup>
      </Field>
      <div aria-live="polite">
        {outcome.kind === 'busy' && (
          <Field label={`${templateName(outcome.id)}: ${outcome.label}`} validationState="none">
            <ProgressBar value={outcome.fraction} aria-label={t.inserting} />
          </Field>
        )}
        {outcome.kind === 'done' && (
          <MessageBar intent="success" layout="multiline" data-testid="template-inserted">
            <MessageBarBody>
              <MessageBarTitle>{templateName(outcome.id)}</MessageBarTitle>
              {outcome.inserted.sheets.length > 0 ? t.inserted(outcome.inserted.sheets.length) : t.nothingAdded}
              {outcome.inserted.renamed.map((r) => (
                <div key={`${r.kind}:${r.from}`}>{t.renamed(r.from, r.to)}</div>
              ))}
              {(outcome.inserted.skipped?.length ?? 0) > 0 && (
                <div data-testid="template-kept">
                  {t.kept(
                    joinList(
                      outcome.inserted.skipped!.map((k) => k.name),
                      locale,
                    ),
                  )}
                </div>
              )}
              {outcome.inserted.firstSheet && (
                <div>
                  <Button appearance="transparent" onClick={() => void host.goTo(outcome.inserted.firstSheet, 'A1')}>
                    {t.goTo(outcome.inserted.firstSheet)}
                  </Button>
                </div>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {outcome.kind === 'failed' && (
          <MessageBar intent="error" layout="multiline" data-testid="template-failed">
            <MessageBarBody>
              <MessageBarTitle>{t.failed}</MessageBarTitle>
              {pick(outcome.message, locale)} {t.leftAsItWas}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <ul className={styles.list} aria-label={t.heading}>
        {TEMPLATES.map((tpl) => (
          <li key={tpl.id}>
            <TemplateCard
              template={tpl}
              locale={locale}
              fileLocale={fileLocale}
              busy={busy}
              onInsert={() => void insert(tpl.id)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
