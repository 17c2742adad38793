/**
 * Web mode's first frame, written into index.html by the build (webpack.config.js): the pane as
 * React draws it first (App loading the sample: header, workbook bar, progress), rendered to
 * static HTML with its Fluent styles, in both languages (the first script sets the page's
 * language, CSS shows its frame) and both themes (the dark theme's tokens under
 * prefers-color-scheme). The page shows it from its first paint, so React, Fluent and the views
 * can load after the engine worker's script has run without a blank page meanwhile (issue #15,
 * web mode's first indicator); React's first render replaces it with the same pixels. It is
 * never bundled: the build runs it in Node, from the same components and strings as the pane.
 */
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import {
  RendererProvider,
  SSRProvider,
  createDOMRenderer,
  renderToStyleElements,
  webDarkTheme,
} from '@fluentui/react-components';
import type { Locale } from '../../core/i18n';
import type { WorkbookHost } from '../../host/workbookHost';
import { App } from '../App';
import type { PaneEngine } from '../paneEngine';
import { SAMPLE_FILE } from './sample';

export const FIRST_FRAME_LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

/** The class of each language's frame (its `data-first-frame` names the language). */
const FRAME = 'crm3-first-frame';

// The loading state is all the frame shows: nothing is ever asked of the engine or the host.
const never = new Promise<never>(() => undefined);
const idleEngine = new Proxy({}, { get: () => () => never }) as PaneEngine;
const idleHost = { readSnapshot: () => never, onChanged: () => () => undefined } as unknown as WorkbookHost;
const noAction = () => never;

/** The pane's markup in its first state, and the theme's style the Fluent provider writes inside it. */
function paneMarkup(locale: Locale, renderer: ReturnType<typeof createDOMRenderer>): { markup: string; theme: string } {
  // renderToString: adjacent texts stay apart (`<!-- -->`) as React's own render keeps them, so
  // that Chromium shapes each line alike ("工作簿: " and the file name are two texts).
  const html = renderToString(
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <App
          inOffice={false}
          initialLocale={locale}
          initialHost={idleHost}
          initialFileName={SAMPLE_FILE[locale]}
          engine={idleEngine}
          openFile={noAction}
          downloadReport={noAction}
          downloadRecommendations={noAction}
          downloadClientCopy={noAction}
          downloadWorkbook={noAction}
        />
      </SSRProvider>
    </RendererProvider>,
  );
  const theme = /<style id="fui-FluentProvider[^"]*">([^<]*)<\/style>/.exec(html);
  if (!theme) throw new Error('firstFrame: the Fluent provider wrote no theme style');
  return {
    theme: `<style>${theme[1]}</style>`,
    // Not the live pane: no test ids (tests find the pane React draws) and no element ids.
    markup: html.replace(theme[0], '').replace(/ (data-testid|id|for|aria-labelledby)="[^"]*"/g, ''),
  };
}

/**
 * `head`: the styles (Fluent's rules, kept by its renderer on the page as it starts, the light
 * theme's tokens, the dark theme's under prefers-color-scheme, which frame shows); `body`: both
 * languages' frames, inert (their controls come alive with React's, which replace them).
 */
export function firstFrame(): { head: string; body: string } {
  const renderer = createDOMRenderer();
  const frames = FIRST_FRAME_LOCALES.map((locale) => ({ locale, ...paneMarkup(locale, renderer) }));
  if (frames.some((f) => f.theme !== frames[0].theme)) throw new Error('firstFrame: the languages have different theme styles');
  const rules = renderToStaticMarkup(<>{renderToStyleElements(renderer)}</>);
  // Of the theme's 400-odd tokens, only those the frame's rules and markup use (a third of the page's bytes otherwise).
  const used = new Set([...(rules + frames.map((f) => f.markup).join('')).matchAll(/var\(--(\w+)/g)].map((m) => m[1]));
  const theme = frames[0].theme.replace(/--(\w+):[^;]*;\s*/g, (declaration, token: string) =>
    used.has(token) ? declaration : '',
  );
  const dark = Object.entries(webDarkTheme)
    .filter(([token]) => used.has(token))
    .map(([token, value]) => `--${token}:${value};`)
    .join('');
  const shown = FIRST_FRAME_LOCALES.map(
    (locale) => `html${locale === 'zh-CN' ? ':not([lang^="zh"])' : '[lang^="zh"]'} [data-first-frame="${locale}"]`,
  );
  const css =
    `<style>${shown.join(',')}{display:none}` +
    `@media (prefers-color-scheme: dark){.${FRAME} .fui-FluentProvider{${dark}}}</style>`;
  return {
    head: rules + theme + css,
    body: frames.map((f) => `<div class="${FRAME}" data-first-frame="${f.locale}" inert>${f.markup}</div>`).join(''),
  };
}
