/**
 * The pane's view of the workbook: read it from the host, load it into the engine (with
 * progress), evaluate it, and do all that again when the workbook changes (the host
 * debounces its change events) or the language changes. A newer load wins over an older one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Locale, pick } from '../../core/i18n';
import type { EvaluationResult } from '../../engine/evaluate';
import type { WorkbookHost } from '../../host/workbookHost';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { PaneEngine } from '../paneEngine';

export interface WorkbookState {
  snapshot?: WorkbookSnapshot;
  result?: EvaluationResult;
  /** 0..1 while a load runs, undefined when idle. */
  progress?: number;
  error?: string;
  /** Bumped on every completed load. */
  version: number;
}

export function useWorkbook(host: WorkbookHost | undefined, engine: PaneEngine | undefined, locale: Locale, fileName: string) {
  const [state, setState] = useState<WorkbookState>({ version: 0 });
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    if (!host || !engine) return;
    const g = ++generation.current;
    const current = () => g === generation.current;
    setState((s) => ({ ...s, progress: 0, error: undefined }));
    const read = await host.readSnapshot();
    if (!current()) return;
    if (!read.ok) return setState((s) => ({ ...s, progress: undefined, error: pick(read.message, locale) }));
    try {
      await engine.load(read.snapshot, { locale, file: fileName }, (f) => current() && setState((s) => ({ ...s, progress: f })));
      const result = await engine.evaluate();
      if (!current()) return;
      setState((s) => ({ snapshot: read.snapshot, result, progress: undefined, version: s.version + 1 }));
    } catch (e) {
      if (current()) setState((s) => ({ ...s, progress: undefined, error: e instanceof Error ? e.message : String(e) }));
    }
  }, [host, engine, locale, fileName]);

  useEffect(() => {
    void refresh();
    if (!host) return;
    return host.onChanged(() => void refresh());
  }, [host, refresh]);

  return { ...state, refresh };
}
