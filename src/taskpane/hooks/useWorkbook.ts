/**
 * The pane's view of the workbook: read it from the host, load it into the engine (with
 * progress), evaluate it, and do all that again when the workbook changes (the host
 * debounces its change events) or the language changes. A newer load wins over an older one.
 * The results of a workbook are never shown under another's name: `clear` drops them the
 * moment a new file is opened, a failed load leaves none, and `cancel` stops a running one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Locale, pick } from '../../core/i18n';
import type { EvaluationResult } from '../../engine/evaluate';
import type { WorkbookHost } from '../../host/workbookHost';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { PaneEngine } from '../paneEngine';
import { mark } from '../timing';

/** loading: a load runs · ready: results shown · failed: the load failed (error says why) · cancelled · idle: no workbook. */
export type WorkbookPhase = 'loading' | 'ready' | 'failed' | 'cancelled' | 'idle';

export interface WorkbookState {
  phase: WorkbookPhase;
  snapshot?: WorkbookSnapshot;
  result?: EvaluationResult;
  /** 0..1 while a load runs. */
  progress?: number;
  error?: string;
  /** Bumped on every completed load. */
  version: number;
}

export function useWorkbook(host: WorkbookHost | undefined, engine: PaneEngine | undefined, locale: Locale, fileName: string) {
  const [state, setState] = useState<WorkbookState>({ phase: host ? 'loading' : 'idle', version: 0 });
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    if (!host || !engine) return;
    const g = ++generation.current;
    const current = () => g === generation.current;
    // The previous results stay only while the same workbook is re-read (an edit, a language switch).
    setState((s) => ({ ...s, phase: 'loading', progress: 0, error: undefined }));
    const read = await host.readSnapshot();
    if (!current()) return;
    if (!read.ok) return setState((s) => ({ phase: 'failed', version: s.version, error: pick(read.message, locale) }));
    try {
      mark('load-sent');
      await engine.load(read.snapshot, { locale, file: fileName }, (f) => current() && setState((s) => ({ ...s, progress: f })));
      const result = await engine.evaluate();
      mark('results');
      if (!current()) return;
      setState((s) => ({ phase: 'ready', snapshot: read.snapshot, result, version: s.version + 1 }));
    } catch (e) {
      if (current())
        setState((s) => ({ phase: 'failed', version: s.version, error: e instanceof Error ? e.message : String(e) }));
    }
  }, [host, engine, locale, fileName]);

  /** Drops the results at once (a new file is being opened): nothing of the old workbook is shown. */
  const clear = useCallback(() => {
    generation.current++;
    setState((s) => ({ phase: 'loading', progress: 0, version: s.version }));
  }, []);

  /** Stops the running load: the engine's work is abandoned and no results are shown. */
  const cancel = useCallback(() => {
    generation.current++;
    engine?.cancel();
    setState((s) => ({ phase: 'cancelled', version: s.version }));
  }, [engine]);

  useEffect(() => {
    if (!host) {
      generation.current++;
      setState((s) =>
        s.phase === 'idle' || s.phase === 'failed' || s.phase === 'cancelled' ? s : { phase: 'idle', version: s.version },
      );
      return;
    }
    void refresh();
    return host.onChanged(() => void refresh());
  }, [host, refresh]);

  return { ...state, refresh, clear, cancel };
}
