/** What every view of the pane is given: the workbook door, the engine, the language and the latest results. */
import { Locale } from '../../core/i18n';
import type { EvaluationResult } from '../../engine/evaluate';
import type { WorkbookHost } from '../../host/workbookHost';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { PaneEngine } from '../paneEngine';

export interface ViewProps {
  host: WorkbookHost;
  engine: PaneEngine;
  locale: Locale;
  /** The workbook as last read from the host. */
  snapshot: WorkbookSnapshot;
  /** The whole-workbook evaluation of that snapshot. */
  result: EvaluationResult;
  /** Inside Excel (the host can select cells for the user), not web mode. */
  inExcel?: boolean;
  /** Re-read the workbook and re-evaluate (after the view wrote to it). */
  refresh(): void;
}
