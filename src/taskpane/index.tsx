/**
 * Task pane entry: inside Office it loads office.js first (custom functions register then),
 * in a plain browser it starts straight away in web mode.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadOfficeJs, runsInOffice } from './officeLoader';
import { UiLocale } from './strings';

function browserLocale(): UiLocale {
  const q = new URLSearchParams(window.location.search).get('lang');
  const lang = q ?? navigator.language ?? 'en-US';
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

async function start() {
  const root = createRoot(document.getElementById('root')!);
  let inOffice = false;
  let locale = browserLocale();
  if (runsInOffice(window.location, window.sessionStorage)) {
    inOffice = await loadOfficeJs();
    if (inOffice) {
      await Office.onReady();
      if (Office.context?.displayLanguage?.toLowerCase().startsWith('zh')) locale = 'zh-CN';
    }
  }
  root.render(<App inOffice={inOffice} initialLocale={locale} />);
}

void start();
