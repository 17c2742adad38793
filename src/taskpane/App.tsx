/** The task pane's first page: what CRM3 is, and the function catalog in the user's language. */
import { useState } from 'react';
import { Body1, Caption1, FluentProvider, Subtitle2, Title3, ToggleButton, webLightTheme } from '@fluentui/react-components';
import { catalog } from '../functions/catalog';
import { signature } from '../functions/reference';
import { strings, UiLocale } from './strings';

export function App({ inOffice, initialLocale }: { inOffice: boolean; initialLocale: UiLocale }) {
  const [locale, setLocale] = useState<UiLocale>(initialLocale);
  const t = strings[locale];
  const zh = locale === 'zh-CN';
  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <main style={{ padding: 12, maxWidth: 640 }}>
        <Title3 as="h1" block>{t.title}</Title3>
        <Body1 as="p" block>{t.tagline}</Body1>
        <Caption1 as="p" block data-testid="mode">
          {inOffice ? t.inExcel : t.webMode}
        </Caption1>
        <div role="group" aria-label={t.language} style={{ display: 'flex', gap: 8, margin: '8px 0' }}>
          <ToggleButton checked={!zh} onClick={() => setLocale('en-US')}>
            English
          </ToggleButton>
          <ToggleButton checked={zh} onClick={() => setLocale('zh-CN')}>
            中文
          </ToggleButton>
        </div>
        <Subtitle2 as="h2" block>
          {t.functions} ({catalog.length})
        </Subtitle2>
        <ul style={{ paddingLeft: 16 }}>
          {catalog.map((d) => (
            <li key={d.id} data-function-id={d.id} style={{ marginBottom: 8 }}>
              <code style={{ overflowWrap: 'anywhere' }}>{signature(d)}</code>
              <br />
              <Caption1>{zh ? d.description.zh : d.description.en}</Caption1>
              <br />
              <Caption1>
                {t.example}: <code style={{ overflowWrap: 'anywhere' }}>{d.example}</code>
              </Caption1>
            </li>
          ))}
        </ul>
      </main>
    </FluentProvider>
  );
}
