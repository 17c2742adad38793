/** The product version (kept equal to package.json by a test). */
export const VERSION = '0.1.0';
export const PRODUCT = 'CRM3 for Excel';
