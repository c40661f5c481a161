/** Options -> the values templates see. Everything here is data; escaping happens in templates. */
import type { ProjectOptions } from './options.js';
import { stackVersions, UVLOOP_MARKER, VERSIONS } from './versions.js';

const RUNTIME_INFO = {
  tokio: {
    id: 'tokio',
    isTokio: true,
    /** The module path inside pyo3-async-runtimes and the crate's own name in Rust code. */
    module: 'tokio',
    feature: 'tokio-runtime',
    sleep: 'tokio::time::sleep',
  },
  'async-std': {
    id: 'async-std',
    isTokio: false,
    module: 'async_std',
    feature: 'async-std-runtime',
    sleep: 'async_std::task::sleep',
  },
} as const;

// Every supported Python on Linux; the oldest and newest on macOS and Windows.
function ciContext(github: boolean, pythons: readonly string[]) {
  const oldest = pythons[0]!;
  const newest = pythons[pythons.length - 1]!;
  const ends = [...new Set([oldest, newest])];
  return {
    github,
    pythons,
    oldestPython: oldest,
    newestPython: newest,
    testMatrix: [
      ...pythons.map((python) => ({ os: 'ubuntu-latest', python })),
      ...ends.map((python) => ({ os: 'macos-latest', python })),
      ...ends.map((python) => ({ os: 'windows-latest', python })),
    ],
  };
}

export function templateContext(options: ProjectOptions): Record<string, unknown> {
  const stack = stackVersions(options.stack, options.pyo3);
  return {
    crateName: options.crateName,
    moduleName: options.moduleName,
    description: options.description,
    isModule: options.kind === 'module',
    isApp: options.kind === 'app',
    runtime: RUNTIME_INFO[options.runtime],
    uvloop: options.uvloop,
    stack,
    legacy: options.stack === 'legacy',
    ci: ciContext(options.ci === 'github', stack.pythons),
    versions: VERSIONS,
    uvloopMarker: UVLOOP_MARKER,
  };
}
