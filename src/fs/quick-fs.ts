/**
 * The subset of node:fs/promises the writer uses, done with the synchronous calls. Each promise
 * call costs a thread-pool round trip (about 0.2 ms here) and writing a project takes some 60 of
 * them: a third of generation's own time. Wrapped in async functions, they keep the promise
 * interface (errors still arrive as rejections) and the fault-injection seam of write-tree.ts.
 */
import * as fs from 'node:fs';

export const lstat = async (path: string) => fs.lstatSync(path);
export const stat = async (path: string) => fs.statSync(path);
export const access = async (path: string, mode?: number) => fs.accessSync(path, mode);
export const readdir = async (path: string) => fs.readdirSync(path);
export const realpath = async (path: string) => fs.realpathSync(path);
export const readFile = async (path: string, encoding: BufferEncoding) => fs.readFileSync(path, encoding);
export const mkdtemp = async (prefix: string) => fs.mkdtempSync(prefix);

/**
 * Like mkdtemp, but the directory gets the mode mkdir gives (0777 less the umask), not 0700:
 * for a staging directory that is renamed into place as the project itself.
 */
export async function mkdirUnique(prefix: string): Promise<string> {
  for (;;) {
    const path = `${prefix}${Math.random().toString(36).slice(2, 10)}`;
    try {
      fs.mkdirSync(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
export const mkdir = async (path: string, options: { recursive: true }) => fs.mkdirSync(path, options);
export const writeFile = async (path: string, data: string, options?: { flag: string }) => fs.writeFileSync(path, data, options);
export const rename = async (from: string, to: string) => fs.renameSync(from, to);
export const rm = async (path: string, options?: { recursive?: boolean; force?: boolean }) => fs.rmSync(path, options);
export const rmdir = async (path: string) => fs.rmdirSync(path);
