/**
 * A small workbook written part by part the way Excel saves one (not as ExcelJS writes):
 * custom functions stored as `_xldudf_CRM3_…` (one with Excel's stray `[1]!`), a dynamic
 * array with cm="1" whose spilled cells hold values, a shared formula, a sheet-level name,
 * an Excel table with a calculated column, a structured reference, cached values, a
 * calculation chain. Shared by the evaluator and client-copy tests.
 */
import { CraftEntry, writeZip } from './zipCraft';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const DATA_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>10</v></c><c r="C2"><f>B2*2</f><v>20</v></c></row>
<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3"><v>20</v></c><c r="C3"><f>B3*2</f><v>40</v></c></row>
<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><v>30</v></c><c r="C4"><f>B4*2</f><v>60</v></c></row>
<row r="5"><c r="A5" t="s"><v>5</v></c><c r="B5"><v>5</v></c><c r="C5"><f>Deals[[#This Row],[Amount]]*2</f><v>10</v></c></row>
</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

/*
 * Report, by hand (Status Won, Lost, Won, Open; Amount 10, 20, 30, 5):
 *   A1 WINRATE = 2 won / 3 closed = 0.666…; the file caches a stale 0.5.
 *   A2 the same with Excel's `[1]!` prefix; cached 0.5.
 *   A3 typed form CRM3.WINRATE, no cached value.
 *   B1 SUM(Opp_Amount)*Rate = 65 × 2 = 130 (Rate is a Report-level name = 2).
 *   C1 SEQUENCE(3) spills 1, 2, 3 into C1:C3 (cached), D1 = SUM(C1:C3) = 6.
 *   E1:E3 shared formula C1*10 = 10, 20, 30.
 *   F1 SUM(Deals[Amount]) = 10+20+30+5 = 65 (a structured reference, resolved from the table part); G1 = F1+1 = 66.
 *   Data sheet C5 holds the calculated column in Excel's stored form Deals[[#This Row],[Amount]]*2 = 5×2 = 10.
 *   J1 SUM(Deals[Nope]): a column the table lacks, unsupported.
 *   H1 the text "007"; H2 ISTEXT(H1) = TRUE.
 *   I1 CRM3.WINRATE over a name that is not defined: an error.
 */
const REPORT_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>
<row r="1" spans="1:9"><c r="A1" s="1"><f>_xldudf_CRM3_WINRATE(Opp_Status)</f><v>0.5</v></c><c r="B1"><f>SUM(Opp_Amount)*Rate</f><v>130</v></c><c r="C1" cm="1"><f t="array" ref="C1:C3">_xlfn.SEQUENCE(3)</f><v>1</v></c><c r="D1"><f>SUM(C1:C3)</f><v>6</v></c><c r="E1"><f t="shared" ref="E1:E3" si="0">C1*10</f><v>10</v></c><c r="F1"><f>SUM(Deals[Amount])</f><v>65</v></c><c r="G1"><f>F1+1</f><v>66</v></c><c r="H1" t="s"><v>6</v></c><c r="I1" t="e"><f>_xldudf_CRM3_WINRATE(Missing_Name)</f><v>#NAME?</v></c><c r="J1" t="e"><f>SUM(Deals[Nope])</f><v>#REF!</v></c></row>
<row r="2" spans="1:9"><c r="A2"><f>[1]!_xldudf_CRM3_WINRATE(Opp_Status)</f><v>0.5</v></c><c r="C2"><v>2</v></c><c r="E2"><f t="shared" si="0"/><v>20</v></c><c r="H2" t="b"><f>ISTEXT(H1)</f><v>1</v></c></row>
<row r="3" spans="1:9"><c r="A3"><f>CRM3.WINRATE(Opp_Status)</f></c><c r="C3"><v>3</v></c><c r="E3"><f t="shared" si="0"/><v>30</v></c></row>
</sheetData></worksheet>`;

const STRINGS = ['Status', 'Amount', 'Double', 'Won', 'Lost', 'Open', '007'];

export const EXCEL_SAVED_PARTS: CraftEntry[] = [
  {
    name: '[Content_Types].xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`,
  },
  {
    name: '_rels/.rels',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  },
  {
    name: 'xl/workbook.xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="Data sheet" sheetId="1" r:id="rId1"/><sheet name="Report" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">Report!$A$1:$I$3</definedName><definedName name="Opp_Amount">'Data sheet'!$B$2:$B$5</definedName><definedName name="Opp_Status">'Data sheet'!$A$2:$A$5</definedName><definedName name="Rate" localSheetId="1">2</definedName></definedNames></workbook>`,
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${R}/calcChain" Target="calcChain.xml"/></Relationships>`,
  },
  {
    name: 'xl/sharedStrings.xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${NS}" count="${STRINGS.length}" uniqueCount="${STRINGS.length}">${STRINGS.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
  },
  { name: 'xl/worksheets/sheet1.xml', data: DATA_SHEET },
  { name: 'xl/worksheets/sheet2.xml', data: REPORT_SHEET },
  {
    name: 'xl/worksheets/_rels/sheet1.xml.rels',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/table" Target="../tables/table1.xml"/></Relationships>`,
  },
  {
    name: 'xl/tables/table1.xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<table xmlns="${NS}" id="1" name="Deals" displayName="Deals" ref="A1:C5"><tableColumns count="3"><tableColumn id="1" name="Status"/><tableColumn id="2" name="Amount"/><tableColumn id="3" name="Double"><calculatedColumnFormula>Deals[[#This Row],[Amount]]*2</calculatedColumnFormula></tableColumn></tableColumns></table>`,
  },
  {
    name: 'xl/calcChain.xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<calcChain xmlns="${NS}"><c r="A1" i="2"/><c r="A2"/><c r="C2" i="1"/></calcChain>`,
  },
];

export function excelSavedWorkbook(): Uint8Array {
  return writeZip(EXCEL_SAVED_PARTS).bytes;
}
