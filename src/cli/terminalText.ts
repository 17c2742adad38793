/**
 * Text from a workbook never reaches a terminal as control codes (issue #12): a name stored
 * as `_x001B_]52;c;…` would otherwise set the clipboard (OSC 52), retitle the window or
 * clear the screen, and bidirectional overrides would make a line read as something else.
 * Every character that drives a terminal — C0 controls, DEL, C1 controls, bidi embeddings,
 * overrides and isolates, line and paragraph separators — is shown as `\uXXXX`. That is also
 * a valid JSON escape of the same character, so `--json` output stays exact.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** A value from a workbook (a name, an id, a message) for one line of terminal output: every control shown. */
export function forTerminal(value: string): string {
  return value.replace(CONTROLS, escaped);
}

/**
 * A chunk of output about to be written: line breaks stay, a carriage return only where the
 * chunk starts with one (the progress bar redraws its line); every other control is shown.
 */
export function terminalSafe(chunk: string): string {
  const lead = chunk.startsWith('\r') ? '\r' : '';
  return lead + chunk.slice(lead.length).replace(CONTROLS_BUT_NEWLINE, escaped);
}

/**
 * UTF-8 bytes of text made terminal-safe (`terminalSafeUtf8`), which `Io.outBytes` writes as
 * they are. Only the type says so: make them with terminalSafeUtf8 and nothing else.
 */
export type TerminalSafeUtf8 = Uint8Array & { readonly __terminalSafe: true };

/**
 * A chunk of output as terminalSafe makes it, in UTF-8 bytes of its own (a buffer that can be
 * handed to another thread). The evaluate worker sends its JSON so: an 8 MB text crossing as a
 * string was copied four times on the way to stdout (docs/performance.md, issue #15).
 */
export function terminalSafeUtf8(chunk: string): TerminalSafeUtf8 {
  return new TextEncoder().encode(terminalSafe(chunk)) as TerminalSafeUtf8;
}
