/** Where the real tier keeps its venv and cargo target directories, shared across runs. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const CACHE = process.env.CPA_REAL_CACHE ?? join(REPO, '.cache', 'real');
/** A venv with maturin and uvloop; .ci/run makes it, setup.ts makes it when missing. */
export const VENV = process.env.CPA_TEST_VENV ?? join(CACHE, 'venv');
export const VENV_BIN = join(VENV, process.platform === 'win32' ? 'Scripts' : 'bin');
export const VENV_PYTHON = join(VENV_BIN, process.platform === 'win32' ? 'python.exe' : 'python');
// cargo and maturin builds flip PYO3_BUILD_EXTENSION_MODULE, which would rebuild pyo3 on every
// switch in one directory; each gets its own, shared by all variants.
export const CARGO_TARGET = join(CACHE, 'target-cargo');
export const MATURIN_TARGET = join(CACHE, 'target-maturin');
/** uv's builds (its isolated build environments use another interpreter) get a third one. */
export const UV_TARGET = join(CACHE, 'target-uv');
/** uv, installed into the venv from PyPI. */
export const UV = join(VENV_BIN, process.platform === 'win32' ? 'uv.exe' : 'uv');
export const PROJECTS = join(CACHE, 'projects');
/** dev's shared build cache (CREATE_PYO3_ASYNC_BUILD_CACHE) for builds without CARGO_TARGET_DIR. */
export const SHARED_BUILD = join(CACHE, 'shared-build');
/** Binaries the tier installs for itself (actionlint, by `go install`). */
export const CACHE_BIN = join(CACHE, 'bin');
