/** Where package.json and templates/ live. */
import { fileURLToPath } from 'node:url';

// This file sits one level below the package root both as src/package-root.ts (tests) and
// inside the flat dist/ bundle (see scripts/build.mjs).
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
