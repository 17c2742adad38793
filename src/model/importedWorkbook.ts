/**
 * What a CRM3 workbook made from an export holds besides the export's rows (`crm3 import`,
 * and the pane's "open an export"): AsOfDate, the currency the amounts showed (never a
 * default one), the StageMap used (with the export's unknown stage names added for the
 * consultant to map) and the ImportMap (the column choices, remembered for the next export).
 */
import { Cell } from '../core/cells';
import { Locale } from '../core/i18n';
import { StatusCode, configHeaders, defaultConfigRows, defaultConfigTables, stageLabel, statusLabel } from './defaults';
import { choicesOfImport, importMapTable } from './importMapping';
import { WorkbookSnapshot, currencyOf } from './snapshot';
import { stageNameKey } from './stageMap';

export interface ImportedWorkbookOptions {
  asOf: number;
  locale: Locale;
}

/** The snapshot a template is filled with, from an export read by the reader (with `imported` set). */
export function workbookFromImport(s: WorkbookSnapshot, options: ImportedWorkbookOptions): WorkbookSnapshot {
  const { locale } = options;
  const zh = locale === 'zh-CN';
  const info = s.imported;
  const config = { ...s.config };

  // StageMap: the workbook's (or the defaults), plus the names this export used that it lacks.
  const base = config.StageMap?.rows.length ? config.StageMap.rows.map((r) => [...r]) : defaultConfigRows(locale).StageMap;
  const headers = config.StageMap?.rows.length ? config.StageMap.headers : configHeaders('StageMap');
  const jCrm = headers.indexOf('CrmStage');
  const known = new Set(base.map((r) => stageNameKey(r[jCrm] ?? null)));
  const added: Cell[][] = [];
  for (const u of info?.stages ?? []) {
    if (u.how !== 'unknown' && u.how !== 'probability') continue;
    if (known.has(stageNameKey(u.crmStage))) continue;
    known.add(stageNameKey(u.crmStage));
    const row: Cell[] = headers.map(() => null);
    row[jCrm] = u.crmStage;
    if (u.how === 'probability') {
      row[headers.indexOf('Stage')] = stageLabel(u.stage, locale);
      row[headers.indexOf('Status')] = statusLabel((u.status || '') as StatusCode | '', locale) || null;
    }
    const jSource = headers.indexOf('Source');
    if (jSource >= 0)
      row[jSource] =
        u.how === 'probability'
          ? zh
            ? '本次导出（按赢率推断，请核对）'
            : 'this export (placed by its probability: check)'
          : zh
            ? '本次导出（未识别：请填写阶段和状态）'
            : 'this export (unknown: fill in Stage and Status)';
    added.push(row);
  }
  const place = defaultConfigTables(locale);
  config.StageMap = { sheet: place.StageMap.sheet, origin: place.StageMap.origin, headers, rows: [...added, ...base] };

  // ImportMap: every column of the export and what it fed ('' = not used).
  const importMap = info ? importMapTable(choicesOfImport(info), locale) : undefined;
  if (importMap) config.ImportMap = importMap;

  const settings = { ...s.settings, AsOfDate: options.asOf, Currency: currencyOf(s) ?? '' };
  const out: WorkbookSnapshot = { tables: s.tables, config, settings, problems: [] };
  if (s.amountCurrencies) out.amountCurrencies = s.amountCurrencies;
  return out;
}
