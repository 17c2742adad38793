/**
 * What a CRM export lacks, made from what it has (DESIGN.md §9, `crm3 import`):
 * - Stage and Status from the CRM's stage names through the StageMap ("Closed Won" → Won);
 *   an explicit status (Pipedrive's Deal - Status, 纷享's 商机状态, Dynamics' Status refined by
 *   Status Reason, Salesforce's IsWon/IsClosed) wins over the stage name.
 * - OppId, when the export has none: "O-" and eight hex digits of a 32-bit FNV-1a hash of the
 *   account and opportunity names (case, width and spacing folded), so the same deal gets the
 *   same id in every export; a second deal with the same two names gets "-2", and so on.
 * - AccountId, when the export has none: the account's name as the export writes it (trimmed),
 *   so planners read and type it; names that differ only in case or width are one account.
 * - Accounts, when the export has none: one row per account of the opportunities, its Owner the
 *   owner of most of its opportunities.
 * - CloseDate of a closed deal from the actual close date, when the export has one.
 * Only columns the export lacks are made; nothing it has is overwritten.
 */
import { Cell, isBlank, keyOf, toNumber } from '../core/cells';
import { Status, canonical } from '../core/enumerations';
import { Message, plural } from '../core/i18n';
import { DEFAULT_STAGES, StatusCode, stageLabel, statusLabel } from './defaults';
import { ImportInfo, StageUse } from './importInfo';
import { TABLES, exportColumns } from './schema';
import { StageMapper } from './stageMap';
import { TableData, WorkbookSnapshot } from './snapshot';
import { columnValues, configStages } from './workbookColumns';

/** 32-bit FNV-1a of a string's UTF-16 code units, as eight hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).toUpperCase().padStart(8, '0');
}

/** The id an opportunity gets from its account's and its own name. */
export function opportunityId(accountName: Cell, oppName: Cell): string {
  return `O-${fnv1a(`${keyOf(accountName)}\u0001${keyOf(oppName)}`)}`;
}

const text = (c: Cell | undefined): string => (isBlank(c) ? '' : String(c).trim());

/** A column of the table, added (blank) when missing; returns its index. */
function ensureColumn(t: TableData, name: string): number {
  let j = t.headers.indexOf(name);
  if (j < 0) {
    j = t.headers.length;
    t.headers.push(name);
    for (const r of t.rows) r.push(null);
  }
  return j;
}

const isYes = (c: Cell | undefined): boolean | undefined => {
  if (typeof c === 'boolean') return c;
  const k = keyOf(c ?? null);
  if (['TRUE', '1', 'YES', 'Y', '是'].includes(k)) return true;
  if (['FALSE', '0', 'NO', 'N', '否'].includes(k)) return false;
  return undefined;
};

/** Dynamics' status reasons that mean nobody decided (the deal was cancelled), not a loss to someone. */
const NO_DECISION_REASON = /cancel|取消|作废|无效/i;

/** The stage whose probability is nearest a CRM probability (0–1 or 0–100). */
function nearestStage(p: number, config: WorkbookSnapshot['config']): string | undefined {
  const f = p > 1 ? p / 100 : p;
  const names = configStages(config);
  const probs = columnValues(config.Stages, 'Probability') ?? [];
  const stages = names
    ? names.map((n, i) => ({ name: n, p: toNumber(probs[i]) })).filter((s): s is { name: string; p: number } => s.p !== undefined)
    : DEFAULT_STAGES.map((s) => ({ name: s.stage, p: s.probability }));
  let best: { name: string; d: number } | undefined;
  for (const s of stages) {
    const d = Math.abs(s.p - f);
    if (!best || d < best.d) best = { name: s.name, d };
  }
  return best?.name;
}

/** Date columns of the tables an export fills (CRM3 dates are days). */
const DATE_COLUMNS = new Set(
  TABLES.flatMap((t) => [...t.columns, ...exportColumns(t.name)].filter((c) => c.type === 'date').map((c) => c.name)),
);

/**
 * Derives in place what an export's Opportunities (and Accounts) lack; records what was done
 * in `info`. Call after the values are cleaned (normalizeSnapshot).
 */
