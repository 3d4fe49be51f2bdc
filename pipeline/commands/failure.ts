// The one line a failure of the file system gets (a full disk, a read-only folder, a name too long), naming the path.
import { relative } from 'node:path';

/** What the file system said, in words, by its error code. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links (a link loop)',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
  ENOENT: 'no such file or folder',
  EIO: 'an input/output error',
};

/** One line for a failure of the file system (a full disk, a read-only folder, ...), naming the path; null for anything else (a bug). */
export function systemErrorLine(err: unknown, cwd: string): string | null {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || !(e.code in SYSTEM_ERRORS)) return null;
  const path = typeof e.path === 'string' ? relative(cwd, e.path) || e.path : null;
  const what = e.syscall ? ` (${e.syscall})` : '';
  return `${path === null ? 'a file operation failed' : `cannot use ${path}`}: ${SYSTEM_ERRORS[e.code]}${what}; nothing half-written is kept (--debug shows where it happened)`;
}
