/**
 * Marks the spilled report formulas of a built template as dynamic arrays. ExcelJS writes
 * `<f t="array" ref="B5">`, which Excel reads as a legacy CSE array of one cell; a dynamic
 * array also needs `cm="1"` on the cell, pointing at an XLDAPR cell-metadata record in
 * xl/metadata.xml (with its content type and workbook relationship). Without it Excel adds
 * the implicit-intersection `@` and the column no longer spills.
 */
import JSZip from 'jszip';

const METADATA_PATH = 'xl/metadata.xml';
const METADATA_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml';
const METADATA_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata';

const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" ' +
  'pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" ' +
  'coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">' +
  '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

/** Adds cm="1" to every cell whose formula is an array formula; returns the new XML and how many. */
export function markDynamicCells(sheetXml: string): { xml: string; count: number } {
  let count = 0;
  const xml = sheetXml.replace(/<c ([^>]*?)>(<f t="array")/g, (_m, attrs: string, f: string) => {
    count++;
    return attrs.includes(' cm="') ? `<c ${attrs}>${f}` : `<c ${attrs} cm="1">${f}`;
  });
  return { xml, count };
}

/** The xlsx with its array formulas turned into dynamic (spilling) arrays. */
export async function withDynamicArrays(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  let total = 0;
  const sheets = Object.keys(zip.files)
    .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
    .sort();
  for (const path of sheets) {
    const { xml, count } = markDynamicCells(await zip.file(path)!.async('string'));
    if (count) zip.file(path, xml);
    total += count;
  }
  if (total > 0) {
    zip.file(METADATA_PATH, METADATA_XML);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    if (!types.includes('/xl/metadata.xml'))
      zip.file(
        '[Content_Types].xml',
        types.replace('</Types>', `<Override PartName="/${METADATA_PATH}" ContentType="${METADATA_CONTENT_TYPE}"/></Types>`),
      );
    const relsPath = 'xl/_rels/workbook.xml.rels';
    const rels = await zip.file(relsPath)!.async('string');
    if (!rels.includes(METADATA_REL_TYPE)) {
      const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
      const next = Math.max(0, ...ids) + 1;
      zip.file(
        relsPath,
        rels.replace(
          '</Relationships>',
          `<Relationship Id="rId${next}" Type="${METADATA_REL_TYPE}" Target="metadata.xml"/></Relationships>`,
        ),
      );
    }
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
