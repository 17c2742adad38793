/**
 * Debouncing change notifications: a burst of edits (a paste, a fill-down, a template
 * insertion) calls the pane once, after the workbook has been quiet for `waitMs`.
 */
export const CHANGE_DEBOUNCE_MS = 300;

export interface Debounced {
  /** (Re)starts the wait; the function runs once the calls stop for `waitMs`. */
  (): void;
  /** Forgets a pending call. */
  cancel(): void;
  /** Runs a pending call now. */
  flush(): void;
}

export function debounce(fn: () => void, waitMs: number = CHANGE_DEBOUNCE_MS): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    try {
      fn();
    } catch {
      // A handler's own failure must not break the host's event loop.
    }
  };
  const call = (() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, waitMs);
  }) as Debounced;
  call.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  call.flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    run();
  };
  return call;
}

/** A set of change handlers, each debounced on its own. */
export class ChangeHandlers {
  private readonly handlers = new Map<() => void, Debounced>();

  constructor(private readonly waitMs: number = CHANGE_DEBOUNCE_MS) {}

  add(handler: () => void): () => void {
    const key = () => handler();
    this.handlers.set(key, debounce(handler, this.waitMs));
    return () => {
      this.handlers.get(key)?.cancel();
      this.handlers.delete(key);
    };
  }

  get size(): number {
    return this.handlers.size;
  }

  notify(): void {
    for (const d of this.handlers.values()) d();
  }
}
