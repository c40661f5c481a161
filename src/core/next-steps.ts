/** The commands to run after generating, shown as text and listed in --json output. */
import { shellQuote } from './escape.js';
import type { ProjectOptions } from './options.js';
import { VERSIONS } from './versions.js';

export function nextSteps(options: ProjectOptions, directory: string): string[] {
  const steps = [`cd ${shellQuote(directory)}`];
  const venv = ['python3 -m venv .venv', '. .venv/bin/activate'];
  if (options.kind === 'module') {
    steps.push(...venv, `pip install ${shellQuote(`maturin${VERSIONS.maturin}`)}${options.uvloop ? ' uvloop' : ''}`);
    steps.push('maturin develop');
    const m = options.moduleName;
    steps.push(`python -c "import asyncio, ${m}; print(${m}.run_coro(asyncio.sleep(0.1, 'it works')))"`);
  } else {
    if (options.uvloop) steps.push(...venv, 'pip install uvloop');
    steps.push('cargo run');
  }
  return steps;
}
