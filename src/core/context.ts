/** Options -> the values templates see. Everything here is data; escaping happens in templates. */
import type { ProjectOptions } from './options.js';
import { STACK_VERSIONS, UVLOOP_MARKER, VERSIONS } from './versions.js';

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

export function templateContext(options: ProjectOptions): Record<string, unknown> {
  return {
    crateName: options.crateName,
    moduleName: options.moduleName,
    description: options.description,
    isModule: options.kind === 'module',
    isApp: options.kind === 'app',
    runtime: RUNTIME_INFO[options.runtime],
    uvloop: options.uvloop,
    stack: STACK_VERSIONS[options.stack],
    versions: VERSIONS,
    uvloopMarker: UVLOOP_MARKER,
  };
}
