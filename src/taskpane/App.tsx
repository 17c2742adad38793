/**
 * The task pane shell: theme (Office's or the browser's), language, the view picker, the
 * workbook from the host evaluated by the engine worker, and the views. Views get the
 * host, the engine and the latest result (ViewProps) and never call Office directly.
 */
import { pickAll } from '../core/i18n';
import { ComponentType, Suspense, lazy, useEffect, useMemo, useState } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { WorkbookHost } from '../host/workbookHost';
import type { MappingChoice } from '../model/importMapping';
import { PaneHeader } from './components/PaneHeader';
import { WorkbookBar } from './components/WorkbookBar';
import { useTheme } from './hooks/useTheme';
import { WorkbookPhase, useWorkbook } from './hooks/useWorkbook';
import { CANCELLED, PaneEngine } from './paneEngine';
import { UiLocale, ViewId, strings } from './strings';
import { DashboardView } from './views/dashboard/DashboardView';
import { ImportMapping } from './views/importMapping/ImportMapping';
import { ProblemsView } from './views/problems/ProblemsView';
import type { ViewProps } from './views/viewProps';

const named = <K extends string>(load: () => Promise<Record<K, ComponentType<ViewProps>>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

// The assistants and the reference load when first opened: the pane starts with the dashboard only.
const ASSISTANTS: Partial<Record<ViewId, ComponentType<ViewProps>>> = {
  templates: named(() => import(/* webpackChunkName: "view-templates" */ './views/templates/TemplatesView'), 'TemplatesView'),
  tiering: named(() => import(/* webpackChunkName: "view-tiering" */ './views/tiering/TieringView'), 'TieringView'),
  grading: named(() => import(/* webpackChunkName: "view-grading" */ './views/grading/GradingView'), 'GradingView'),
  whatIf: named(() => import(/* webpackChunkName: "view-whatif" */ './views/whatIf/WhatIfView'), 'WhatIfView'),
  decisionChain: named(
    () => import(/* webpackChunkName: "view-decisionchain" */ './views/decisionChain/DecisionChainView'),
    'DecisionChainView',
  ),
};
const FunctionsView = lazy(() =>
  import(/* webpackChunkName: "view-functions" */ './views/functions/FunctionsView').then((m) => ({ default: m.FunctionsView })),
);

const useStyles = makeStyles({
  main: { padding: tokens.spacingHorizontalM, maxWidth: '720px', margin: '0 auto', boxSizing: 'border-box' },
  content: { marginTop: tokens.spacingVerticalM },
  progress: { marginTop: tokens.spacingVerticalS },
  loading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1, minWidth: 0 },
});

/** Why no workbook reached the pane: it could not be opened (read), or the engine could not compute it. */
type OpenFailure = { fileName: string; reason: string } | undefined;

/** What the shell needs from its surroundings (index.tsx: Office or web mode). */
export interface AppProps {
  inOffice: boolean;
  initialLocale: UiLocale;
  initialHost: WorkbookHost;
  initialFileName: string;
  engine: PaneEngine;
  /** Web mode: open a local .xlsx as the workbook (undefined inside Excel). */
  openFile?: (
    file: File,
    locale: UiLocale,
    choices?: readonly MappingChoice[],
  ) => Promise<{ ok: true; host: WorkbookHost } | { ok: false; message: string }>;
  /** The evaluated report as a download. */
  downloadReport?: (result: NonNullable<ViewProps['result']>, fileName: string, locale: UiLocale) => Promise<void>;
  /** The recommendations report (高阶建议报告) of the loaded workbook as a Word download. */
  downloadRecommendations?: (fileName: string, locale: UiLocale) => Promise<void>;
  /** The client copy of the workbook as a download; resolves to how many CRM3 formulas became values. */
  downloadClientCopy?: (
    host: WorkbookHost,
    locale: UiLocale,
  ) => Promise<{ ok: true; replaced: number } | { ok: false; message: string }>;
  /** Web mode: the workbook as a download (the page's snapshots included). */
  downloadWorkbook?: (host: WorkbookHost, locale: UiLocale) => Promise<{ ok: true } | { ok: false; message: string }>;
}

