/**
 * The theme part (xl/theme/theme1.xml) of the workbooks the project writes: Office's classic
 * theme (the colours Excel 2007–2010 files carry, which table styles such as
 * TableStyleMedium2 and the default font read), written out from its values here. Latin text
 * in Calibri, headings in Cambria; Chinese in 宋体 / 新細明體 as in Office's own theme.
 */
const COLORS: readonly [string, string][] = [
  ['dk2', '1F497D'],
  ['lt2', 'EEECE1'],
  ['accent1', '4F81BD'],
  ['accent2', 'C0504D'],
  ['accent3', '9BBB59'],
  ['accent4', '8064A2'],
  ['accent5', '4BACC6'],
  ['accent6', 'F79646'],
  ['hlink', '0000FF'],
  ['folHlink', '800080'],
];

const SCRIPT_FONTS: readonly [string, string][] = [
  ['Hans', '宋体'],
  ['Hant', '新細明體'],
  ['Jpan', 'ＭＳ Ｐゴシック'],
  ['Hang', '맑은 고딕'],
];

const font = (tag: 'majorFont' | 'minorFont', latin: string) =>
  `<a:${tag}><a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/>` +
  SCRIPT_FONTS.map(([script, face]) => `<a:font script="${script}" typeface="${face}"/>`).join('') +
  `</a:${tag}>`;

/** Three entries of a style list, each a plain fill (or line, or effect) of the placeholder colour. */
const three = (entry: string) => entry.repeat(3);
const PLACEHOLDER_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';

export const OFFICE_THEME_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>' +
  '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>' +
  '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
  COLORS.map(([name, rgb]) => `<a:${name}><a:srgbClr val="${rgb}"/></a:${name}>`).join('') +
  '</a:clrScheme>' +
  `<a:fontScheme name="Office">${font('majorFont', 'Cambria')}${font('minorFont', 'Calibri')}</a:fontScheme>` +
  '<a:fmtScheme name="Office">' +
  `<a:fillStyleLst>${three(PLACEHOLDER_FILL)}</a:fillStyleLst>` +
  `<a:lnStyleLst>${three(`<a:ln w="9525" cap="flat" cmpd="sng" algn="ctr">${PLACEHOLDER_FILL}<a:prstDash val="solid"/></a:ln>`)}</a:lnStyleLst>` +
  `<a:effectStyleLst>${three('<a:effectStyle><a:effectLst/></a:effectStyle>')}</a:effectStyleLst>` +
  `<a:bgFillStyleLst>${three(PLACEHOLDER_FILL)}</a:bgFillStyleLst>` +
  '</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>';
