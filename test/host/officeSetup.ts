/**
 * The `Office` global for ExcelHost tests, as an office-addin-mock OfficeMockObject.
 * Office.context is a plain object in office.js (no load/sync), and OfficeMockObject skips
 * its load rules only for the Outlook host, hence `host: 'outlook'`.
 */
import ExcelJS from 'exceljs';
import { OfficeMockObject } from 'office-addin-mock';
import { base64FromBytes } from '../../src/host/base64';
import { TemplateChart } from '../../src/templates/catalog';

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose full entry
// point loads ES modules jest cannot require; give it that one file.
jest.mock('office-addin-manifest', () => jest.requireActual('office-addin-manifest/lib/officeApp'));

export interface OfficeOptions {
  api113?: boolean;
  /** Highest ExcelApi 1.x supported (default 1.17, or 1.12 without api113). */
  maxMinor?: number;
  displayLanguage?: string;
  url?: string;
  /** File slices getFileAsync hands out; an Error makes it fail. */
  file?: Uint8Array[] | Error;
}

export function installOffice(o: OfficeOptions = {}): { closed: number } {
  const counters = { closed: 0 };
  const file = o.file ?? [new Uint8Array([1, 2, 3])];
  const data = {
    host: 'outlook',
    context: {
      displayLanguage: o.displayLanguage ?? 'en-US',
      requirements: {
        isSetSupported: (set: string, version: string) =>
          set === 'ExcelApi' && Number(version.split('.')[1] ?? 0) <= (o.maxMinor ?? (o.api113 === false ? 12 : 17)),
      },
      document: {
        url: o.url ?? 'https://contoso.sharepoint.com/Shared%20Documents/Key%20accounts.xlsx',
        getFileAsync: (_type: string, _opts: unknown, done: (r: unknown) => void) => {
          if (file instanceof Error) return done({ status: 'failed', error: file });
          done({
            status: 'succeeded',
            value: {
              sliceCount: file.length,
              getSliceAsync: (i: number, cb: (r: unknown) => void) =>
                cb({ status: 'succeeded', value: { data: Array.from(file[i]) } }),
              closeAsync: () => void counters.closed++,
            },
          });
        },
      },
    },
    FileType: { Compressed: 'compressed' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  };
  (globalThis as unknown as { Office: unknown }).Office = new OfficeMockObject(data as never);
  return counters;
}

export const TEMPLATE_CHARTS: TemplateChart[] = [
  {
    sheet: { en: 'Accounts', zh: '客户' },
    kind: 'tierMatrix',
    type: 'XYScatter',
    source: 'C1:D3',
    anchor: 'H2',
    title: { en: 'Attractiveness × position', zh: '吸引力 × 竞争地位' },
  },
];

/**
 * A small template in the shape the builders make: a how-to sheet, an Accounts table with
 * a custom-function column (stored as _xldudf_CRM3_SCORE) and formulas over names, a Config
 * sheet with a setting cell and a Criteria table, and workbook names over both.
 */
export async function templateBase64(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('How to use').getCell('A1').value = 'Fill in Accounts; Acc_AccountId names its ids.';
  const acc = wb.addWorksheet('Accounts');
  acc.addTable({
    name: 'Accounts',
    ref: 'A1',
    columns: ['AccountId', 'AccountName', 'C_Potential', 'Score'].map((name) => ({ name })),
    rows: [
      ['A001', 'Acme', 4, null],
      ['A002', 'Globex', 2, null],
    ],
  });
  acc.getCell('D2').value = { formula: '_xldudf_CRM3_SCORE(C2:C2,Criteria_Weight)' } as ExcelJS.CellValue;
  acc.getCell('D3').value = { formula: '_xldudf_CRM3_SCORE(C3:C3,Criteria_Weight)' } as ExcelJS.CellValue;
  acc.getCell('F1').value = { formula: 'COUNTA(Acc_AccountId)' } as ExcelJS.CellValue;
  acc.getCell('F2').value = { formula: 'IF(AsOfDate>0,"AsOfDate ok","")' } as ExcelJS.CellValue;
  acc.getCell('C2').numFmt = '0';
  acc.getCell('C3').numFmt = '0';
  acc.getColumn(2).width = 20;
  (acc as unknown as { dataValidations: { add: (r: string, v: unknown) => void } }).dataValidations.add('C2:C3', {
    type: 'whole',
    operator: 'between',
    formulae: [1, 5],
    allowBlank: true,
  });
  const cfg = wb.addWorksheet('Config');
  cfg.getCell('A3').value = 'AsOfDate';
  cfg.getCell('B3').value = 46352;
  cfg.getCell('B3').protection = { locked: false };
  cfg.addTable({
    name: 'Criteria',
    ref: 'E2',
    columns: [{ name: 'CriterionId' }, { name: 'Weight' }],
    rows: [
      ['C_Potential', 25],
      ['C_Growth', 15],
    ],
  });
  await acc.protect('', { formatColumns: true, sort: true });
  wb.definedNames.add('Accounts!$A$2:$A$3', 'Acc_AccountId');
  wb.definedNames.add('Config!$B$3', 'AsOfDate');
  wb.definedNames.add('Config!$F$3:$F$4', 'Criteria_Weight');
  return base64FromBytes(new Uint8Array(await wb.xlsx.writeBuffer()));
}
