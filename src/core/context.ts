/** Options -> the values templates see. Everything here is data; escaping happens in templates. */
import type { ProjectOptions, Stack } from './options.js';
import { recordContext } from './record.js';
import { ACTIONS, stackVersions, UVLOOP_MARKER, VERSIONS } from './versions.js';

const RUNTIME_INFO = {
  tokio: {
    id: 'tokio',
    isTokio: true,
    /** The module path inside pyo3-async-runtimes and the crate's own name in Rust code. */
    module: 'tokio',
    feature: 'tokio-runtime',
    sleep: 'tokio::time::sleep',
    timeout: 'tokio::time::timeout',
  },
  'async-std': {
    id: 'async-std',
    isTokio: false,
    module: 'async_std',
    feature: 'async-std-runtime',
    sleep: 'async_std::task::sleep',
    timeout: 'async_std::future::timeout',
  },
} as const;

/**
 * The pyo3 names the generated Rust code uses where the stacks differ, so one template serves
 * both. Legacy is pyo3 0.20: before the Bound API (0.21), C-string code for `from_code` (0.23)
 * and the renames of with_gil, allow_threads and prepare_freethreaded_python (0.26). What differs
 * by more than a name is a `{{#if legacy}}` block in the template.
 */
const RUST_API = {
  current: {
    attach: 'Python::attach',
    detach: 'detach',
    initialize: 'Python::initialize',
    /** A borrowed Python object, with an anonymous and with a `'py` lifetime. */
    any: "Bound<'_, PyAny>",
    anyPy: "Bound<'py, PyAny>",
    module: "Bound<'_, PyModule>",
    /** An owned Python object, held without the GIL. */
    object: 'Py<PyAny>',
    /** The type of Python source handed to `PyModule::from_code`, and its literals' prefix. */
    code: '&CStr',
    cstr: 'c',
    /** Borrows an owned object for a GIL lifetime. */
    bind: 'bind',
    /** A second handle to a Bound object, which run_until_complete consumes; `&PyAny` is Copy. */
    clone: '.clone()',
    /** Python truthiness of a Bound object. */
    truthy: 'is_truthy',
  },
  legacy: {
    attach: 'Python::with_gil',
    detach: 'allow_threads',
    initialize: 'pyo3::prepare_freethreaded_python',
    any: '&PyAny',
    anyPy: "&'py PyAny",
    module: '&PyModule',
    object: 'PyObject',
    code: '&str',
    cstr: '',
    bind: 'as_ref',
    clone: '',
    truthy: 'is_true',
  },
} as const satisfies Record<Stack, Record<string, string>>;

/** Said wherever a project on async-std explains its runtime choice. */
const ASYNC_STD_NOTICE = 'async-std is discontinued upstream (its authors recommend smol)';

/** "3.10" -> "310", as in wheel tags and pyo3's abi3-py310 feature. */
const pyTag = (python: string) => python.replace('.', '');

// Every supported Python on Linux; the oldest and newest on macOS and Windows.
function ciContext(github: boolean, pythons: readonly string[], freeThreaded: readonly string[]) {
  const oldest = pythons[0]!;
  const newest = pythons[pythons.length - 1]!;
  const ends = [...new Set([oldest, newest])];
  return {
    github,
    pythons,
    oldestPython: oldest,
    oldestTag: pyTag(oldest),
    newestPython: newest,
    testMatrix: [
      ...pythons.map((python) => ({ os: 'ubuntu-latest', python })),
      ...ends.map((python) => ({ os: 'macos-latest', python })),
      ...ends.map((python) => ({ os: 'windows-latest', python })),
    ],
    /** Module tests only: a free-threaded build gets no abi3 wheel and needs its own lane. */
    freeThreadedMatrix: freeThreaded.flatMap((python) => ['ubuntu-latest', 'macos-latest'].map((os) => ({ os, python }))),
    actions: ACTIONS,
  };
}

export function templateContext(options: ProjectOptions): Record<string, unknown> {
  const stack = stackVersions(options.stack, options.pyo3);
  const runtime = RUNTIME_INFO[options.runtime];
  return {
    crateName: options.crateName,
    moduleName: options.moduleName,
    /** Prefix of the environment variables the generated code reads. */
    envPrefix: options.moduleName.toUpperCase(),
    description: options.description,
    isModule: options.kind === 'module',
    isApp: options.kind === 'app',
    runtime,
    uvloop: options.uvloop,
    /** pyo3's stable-ABI feature for the oldest supported Python ("abi3-py310"), when the module uses it. */
    abi3: options.abi3 ? { feature: `abi3-py${pyTag(stack.pythons[0]!)}`, tag: pyTag(stack.pythons[0]!), python: stack.pythons[0]! } : false,
    stack,
    legacy: options.stack === 'legacy',
    /** `runtime` is the bridge's module for the chosen runtime, as in `#[{{api.runtime}}::test]`. */
    api: { ...RUST_API[options.stack], runtime: `${stack.bridgeModule}::${runtime.module}` },
    ci: ciContext(options.ci === 'github', stack.pythons, stack.freeThreaded),
    versions: VERSIONS,
    uvloopMarker: UVLOOP_MARKER,
    asyncStdNotice: ASYNC_STD_NOTICE,
    /** Cargo.toml's record of this generation; the plan fills in the files' ids. */
    record: recordContext(options),
  };
}
