/** Where caches go on this platform (XDG on Linux and the BSDs): the build cache's and the compile cache's. */
import { join } from 'node:path';

export function cacheHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Caches');
  return env.XDG_CACHE_HOME || join(home, '.cache');
}
