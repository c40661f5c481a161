/** The file operations the writers share, and the seam through which tests inject faults. */
import { join } from 'node:path';
import * as nodeFs from './quick-fs.js';

/** The file operations that write; a seam so tests can inject ENOSPC, EIO or a racing process. */
export interface FsOps {
  readonly writeFile: (path: string, data: string, options: { flag: string }) => Promise<void>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly mkdir: (path: string, options: { recursive: true }) => Promise<string | undefined>;
}

export const REAL_FS: FsOps = { writeFile: nodeFs.writeFile, rename: nodeFs.rename, mkdir: nodeFs.mkdir };

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export const lstatOrUndefined = (path: string) =>
  nodeFs.lstat(path).catch((e: unknown) => {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw e;
  });

export const exists = async (path: string) => (await lstatOrUndefined(path)) !== undefined;

/** A generated (POSIX) path below `root`, in the platform's spelling. */
export const pathOf = (root: string, path: string) => join(root, ...path.split('/'));
