/** The product version (kept equal to package.json by a test). */
export const VERSION = '0.1.0';
export const PRODUCT = 'CRM3 for Excel';
/** The add-in's manifest Id and Version (kept equal to manifest.xml by a test). */
export const MANIFEST_ID = '3c9f2d1e-8a4b-4f6e-9c2d-7b1a5e0f3d21';
export const MANIFEST_VERSION = '0.1.0.0';
