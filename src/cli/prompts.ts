/** The one module that talks to @inquirer/prompts; loaded only when a person is asked something. */
import { ASYNC_STD_STATUS } from '../core/notices.js';
import { STACKS, type Kind, type Runtime, type Stack } from '../core/options.js';
import { patternDef, type PatternName } from '../core/patterns/definitions.js';
import { stackLabel } from '../core/labels.js';
import { STACK_TABLE } from '../core/versions.js';
import type { Asker } from './resolve-options.js';

export async function createPromptAsker(signal: AbortSignal): Promise<Asker> {
  const { checkbox, confirm, input, select } = await import('./inquirer.js');
  const ctx = { signal };
  return {
    kind: (defaultValue) =>
      select<Kind>(
        {
          message: 'What are you building?',
          default: defaultValue,
          choices: [
            { value: 'module', name: 'module', description: 'a Python extension module in Rust, built with maturin' },
            { value: 'app', name: 'app', description: 'a Rust program that embeds Python' },
          ],
        },
        ctx,
      ),
    name: (defaultValue, validate) =>
      input({ message: 'Project name:', default: defaultValue, validate: (v) => validate(v.trim()) }, ctx).then((v) =>
        v.trim(),
      ),
    runtime: (defaultValue) =>
      select<Runtime>(
        {
          message: 'Rust async runtime:',
          default: defaultValue,
          choices: [
            { value: 'tokio', name: 'tokio', description: 'the most used Rust async runtime' },
            {
              value: 'async-std',
              name: 'async-std',
              description: `${ASYNC_STD_STATUS}; still supported by pyo3-async-runtimes`,
            },
          ],
        },
        ctx,
      ),
    uvloop: (defaultValue) =>
      confirm({ message: 'Run Python on uvloop (Linux and macOS)?', default: defaultValue }, ctx),
    stack: (defaultValue) =>
      select<Stack>(
        {
          message: 'Crate stack:',
          default: defaultValue,
          choices: STACKS.map((stack) => ({
            value: stack,
            name: `${stack}: ${stackLabel(stack)}`,
            description:
              stack === 'current'
                ? 'for new projects'
                : 'for existing codebases pinned to pyo3-asyncio; new projects should use current',
            disabled: STACK_TABLE[stack].supported ? false : '(not yet supported)',
          })),
        },
        ctx,
      ),
    patterns: (choices, kind) =>
      checkbox<PatternName>(
        {
          message: 'Patterns to add (space to pick, enter when done; `add` can add them later):',
          choices: choices.map((name) => ({ value: name, name, description: patternDef(name, kind)?.summary })),
        },
        ctx,
      ),
    overwrite: (directory, collisions) =>
      confirm(
        {
          message:
            collisions.length === 0
              ? `${directory} is not empty. Add the project's files to it (nothing there is changed)?`
              : `${directory} is not empty and ${collisions.length} file(s) would be replaced (${collisions.join(', ')}). Continue?`,
          default: false,
        },
        ctx,
      ),
  };
}
