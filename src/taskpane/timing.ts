/**
 * Named moments of the pane's start, as User Timing marks (`crm3:<name>`) on the thread that
 * reaches them (the page or the engine worker): a Chrome trace shows them on one timeline
 * (bench/webTrace.ts), and bench/webFirstIndicator.ts reads the page's. They cost nothing
 * measurable and change nothing the user sees (issue #15, web mode's first indicator).
 */
export function mark(name: string): void {
  try {
    globalThis.performance?.mark?.(`crm3:${name}`);
  } catch {
    // No User Timing here (an old runtime, jest's environment): nothing to record.
  }
}
