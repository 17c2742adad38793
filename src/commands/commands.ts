/**
 * Ribbon commands. The ribbon's only button opens the task pane (ShowTaskpane), which needs
 * no code; this module registers the page with Office so the shared runtime is ready.
 */
if (typeof Office !== 'undefined') {
  Office.onReady(() => undefined);
}
export {};
