/** Which generated paths collide with what a directory has, refusing any that cannot be replaced safely. */
import { join } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';
import { CliError } from '../errors.js';
import { lstatOrUndefined } from './fs-ops.js';
import type { TargetState } from './target.js';

/** Refuses a path whose parents inside the target are not all real directories (a symlink there leads outside). */
export async function checkParents(dir: string, path: string, exitCode: 1 | 2): Promise<void> {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const info = await lstatOrUndefined(join(dir, prefix));
    if (info === undefined) return;
    if (!info.isDirectory()) {
      throw new CliError(`cannot write ${path}: ${prefix} exists and is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}`, {
        exitCode,
        hint: `move ${prefix} out of the way and run again`,
      });
    }
  }
}

export async function findCollisions(target: TargetState, files: readonly GeneratedFile[]): Promise<string[]> {
  if (!target.exists) return [];
  const collisions: string[] = [];
  for (const file of files) {
    await checkParents(target.dir, file.path, 2);
    const info = await lstatOrUndefined(join(target.dir, file.path));
    if (info === undefined) continue;
    if (info.isDirectory()) {
      throw new CliError(`cannot write ${file.path}: a directory of that name exists`, {
        exitCode: 2,
        hint: `move ${file.path} out of the way and run again`,
      });
    }
    collisions.push(file.path);
  }
  return collisions;
}