export function deriveFromExport(s: WorkbookSnapshot, info: ImportInfo): void {
  const opp = s.tables.Opportunities;
  if (!opp) return;
  const derived: Message[] = info.derived;
  const mapper = new StageMapper(s.config);
  const col = (name: string) => opp.headers.indexOf(name);
  const n = opp.rows.length;
  const live = (i: number) => opp.rows[i].some((c) => !isBlank(c));

  // ---- Dates are days: an export's datetimes (2026-02-15 10:30, Created On) keep their date.
  for (const t of [opp, s.tables.Accounts]) {
    if (!t) continue;
    const dates = t.headers.map((h, j) => (DATE_COLUMNS.has(h) ? j : -1)).filter((j) => j >= 0);
    for (const r of t.rows) for (const j of dates) if (typeof r[j] === 'number') r[j] = Math.floor(r[j] as number);
  }

  // ---- Stage and Status
  const hadStatus = col('Status') >= 0;
  const jStage = col('Stage');
  const jStatus = ensureColumn(opp, 'Status');
  const get = (name: string, i: number): Cell => (col(name) >= 0 ? opp.rows[i][col(name)] : null);
  const uses = new Map<string, StageUse>();
  const statusFrom = { column: 0, flags: 0, stage: 0, open: 0 };
  for (let i = 0; i < n; i++) {
    if (!live(i)) continue;
    const row = opp.rows[i];
    const crmStage = jStage >= 0 ? row[jStage] : null;
    let mapped = mapper.map(crmStage);
    let how: StageUse['how'] = mapped ? (mapper.isStage(crmStage) ? 'own' : 'map') : 'unknown';
    if (!mapped && !isBlank(crmStage)) {
      const p = toNumber(get('CrmProbability', i) ?? get('Probability', i));
      const near = p !== undefined && p > 0 && p < (p > 1 ? 100 : 1) ? nearestStage(p, s.config) : undefined;
      if (near) {
        mapped = { stage: near, status: '' };
        how = 'probability';
      }
    }
    // Status: the export's own status column, then its won/closed flags, then the stage name.
    let status = canonical(Status, row[jStatus]) as StatusCode | undefined;
    if (status) statusFrom.column++;
    if (!status) {
      const won = isYes(get('IsWon', i));
      const closed = isYes(get('IsClosed', i));
      if (won !== undefined || closed !== undefined) {
        status = won ? 'Won' : closed ? 'Lost' : 'Open';
        statusFrom.flags++;
      }
    }
    if (!status && mapped?.status) {
      status = mapped.status;
      statusFrom.stage++;
    }
    if (!status && mapped) {
      status = 'Open';
      statusFrom.open++;
    }
    if (status === 'Lost' && NO_DECISION_REASON.test(text(get('StatusReason', i)))) status = 'NoDecision';
    if (status) row[jStatus] = status;
    // Stage: the mapped stage; a closed deal's stage at close when the export says it (输单阶段).
    if (jStage >= 0 && mapped && how !== 'own') row[jStage] = mapped.stage || null;
    if (jStage >= 0 && status === 'Lost' && !isBlank(get('LostStage', i))) {
      const at = mapper.map(get('LostStage', i));
      if (at?.stage) row[jStage] = at.stage;
    }
    if (!isBlank(crmStage)) {
      const key = `${keyOf(crmStage)}`;
      const u = uses.get(key);
      if (u) u.count++;
      else
        uses.set(key, {
          crmStage: text(crmStage),
          stage: mapped?.stage ?? '',
          status: mapped?.status ?? '',
          count: 1,
          how,
        });
    }
  }
  info.stages = [...uses.values()];
  const mappedNames = info.stages.filter((u) => u.how === 'map' || u.how === 'probability');
  if (mappedNames.length)
    derived.push({
      en: `Stage from the CRM's stage names through the StageMap (${mappedNames
        .slice(0, 4)
        .map((u) => `${u.crmStage} → ${u.stage || (u.status ? `${u.status}, no stage` : '?')}`)
        .join('; ')}${mappedNames.length > 4 ? '; …' : ''}).`,
      zh: `阶段按阶段映射由 CRM 阶段名得出（${mappedNames
        .slice(0, 4)
        .map(
          (u) =>
            `${u.crmStage} → ${u.stage ? stageLabel(u.stage, 'zh-CN') : u.status ? `${statusLabel(u.status as StatusCode, 'zh-CN')}，无阶段` : '?'}`,
        )
        .join('；')}${mappedNames.length > 4 ? '；……' : ''}）。`,
    });
  if (!hadStatus) {
    const counts = tally(opp, jStatus);
    derived.push({
      en: `Status from ${statusFrom.flags ? 'the won/closed flags and ' : ''}the stage names (${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}).`,
      zh: `状态由${statusFrom.flags ? '赢单/关闭标记和' : ''}阶段名得出（${Object.entries(counts)
        .map(([k, v]) => `${statusLabel(k as StatusCode, 'zh-CN')} ${v} 个`)
        .join('，')}）。`,
    });
  } else if (statusFrom.stage || statusFrom.flags) {
    derived.push({
      en: `Status: ${plural(statusFrom.stage + statusFrom.flags, 'blank status was', 'blank statuses were')} filled from the stage names.`,
      zh: `状态：${statusFrom.stage + statusFrom.flags} 个空白状态由阶段名补全。`,
    });
  }

  // ---- CloseDate of closed deals from the actual close date
  const jActual = col('ActualCloseDate');
  if (jActual >= 0) {
    const jClose = ensureColumn(opp, 'CloseDate');
    let used = 0;
    for (let i = 0; i < n; i++) {
      const r = opp.rows[i];
      if (r[jStatus] !== 'Open' && !isBlank(r[jActual]) && typeof r[jActual] === 'number') {
        r[jClose] = r[jActual];
        used++;
      }
    }
    if (used)
      derived.push({
        en: `CloseDate of ${plural(used, 'closed deal')} from the actual close date.`,
        zh: `${used} 个已结束商机的结单日期取自实际结单日期。`,
      });
  }

  // ---- AccountId from the account names (through an Accounts sheet's ids when there is one)
  const accounts = s.tables.Accounts;
  const jAccName = col('AccountName');
  if (col('AccountId') < 0 && jAccName >= 0) {
    const byName = new Map<string, Cell>();
    const accIds = columnValues(accounts, 'AccountId');
    const accNames = columnValues(accounts, 'AccountName');
    if (accIds && accNames) accNames.forEach((nm, i) => !isBlank(nm) && !isBlank(accIds[i]) && byName.set(keyOf(nm), accIds[i]));
    const jAcc = ensureColumn(opp, 'AccountId');
    const first = new Map<string, string>();
    for (const r of opp.rows) {
      const name = text(r[jAccName]);
      if (!name) continue;
      const k = keyOf(name);
      if (!first.has(k)) first.set(k, name);
      r[jAcc] = byName.get(k) ?? first.get(k)!;
    }
    derived.push(
      byName.size
        ? {
            en: 'AccountId from the account names, through the Accounts sheet.',
            zh: '客户编号按客户名称从客户表中查得。',
          }
        : {
            en: 'AccountId is the account name as the export writes it (names differing only in case or width are one account).',
            zh: '客户编号即导出文件中的客户名称（仅大小写或全角半角不同的名称视为同一客户）。',
          },
    );
  }

  // ---- OppId from the names
  if (col('OppId') < 0) {
    const jId = ensureColumn(opp, 'OppId');
    const jName = col('OppName');
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (!live(i)) continue;
      const r = opp.rows[i];
      const base =
        jName >= 0 && !isBlank(r[jName])
          ? opportunityId(jAccName >= 0 ? r[jAccName] : get('AccountId', i), r[jName])
          : `O-ROW${opp.origin.row + 1 + i}`;
      const k = seen.get(base) ?? 0;
      seen.set(base, k + 1);
      r[jId] = k === 0 ? base : `${base}-${k + 1}`;
    }
    derived.push(
      jName >= 0
        ? {
            en: 'OppId made from the account and opportunity names ("O-" + an 8-digit hash: the same names give the same id in every export).',
            zh: '商机编号由客户名称和商机名称生成（“O-”加 8 位哈希值：同名商机在每次导出中编号相同）。',
          }
        : {
            en: 'OppId made from the row numbers (the export has no opportunity names): add an id or name column to keep ids stable between exports.',
            zh: '商机编号按行号生成（导出文件中没有商机名称）：请添加编号或名称列，使各次导出的编号保持一致。',
          },
    );
  }

  // ---- Accounts from the opportunities
  if (!accounts) {
    const jAcc = col('AccountId');
    if (jAcc >= 0) {
      const rows = new Map<string, { id: Cell; name: Cell; owners: Map<string, { owner: Cell; n: number }> }>();
      const jOwner = col('Owner');
      for (const r of opp.rows) {
        if (isBlank(r[jAcc])) continue;
        const k = keyOf(r[jAcc]);
        let a = rows.get(k);
        if (!a) rows.set(k, (a = { id: r[jAcc], name: jAccName >= 0 ? r[jAccName] : r[jAcc], owners: new Map() }));
        if (jOwner >= 0 && !isBlank(r[jOwner])) {
          const ok = keyOf(r[jOwner]);
          const o = a.owners.get(ok);
          if (o) o.n++;
          else a.owners.set(ok, { owner: r[jOwner], n: 1 });
        }
      }
      const ownerOf = (a: { owners: Map<string, { owner: Cell; n: number }> }) =>
        [...a.owners.values()].reduce<{ owner: Cell; n: number } | undefined>((b, o) => (!b || o.n > b.n ? o : b), undefined)
          ?.owner ?? null;
      // Made, not read: it has no sheet of its own until crm3 import writes one.
      s.tables.Accounts = {
        sheet: 'Accounts',
        origin: { row: 1, col: 1 },
        headers: ['AccountId', 'AccountName', 'Owner'],
        rows: [...rows.values()].map((a) => [a.id, a.name, ownerOf(a)]),
        madeFrom: opp.sheet,
      };
      derived.push({
        en: `${plural(rows.size, 'account')} made from the opportunities' account names (Owner: the owner of most of its opportunities).`,
        zh: `由商机的客户名称生成 ${rows.size} 个客户（负责人：该客户多数商机的负责人）。`,
      });
    }
  } else if (!accounts.headers.includes('AccountId') && accounts.headers.includes('AccountName')) {
    const j = accounts.headers.indexOf('AccountName');
    const jId = ensureColumn(accounts, 'AccountId');
    for (const r of accounts.rows) r[jId] = isBlank(r[j]) ? null : String(r[j]).trim();
    derived.push({ en: 'AccountId of the Accounts sheet is the account name.', zh: '客户表的客户编号即客户名称。' });
  }
}

function tally(t: TableData, j: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of t.rows) if (!isBlank(r[j])) out[String(r[j])] = (out[String(r[j])] ?? 0) + 1;
  return out;
}
