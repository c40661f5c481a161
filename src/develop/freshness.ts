/**
 * Whether `smoke` may test the module already installed in the venv: it must import, and its
 * compiled extension must be newer than every build input; otherwise smoke rebuilds first, so it
 * never passes on a build older than the sources.
 */
import { newestSourceTime } from '../project/sources.js';
import type { ProjectInfo } from '../project/read-project.js';
import type { BuildOptions } from './compile.js';
import type { Venv } from './venv.js';

// Imports the package (a broken build fails here) and prints the extension's file time.
const PROBE = 'import importlib.util, os, sys\nspec = importlib.util.find_spec(sys.argv[1])\nprint(os.path.getmtime(spec.origin))';

export async function installedIsFresh(project: ProjectInfo, venv: Venv, o: Pick<BuildOptions, 'run' | 'env' | 'signal'>): Promise<boolean> {
  const module = project.nativeModule ?? project.importName!;
  const r = await o.run(venv.python, ['-c', PROBE, module], { cwd: project.dir, env: o.env, signal: o.signal });
  if (r.exitCode !== 0) return false;
  const builtMs = Number(r.stdout.trim().split('\n').pop()) * 1000;
  return Number.isFinite(builtMs) && builtMs >= newestSourceTime(project.dir);
}
