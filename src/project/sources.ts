/** When a project's build inputs last changed: what `smoke` compares the installed module with. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// What maturin develop compiles or packages; build output and caches are left out.
const INPUT_FILES = ['Cargo.toml', 'Cargo.lock', 'build.rs', 'pyproject.toml'];
const INPUT_DIRS = ['src', 'python'];
const SKIP = /^(__pycache__|target|\.venv)$|\.(so|pyd|dylib|dll|pyc)$/;

function newestIn(dir: string): number {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (SKIP.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest modification time (ms since the epoch) among the project's build inputs. */
export function newestSourceTime(projectDir: string): number {
  let newest = 0;
  for (const file of INPUT_FILES) {
    try {
      newest = Math.max(newest, statSync(join(projectDir, file)).mtimeMs);
    } catch {
      // not every project has every file
    }
  }
  for (const dir of INPUT_DIRS) newest = Math.max(newest, newestIn(join(projectDir, dir)));
  return newest;
}
