/**
 * The window event the page fires once office.js has loaded. The custom functions wait for
 * it to register with Excel, so both sides must spell it the same: it lives here, once.
 */
export const OFFICE_LOADED_EVENT = 'crm3-office-loaded';
