/** Dates on the command line: `--as-of YYYY-MM-DD`, and today as an Excel serial. */
import { serialFromYmd } from '../core/cells';

/** The serial of a YYYY-MM-DD text, or undefined when it is not one (or not a real date). */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Today (local calendar date) as an Excel serial. */
export function today(): number {
  const d = new Date();
  return serialFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate())!;
}
