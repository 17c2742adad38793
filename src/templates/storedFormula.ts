/**
 * How a CRM3 formula is stored in an .xlsx file. Source code keeps the readable form
 * (`CRM3.SCORE(...)`); Excel stores Office JS custom functions as `_xldudf_CRM3_SCORE(...)`
 * and shows them as CRM3.SCORE once the add-in is loaded. This is the one place that converts.
 */

const READABLE_CALL = /\bCRM3\.([A-Z][A-Z0-9]*)\(/g;
const STORED_CALL = /\b_xldudf_CRM3_([A-Z][A-Z0-9]*)\(/g;

/** Readable formula (with or without '=') → the text written into the file's <f> element (no '='). */
export function storedFormula(readable: string): string {
  return readable.replace(/^=/, '').replace(READABLE_CALL, '_xldudf_CRM3_$1(');
}

/** Stored formula → readable form (for lint lists and messages). */
export function readableFormula(stored: string): string {
  return stored.replace(STORED_CALL, 'CRM3.$1(');
}
