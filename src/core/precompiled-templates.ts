/**
 * The templates, precompiled. From source this is empty and templates are read and compiled
 * at run time; scripts/build.mjs replaces this module in the bundle with every template
 * precompiled, so the CLI neither reads templates/ nor loads Handlebars' compiler.
 */
import type { Precompiled } from './render.js';

export const PRECOMPILED = undefined as Precompiled | undefined;
