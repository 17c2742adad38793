/**
 * Task pane entry. Inside Office (taskpane.html, office.js in <head>) it works on the open
 * workbook through ExcelHost; in a plain browser (web mode, index.html) it runs on a
 * MemoryHost with the bundled sample, and office.js is never fetched.
 *
 * This entry is kept small and starts the engine worker first: the worker fetches and starts
 * HyperFormula while the page fetches and evaluates React, the views (the "pane" chunk) and
 * the host, all at once (issue #15, web mode's first indicator).
 */
import { pick } from '../core/i18n';
import type { WorkbookHost } from '../host/workbookHost';
import type { AppProps } from './App';
import { browserLocale } from './browserLocale';
import { takeEarlyWorker } from './engine/earlyWorker';
import { WorkerEngine } from './engine/workerEngine';
import { detectOffice } from './officeLoader';
import { UiLocale, uiLocaleOf } from './strings';
import { mark } from './timing';
import { warmNumbers } from './warmNumbers';

async function officeSetup(): Promise<Pick<AppProps, 'initialHost' | 'initialFileName'> & { locale: UiLocale }> {
  const { ExcelHost } = await import(/* webpackChunkName: "excel-host" */ '../host/excelHost');
  const host: WorkbookHost = new ExcelHost();
  const q = new URLSearchParams(window.location.search).get('lang');
  return { initialHost: host, initialFileName: '', locale: q ? uiLocaleOf(q) : uiLocaleOf(Office.context?.displayLanguage) };
}

async function webSetup(
  engine: WorkerEngine,
  locale: UiLocale,
): Promise<Pick<AppProps, 'initialHost' | 'initialFileName' | 'openFile' | 'downloadReport' | 'downloadWorkbook'>> {
  const web = await import(/* webpackChunkName: "web-host" */ './webMode/webHost');
  // The host copies the sample; the engine keeps it as generated, to send the first load by name.
  const sample = web.sampleWorkbook(locale);
  engine.holdsSample(locale, sample);
  return {
    initialHost: web.sampleHost(locale, sample),
    initialFileName: web.SAMPLE_FILE[locale],
    openFile: async (file, uiLocale, choices) => {
      const buffer = await file.arrayBuffer();
      // The worker takes the buffer; the host keeps a copy: the client copy starts from the user's own file.
      const original = new Uint8Array(buffer.slice(0));
      // An export is read with the columns chosen in the mapping view, else with the mapping confirmed last time.
      const remembered = web.rememberedImportConfig();
      const r = await engine.readWorkbook(buffer, file.name, {
        ...(choices ? { columnChoices: choices } : {}),
        ...(remembered ? { importConfig: remembered } : {}),
      });
      if (!r.ok) return { ok: false, message: pick(r.reason.message, uiLocale) };
      if (r.snapshot.imported) web.recordImportMap(r.snapshot, uiLocale, !!choices);
      return { ok: true, host: web.hostFor(r.snapshot, file.name, uiLocale, original) };
    },
    // The workbook as the page holds it: the opened file (with the snapshots saved since), or the sample written out.
    downloadWorkbook: async (host, uiLocale) => {
      const file = await host.fileBytes();
      if (!file.ok) return { ok: false, message: pick(file.message, uiLocale) };
      const { saveBytes } = await import(/* webpackChunkName: "report" */ './webMode/download');
      await saveBytes(file.bytes, file.name, uiLocale);
      return { ok: true };
    },
  };
}

/** Downloads that work in Excel and in web mode (the bytes come from the host). */
function fileActions(engine: WorkerEngine): Pick<AppProps, 'downloadReport' | 'downloadClientCopy' | 'downloadRecommendations'> {
  return {
    downloadRecommendations: async (fileName, uiLocale) => {
      const [{ recommendationsReportBytes }, { saveBytes }] = await Promise.all([
        import(/* webpackChunkName: "report-docx" */ './webMode/recommendationsReport'),
        import(/* webpackChunkName: "report" */ './webMode/download'),
      ]);
      const date = new Date().toISOString().slice(0, 10);
      const bytes = await recommendationsReportBytes(engine, { locale: uiLocale, source: fileName, date });
      await saveBytes(bytes, `${baseName(fileName)}.recommendations.${uiLocale}.docx`, uiLocale);
    },
    downloadReport: async (result, fileName, uiLocale) => {
      const { reportBytes, saveBytes } = await import(/* webpackChunkName: "report" */ './webMode/download');
      await saveBytes(await reportBytes(result, uiLocale), `${baseName(fileName)}.report.${uiLocale}.xlsx`, uiLocale);
    },
    downloadClientCopy: async (host, uiLocale) => {
      const file = await host.fileBytes();
      if (!file.ok) return { ok: false, message: pick(file.message, uiLocale) };
      const copy = await engine.clientCopy(file.bytes, file.name, uiLocale);
      if (!copy.ok) return { ok: false, message: pick(copy.reason.message, uiLocale) };
      const { saveBytes } = await import(/* webpackChunkName: "report" */ './webMode/download');
      await saveBytes(copy.bytes, `${baseName(file.name)}.client.xlsx`, uiLocale);
      return { ok: true, replaced: copy.replaced };
    },
  };
}

const baseName = (fileName: string) => (fileName || 'crm3').replace(/\.xlsx$/i, '');

async function start() {
  mark('entry');
  // A page without office.js is web mode, which opens on the sample: the worker builds it at once
  // (started already by index.html's first script, engineStart.ts, when that ran).
  const engine = new WorkerEngine(
    undefined,
    typeof Office === 'undefined' ? { preloadSample: browserLocale(), early: takeEarlyWorker } : {},
  );
  const pane = Promise.all([
    import(/* webpackChunkName: "pane" */ 'react-dom/client'),
    import(/* webpackChunkName: "pane" */ './App'),
  ]);
  // The page's language's number data, loaded while the chunks download (web mode knows its language now).
  if (typeof Office === 'undefined') warmNumbers(browserLocale());
  // office.js is in <head> of taskpane.html (Office's page); index.html (web mode) has none.
  const inOffice = await detectOffice();
  const [[{ createRoot }, { App }], setup] = await Promise.all([
    pane,
    inOffice ? officeSetup() : webSetup(engine, browserLocale()).then((web) => ({ ...web, locale: browserLocale() })),
  ]);
  mark('pane-loaded');
  if (inOffice) warmNumbers(setup.locale);
  createRoot(document.getElementById('root')!).render(
    <App inOffice={inOffice} initialLocale={setup.locale} engine={engine} {...setup} {...fileActions(engine)} />,
  );
}

void start();
