/**
 * The one way the command line writes a file (DESIGN.md §9, issue #12). Every writer — the
 * report (`evaluate --out`), client copies, samples, templates — goes through writeOutput:
 *
 * - An output that is one of the inputs is refused: the resolved real paths are compared,
 *   and the device and inode (hard links, symbolic links, `./a.xlsx`), and names are
 *   compared with case folded where the folder's file system ignores case (probed, not
 *   guessed). A symbolic link is never followed onto an input.
 * - Bytes go to a temporary file beside the target, are flushed to disk (fsync), and only
 *   then renamed over the target: a full disk, a crash or kill -9 leaves the previous file
 *   as it was, and the message says so.
 * - An .xlsx output is checked as a package (the zip guard) before anything is written,
 *   and so is a .docx (content types and a well-formed word/document.xml): a file that
 *   would not open is never written.
 *
 * Node only: the pane's downloads go through the browser, which never overwrites; they share
 * checkMadeFile (outputBytes.ts).
 */
import { promises as fs, constants as fsConstants } from 'fs';
import * as path from 'path';
import { Message } from '../core/i18n';
import { checkMadeFile } from './outputBytes';

export type OutputFailureCode = 'is-input' | 'is-folder' | 'bad-bytes' | 'write-failed';

export interface OutputFailure {
  code: OutputFailureCode;
  message: Message;
}

/** A write that was refused or failed, for callers that throw (the message says what and why). */
export class OutputError extends Error {
  constructor(readonly reason: OutputFailure) {
    super(reason.message.en);
  }
}

export type OutputResult = { ok: true; path: string } | { ok: false; reason: OutputFailure };

export interface OutputOptions {
  /** Files this run reads: the output may be none of them. */
  inputs?: readonly string[];
  /**
   * Whether names in `folder` are compared without case. Default: probed on the file system
   * (a file's name with its case swapped names the same file). Tests pass their own.
   */
  caseInsensitive?: (folder: string) => Promise<boolean>;
}

const M = {
  isInput: (out: string, input: string, how: string, howZh: string): OutputFailure => ({
    code: 'is-input',
    message: {
      en: `${out} is the input file ${input} (${how}); CRM3 never writes over its input. Choose another output name.`,
      zh: `${out} 就是输入文件 ${input}（${howZh}）；CRM3 从不覆盖输入文件。请换一个输出文件名。`,
    },
  }),
  isFolder: (out: string): OutputFailure => ({
    code: 'is-folder',
    message: {
      en: `${out} is a folder; give the name of the file to write.`,
      zh: `${out} 是文件夹；请指定要写入的文件名。`,
    },
  }),
  failed: (out: string, why: string, previous: boolean): OutputFailure => ({
    code: 'write-failed',
    message: {
      en: `could not write ${out} (${why}). ${previous ? `The previous file at ${out} is unchanged.` : 'Nothing was written.'}`,
      zh: `无法写入 ${out}（${why}）。${previous ? `${out} 原有的文件保持不变。` : '未写入任何文件。'}`,
    },
  }),
};

/** Why a write failed, in words a user can act on (the error code stays for searching). */
function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code;
  const hint: Record<string, string> = {
    ENOSPC: 'no space left on the disk',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'not permitted; the file may be open in Excel or another program',
    EBUSY: 'the file is open in another program; close it and retry',
    EROFS: 'the disk is read-only',
    ENOTDIR: 'a part of the path is not a folder',
    ENAMETOOLONG: 'the name is too long',
  };
  if (code && hint[code]) return `${hint[code]}, ${code}`;
  return code ?? (err instanceof Error ? err.message : String(e));
}

interface Identity {
  real: string;
  dev: number;
  ino: number;
}

async function identityOf(p: string): Promise<Identity | undefined> {
  try {
    const st = await fs.stat(p);
    return { real: await fs.realpath(p), dev: st.dev, ino: st.ino };
  } catch {
    return undefined;
  }
}

/** A name as a case-insensitive file system compares it (Unicode-normalised, case folded). */
const folded = (p: string) => p.normalize('NFC').toLowerCase().normalize('NFC');

function swapCase(s: string): string {
  let out = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    out += up === ch ? ch.toLowerCase() : up;
  }
  return out;
}

