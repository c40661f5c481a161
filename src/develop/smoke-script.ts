/**
 * The module smoke test's Python source, smoke_script.py beside this file (linted by ruff in
 * the fast tier). From source it is read from there; scripts/build.mjs replaces this module in
 * the bundle with the text, so the published package needs no file outside dist/.
 */
import { readFileSync } from 'node:fs';

export const SMOKE_SCRIPT: string = readFileSync(new URL('./smoke_script.py', import.meta.url), 'utf8');
