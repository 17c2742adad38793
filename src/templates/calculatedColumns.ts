/**
 * Marks the per-row computed columns of a built template's tables as Excel calculated
 * columns: `<calculatedColumnFormula>` in the table part, so a row a planner adds to the
 * table (typing below it, pasting an export) gets Score, Tier, QualScore, … by itself.
 * ExcelJS cannot write it. The formula is the first data row's, as stored in the cells
 * (A1 references relative to that row, which is how Excel reads it); no structured
 * references, so HyperFormula and the lint see the same formulas as before.
 */
import JSZip from 'jszip';
import { escapeXml } from '../io/formulaPackage';
import { decodeXmlText } from '../io/xmlScan';

/** Table name → column header (as the table stores it) → stored formula of the first data row. */
export type CalculatedColumns = Map<string, Map<string, string>>;

/** The table part's XML with the calculated-column formulas added; also returns how many. */
export function addCalculatedColumns(tableXml: string, columns: CalculatedColumns): { xml: string; count: number } {
  const name = /<table\b[^>]*\sname="([^"]*)"/.exec(tableXml)?.[1];
  const formulas = name === undefined ? undefined : columns.get(decodeXmlText(name));
  if (!formulas) return { xml: tableXml, count: 0 };
  let count = 0;
  const xml = tableXml.replace(
    /<tableColumn\b([^>]*?)(\/>|>([\s\S]*?)<\/tableColumn>)/g,
    (whole, attrs: string, _end: string, body: string | undefined) => {
      const header = /\sname="([^"]*)"/.exec(attrs)?.[1];
      const formula = header === undefined ? undefined : formulas.get(decodeXmlText(header));
      if (formula === undefined || (body ?? '').includes('calculatedColumnFormula')) return whole;
      count++;
      // calculatedColumnFormula comes first inside tableColumn (CT_TableColumn order).
      return `<tableColumn${attrs}><calculatedColumnFormula>${escapeXml(formula)}</calculatedColumnFormula>${body ?? ''}</tableColumn>`;
    },
  );
  return { xml, count };
}

/** The xlsx with every table part's calculated columns marked. */
export async function withCalculatedColumns(xlsx: Buffer, columns: CalculatedColumns): Promise<Buffer> {
  if (columns.size === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const parts = Object.keys(zip.files)
    .filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p))
    .sort();
  for (const part of parts) {
    const { xml, count } = addCalculatedColumns(await zip.file(part)!.async('string'), columns);
    if (count) zip.file(part, xml);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
