/** Command-line flags several commands share (`--as-of`, `--scope`), read and refused the same way. */
import { Message } from '../core/i18n';
import { SCOPE_FIELDS, Scope, parseScope } from '../engine/scope';
import { parseIsoDate } from './dates';

/** A usage mistake: the command prints it and exits 2. */
export class UsageError {
  constructor(readonly message: Message) {}
}

export const usage = (en: string, zh: string) => new UsageError({ en, zh });

/** The value after a flag (argv[i + 1]); a missing one or another flag is a usage error. */
export function flagValue(argv: readonly string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw usage(`${flag} needs a value`, `${flag} 需要一个值`);
  return v;
}

/** `--as-of YYYY-MM-DD` as an Excel serial. */
export function asOfFlag(v: string): number {
  const serial = parseIsoDate(v);
  if (serial === undefined)
    throw usage(`--as-of must be a date YYYY-MM-DD, got "${v}"`, `--as-of 必须是 YYYY-MM-DD 格式的日期，实际为“${v}”`);
  return serial;
}

/** `--scope field=value`. */
export function scopeFlag(v: string): Scope {
  const s = parseScope(v);
  if (!s)
    throw usage(
      `--scope must look like owner=Li (fields: ${SCOPE_FIELDS.join(', ')}), got "${v}"`,
      `--scope 的格式应为 owner=李伟（字段：${SCOPE_FIELDS.join('、')}），实际为“${v}”`,
    );
  return s;
}
