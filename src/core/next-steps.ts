/** The commands to run after generating, shown as text and listed in --json output. */
import { shellQuote } from './escape.js';
import type { ProjectOptions } from './options.js';
import { VERSIONS } from './versions.js';

/**
 * `built`: create --build / --smoke already made .venv (modules, uvloop apps), installed maturin
 * and built the project, so the steps start from there instead of repeating them.
 */
export function nextSteps(options: ProjectOptions, directory: string, built = false): string[] {
  const steps = [`cd ${shellQuote(directory)}`];
  const venv = ['python3 -m venv .venv', '. .venv/bin/activate'];
  const hasVenv = options.kind === 'module' || options.uvloop;
  if (built) {
    if (hasVenv) steps.push('. .venv/bin/activate');
  } else if (options.kind === 'module') {
    steps.push(...venv, `pip install ${shellQuote(`maturin${VERSIONS.maturin}`)}${options.uvloop ? ' uvloop' : ''}`, 'maturin develop');
  } else if (options.uvloop) {
    steps.push(...venv, 'pip install uvloop');
  }
  if (options.kind === 'module') {
    const m = options.moduleName;
    steps.push(`python -c "import asyncio, ${m}; print(${m}.run_coro(asyncio.sleep(0.1, 'it works')))"`);
  } else {
    steps.push('cargo run');
  }
  return steps;
}

/** The line under the steps: what `create-pyo3-async dev` does for this project. */
export function devTip(options: ProjectOptions, built = false): string {
  const what = options.kind === 'module' ? 'rebuilds with maturin develop' : 'rebuilds with cargo build';
  if (built) return `after an edit, create-pyo3-async dev ${what} and smoke-tests it`;
  const setup = options.kind === 'module' || options.uvloop ? 'creates .venv, installs what it needs, ' : '';
  return `or let create-pyo3-async dev do it: it ${setup}builds and smoke-tests the project`;
}
