import type { CreateFlags } from '../../src/cli/create-flags.js';

export function flags(overrides: Partial<CreateFlags> = {}): CreateFlags {
  return {
    directory: undefined,
    name: undefined,
    description: undefined,
    kind: undefined,
    runtime: undefined,
    uvloop: undefined,
    stack: undefined,
    pyo3Version: undefined,
    ci: 'github',
    abi3: undefined,
    with: [],
    yes: false,
    force: false,
    dryRun: false,
    git: true,
    build: false,
    smoke: false,
    json: false,
    verbose: false,
    ...overrides,
  };
}