/** Whether the file system of `folder` ignores case: `probe` (a file in it) found under its swapped-case name. */
async function probeCaseInsensitive(probe: string): Promise<boolean> {
  const base = path.basename(probe);
  const swapped = swapCase(base);
  if (swapped === base) return false;
  const [a, b] = await Promise.all([identityOf(probe), identityOf(path.join(path.dirname(probe), swapped))]);
  return !!a && !!b && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Where `target` really is: a symbolic link is resolved (so writing through it lands on its
 * real file, which is then checked against the inputs); a missing file is placed in its
 * folder's real path.
 */
async function resolveTarget(target: string): Promise<string> {
  const abs = path.resolve(target);
  try {
    return await fs.realpath(abs);
  } catch {
    // Missing (or a dangling link): the folder's real path and the name.
    let dir = path.dirname(abs);
    try {
      dir = await fs.realpath(dir);
    } catch {
      // The folder does not exist yet; it is created before writing.
    }
    return path.join(dir, path.basename(abs));
  }
}

/**
 * The input `target` would overwrite, if any. Also used before a long run, so a wrong
 * --out is refused before any work is done. `probe` is a file in the target's folder whose
 * name has letters (the temporary file), for the case check; without it the target itself
 * and its folder are probed.
 */
export async function refuseInputs(
  target: string,
  options: OutputOptions = {},
  probe?: string,
): Promise<OutputFailure | undefined> {
  const real = await resolveTarget(target);
  try {
    if ((await fs.stat(real)).isDirectory()) return M.isFolder(target);
  } catch {
    // Not there yet.
  }
  const out = await identityOf(real);
  const linkStat = await fs.lstat(path.resolve(target)).catch(() => undefined);
  const inputs = options.inputs ?? [];
  if (inputs.length === 0) return undefined;
  const insensitive = await (options.caseInsensitive
    ? options.caseInsensitive(path.dirname(real))
    : probe
      ? probeCaseInsensitive(probe)
      : probeCaseInsensitive(path.dirname(real)));
  for (const input of inputs) {
    const id = await identityOf(input);
    const inputReal = id?.real ?? path.resolve(input);
    if (inputReal === real) return M.isInput(target, input, 'the same file', '同一个文件');
    if (id && out && id.dev === out.dev && id.ino === out.ino) return M.isInput(target, input, 'a link to it', '指向它的链接');
    if (id && linkStat && id.dev === linkStat.dev && id.ino === linkStat.ino)
      return M.isInput(target, input, 'a link to it', '指向它的链接');
    if (insensitive && folded(inputReal) === folded(real))
      return M.isInput(
        target,
        input,
        'the same name in another case on a file system that ignores case',
        '在不区分大小写的文件系统上仅大小写不同',
      );
  }
  return undefined;
}

let counter = 0;

/**
 * Writes `bytes` to `target` atomically, never onto an input. Creates the folder when
 * missing. Never throws.
 */
export async function writeOutput(target: string, bytes: Uint8Array, options: OutputOptions = {}): Promise<OutputResult> {
  const bad = await checkMadeFile(bytes, target);
  if (bad) return { ok: false, reason: { code: 'bad-bytes', message: bad } };
  const early = await refuseInputs(target, options);
  if (early) return { ok: false, reason: early };

  const real = await resolveTarget(target);
  const dir = path.dirname(real);
  const previous = await fs.stat(real).catch(() => undefined);
  const temp = path.join(dir, `.${path.basename(real)}.${process.pid}-${++counter}-crm3.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    await fs.mkdir(dir, { recursive: true });
    handle = await fs.open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, previous?.mode ?? 0o666);
    // The case probe needs a file with letters in this folder: the temporary file is one.
    const late = await refuseInputs(target, options, temp);
    if (late) {
      await handle.close();
      handle = undefined;
      await fs.unlink(temp).catch(() => undefined);
      return { ok: false, reason: late };
    }
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, real);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    return { ok: false, reason: M.failed(target, describeError(e), !!previous) };
  }
  // The rename itself reaches the disk when the folder is flushed (not possible everywhere: best effort).
  await fs
    .open(dir, 'r')
    .then(async (d) => {
      await d.sync().catch(() => undefined);
      await d.close();
    })
    .catch(() => undefined);
  return { ok: true, path: real };
}
