/** PaneEngine on the calling thread: for jest tests and as the fallback where Workers are missing. */
import type { AnswerCode } from '../../engine/grading';
import type { Scope, ScopeField } from '../../engine/scope';
import type { TierSettings } from '../../engine/tiering';
import type { CellChange } from '../../engine/workbookEngine';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { LoadOptions, PaneEngine } from '../paneEngine';
import { PaneEngineCore } from './paneEngineCore';

export class InProcessEngine implements PaneEngine {
  private readonly core = new PaneEngineCore();

  async load(snapshot: WorkbookSnapshot, options: LoadOptions, onProgress?: (fraction: number) => void) {
    this.core.load(snapshot, options, onProgress);
  }
  async evaluate(scopes?: readonly Scope[]) {
    return this.core.evaluate(scopes);
  }
  async explain(indicatorId: string, scopes?: readonly Scope[]) {
    return this.core.explain(indicatorId, scopes);
  }
  async whatIf(changes: readonly CellChange[], scopes?: readonly Scope[]) {
    return this.core.whatIf(changes, scopes);
  }
  async scopeValues(field: ScopeField) {
    return this.core.scopeValues(field);
  }
  async charts(scopes?: readonly Scope[]) {
    return this.core.charts(scopes);
  }
  async tiering() {
    return this.core.tiering();
  }
  async tiersUnder(settings: TierSettings) {
    return this.core.tiersUnder(settings);
  }
  async grading(row: number, answers?: Readonly<Record<string, AnswerCode>>) {
    return this.core.grading(row, answers);
  }
  async decisionChain(row: number) {
    return this.core.decisionChain(row);
  }
  async stages() {
    return this.core.stages();
  }
  async snapshots() {
    return this.core.snapshots();
  }
  async compare(sinceDate: number) {
    return this.core.compare(sinceDate);
  }
  async planSnapshot(label: string | null) {
    return this.core.planSnapshot(label);
  }
  async reviewsDue() {
    return this.core.reviewsDue();
  }
  async reportData() {
    return this.core.reportData();
  }
  /** Work on the calling thread cannot be interrupted; what is loaded is dropped. */
  cancel() {
    this.core.dispose();
  }
  dispose() {
    this.core.dispose();
  }
}