export function App(props: AppProps) {
  const {
    inOffice,
    initialLocale,
    initialHost,
    initialFileName,
    engine,
    openFile,
    downloadReport,
    downloadRecommendations,
    downloadClientCopy,
    downloadWorkbook,
  } = props;
  const [locale, setLocale] = useState<UiLocale>(initialLocale);
  const [view, setView] = useState<ViewId>('dashboard');
  const [workbook, setWorkbook] = useState<{ host?: WorkbookHost; fileName: string; file?: File }>({
    host: initialHost,
    fileName: initialFileName,
  });
  const [opening, setOpening] = useState(false);
  const [openFailure, setOpenFailure] = useState<OpenFailure>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [fileNote, setFileNote] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const theme = useTheme(inOffice);
  const s = useStyles();
  const t = pickAll(strings, locale);
  const state = useWorkbook(workbook.host, engine, locale, workbook.fileName);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.title;
  }, [locale, t.title]);
  useEffect(() => () => engine.dispose(), [engine]);
  // A new view starts at its top, not where the last one was scrolled to.
  // (Block body: newer browsers return a Promise from scrollTo, which React must not take for a cleanup.)
  useEffect(() => {
    window.scrollTo?.(0, 0);
  }, [view]);

  // Opening a file or failing to: the pane is about that file, whatever the engine last held.
  const phase: WorkbookPhase = opening ? 'loading' : openFailure ? 'failed' : state.phase;
  const ready = phase === 'ready' && !!state.result;

  const viewProps: ViewProps | undefined = useMemo(
    () =>
      workbook.host && state.snapshot && state.result && !opening && !openFailure
        ? {
            host: workbook.host,
            engine,
            locale,
            snapshot: state.snapshot,
            result: state.result,
            inExcel: inOffice,
            refresh: () => void state.refresh(),
          }
        : undefined,
    [state.snapshot, state.result, state.refresh, workbook.host, engine, locale, opening, openFailure, inOffice],
  );

  /** Runs a file action with the bar disabled; its failure (never a throw) shows above the view. */
  async function fileAction(action: () => Promise<string | undefined>) {
    setBusy(true);
    setFileError(undefined);
    setFileNote(undefined);
    try {
      setFileNote(await action());
    } catch (e) {
      setFileError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  /** A new file: the old results go at once; it loads (cancellable), or its failure is all the pane shows. */
  async function open(file: File, choices?: readonly MappingChoice[]) {
    state.clear();
    setWorkbook({ fileName: file.name, file });
    setOpening(true);
    setOpenFailure(undefined);
    setFileError(undefined);
    setFileNote(undefined);
    try {
      const r = await openFile!(file, locale, choices);
      if (r.ok) setWorkbook({ host: r.host, fileName: file.name, file });
      else setOpenFailure({ fileName: file.name, reason: r.message });
    } catch (e) {
      // Cancelled: the pane already says so.
      if (!(e instanceof Error && e.message === CANCELLED))
        setOpenFailure({ fileName: file.name, reason: e instanceof Error ? e.message : String(e) });
    } finally {
      setOpening(false);
    }
  }
  const cancel = () => {
    state.cancel();
    setOpening(false);
  };
  const report = () =>
    fileAction(async () => {
      if (ready && state.result) await downloadReport!(state.result, workbook.fileName, locale);
      return undefined;
    });
  const recommendations = () =>
    fileAction(async () => {
      if (ready) await downloadRecommendations!(workbook.fileName, locale);
      return undefined;
    });
  const clientCopy = () =>
    fileAction(async () => {
      if (!workbook.host) return undefined;
      const r = await downloadClientCopy!(workbook.host, locale);
      if (!r.ok) throw new Error(r.message);
      return t.clientCopyDone(r.replaced);
    });

  const saveWorkbook = () =>
    fileAction(async () => {
      if (!workbook.host) return undefined;
      const r = await downloadWorkbook!(workbook.host, locale);
      if (!r.ok) throw new Error(r.message);
      return undefined;
    });

  const Assistant = ASSISTANTS[view];
  return (
    <FluentProvider theme={theme} lang={locale} style={{ minHeight: '100vh' }}>
      <main className={s.main} aria-busy={phase === 'loading'} data-state={phase} data-version={state.version}>
        <PaneHeader
          locale={locale}
          inOffice={inOffice}
          view={view}
          problemCount={state.result?.problems.length}
          onLocale={setLocale}
          onView={setView}
        />
        <WorkbookBar
          locale={locale}
          fileName={workbook.fileName}
          busy={busy}
          onOpen={openFile && ((file) => void open(file))}
          onDownloadReport={downloadReport && report}
          reportReady={ready}
          onDownloadRecommendations={downloadRecommendations && recommendations}
          onDownloadClientCopy={downloadClientCopy && clientCopy}
          clientCopyReady={ready && !!workbook.host}
          onDownloadWorkbook={downloadWorkbook && saveWorkbook}
        />
        <div role="status" aria-live="polite" className={s.progress}>
          {phase === 'loading' ? (
            <div className={s.loading}>
              <ProgressBar
                className={s.bar}
                value={opening ? undefined : state.progress}
                max={1}
                thickness="large"
                aria-label={opening ? t.openingFile(workbook.fileName) : t.loading}
                data-testid={opening ? 'file-progress' : 'load-progress'}
              />
              <Button size="small" onClick={cancel} data-testid="cancel-load">
                {t.cancel}
              </Button>
            </div>
          ) : (
            busy && <ProgressBar thickness="large" aria-label={t.loadingView} data-testid="file-progress" />
          )}
        </div>
        {fileNote && (
          <MessageBar intent="success" data-testid="pane-note">
            <MessageBarBody>{fileNote}</MessageBarBody>
          </MessageBar>
        )}
        {openFailure ? (
          <MessageBar intent="error" layout="multiline" data-testid="pane-error">
            <MessageBarBody>{t.couldNotOpen(openFailure.fileName, openFailure.reason)}</MessageBarBody>
          </MessageBar>
        ) : phase === 'failed' ? (
          <MessageBar intent="error" layout="multiline" data-testid="pane-error">
            <MessageBarBody>{t.couldNotCompute(workbook.fileName, state.error ?? '')}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => void state.refresh()}>
                {t.retry}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : phase === 'cancelled' ? (
          <MessageBar intent="warning" layout="multiline" data-testid="pane-cancelled">
            <MessageBarBody>{t.cancelled(workbook.fileName)}</MessageBarBody>
            {workbook.host && (
              <MessageBarActions>
                <Button size="small" onClick={() => void state.refresh()}>
                  {t.retry}
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        ) : null}
        {fileError && (
          <MessageBar intent="error" data-testid="pane-error">
            <MessageBarBody>{fileError}</MessageBarBody>
          </MessageBar>
        )}
        {/* An opened CRM export: its column mapping, to confirm or correct (the reader applies it). */}
        {workbook.file && state.snapshot?.imported && !opening && !openFailure && (
          <ImportMapping
            locale={locale}
            imported={state.snapshot.imported}
            onConfirm={(choices) => open(workbook.file!, choices)}
          />
        )}
        <div className={s.content}>
          {view === 'functions' ? (
            <Suspense fallback={<Spinner size="small" label={t.loadingView} />}>
              <FunctionsView locale={locale} />
            </Suspense>
          ) : !viewProps ? (
            phase === 'loading' && <Spinner size="small" label={t.loading} />
          ) : view === 'dashboard' ? (
            <DashboardView {...viewProps} version={state.version} />
          ) : view === 'problems' ? (
            <ProblemsView {...viewProps} />
          ) : Assistant ? (
            <Suspense fallback={<Spinner size="small" label={t.loadingView} />}>
              <Assistant {...viewProps} />
            </Suspense>
          ) : null}
        </div>
      </main>
    </FluentProvider>
  );
}
