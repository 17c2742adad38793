/**
 * The StageMap (Config): a CRM's stage names → the methodology's stage and status. The
 * workbook's own StageMap table when it has one (the consultant's edited copy), else the
 * defaults. Names match as enumerations do (case and width folded), and also without spaces
 * or punctuation and without a leading number, so "Negotiation / Review", "qualifiedtobuy"
 * (HubSpot's internal id) and "1-Qualify" (a Dynamics pipeline phase) find their rows.
 */
import { Cell, isBlank, keyOf } from '../core/cells';
import { DefaultStage, Status, canonical } from '../core/enumerations';
import { DEFAULT_STAGE_MAP, StageCode, StatusCode } from './defaults';
import { WorkbookSnapshot } from './snapshot';
import { columnValues, configStages } from './workbookColumns';

export interface StageMapping {
  /** The methodology stage as the workbook names it ('' when the CRM's name does not say). */
  stage: string;
  status: StatusCode | '';
}

/** The loose form of a stage name: folded, without a leading "1-", spaces or punctuation. */
export function stageNameKey(c: Cell): string {
  return keyOf(c)
    .replace(/^\d{1,2}\s*[-.、)）:]\s*|^\d{1,2}\s+(?=\D)/u, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The workbook's stage names (Config Stages, or the defaults) by every name they are known by. */
function stageIndex(config: WorkbookSnapshot['config']): Map<string, string> {
  const out = new Map<string, string>();
  const names = configStages(config) ?? DefaultStage.values.map((v) => v.code);
  for (const n of names) {
    const d = DefaultStage.values.find((v) => [v.code, v.zh, ...(v.aliases ?? [])].some((a) => keyOf(a as Cell) === keyOf(n)));
    for (const a of [n, ...(d ? [d.code, d.zh, ...(d.aliases ?? [])] : [])]) {
      const k = stageNameKey(a as Cell);
      if (k && !out.has(k)) out.set(k, n);
    }
  }
  return out;
}

/** A methodology stage code (or its zh name) as this workbook names it: Discover, or 发现 in a zh Stages table. */
function workbookStage(index: Map<string, string>, code: StageCode | string): string {
  return index.get(stageNameKey(code)) ?? code;
}

/** Looks CRM stage names up in a workbook's StageMap (or the defaults). */
export class StageMapper {
  private readonly rows = new Map<string, StageMapping & { crmStage: string }>();
  private readonly stages: Map<string, string>;
  /** True when the workbook has its own StageMap table. */
  readonly fromConfig: boolean;

  constructor(config: WorkbookSnapshot['config']) {
    this.stages = stageIndex(config);
    const t = config.StageMap;
    const crm = columnValues(t, 'CrmStage');
    this.fromConfig = !!crm && crm.some((c) => !isBlank(c));
    if (this.fromConfig) {
      const stage = columnValues(t, 'Stage') ?? [];
      const status = columnValues(t, 'Status') ?? [];
      crm!.forEach((c, i) => {
        if (isBlank(c)) return;
        const s = isBlank(stage[i]) ? '' : workbookStage(this.stages, String(stage[i]).trim());
        this.add(String(c).trim(), s, (canonical(Status, status[i]) as StatusCode | undefined) ?? '');
      });
    } else {
      for (const m of DEFAULT_STAGE_MAP) this.add(m.crmStage, m.stage ? workbookStage(this.stages, m.stage) : '', m.status);
    }
  }

  private add(crmStage: string, stage: string, status: StatusCode | ''): void {
    const k = stageNameKey(crmStage);
    if (k && !this.rows.has(k)) this.rows.set(k, { crmStage, stage, status });
  }

  /** Whether a name is one of the workbook's own stages (then it needs no mapping). */
  isStage(name: Cell): boolean {
    return this.stages.has(stageNameKey(name));
  }

  /**
   * What a stage name means: a workbook stage maps to itself (status unknown); a StageMap row
   * gives its stage and status; a closed status written as a stage ("Won") gives that status.
   * Undefined when nothing knows the name.
   */
  map(name: Cell): StageMapping | undefined {
    if (isBlank(name)) return undefined;
    const k = stageNameKey(name);
    const own = this.stages.get(k);
    if (own !== undefined) return { stage: own, status: '' };
    const row = this.rows.get(k);
    if (row) return { stage: row.stage, status: row.status };
    const status = canonical(Status, name) as StatusCode | undefined;
    return status && status !== 'Open' ? { stage: '', status } : undefined;
  }
}
