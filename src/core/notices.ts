/**
 * Sentences the CLI and the generated files both say. One copy each, so a change of upstream
 * status is one edit (the CLI's warnings and prompts, and the templates through their context).
 */

/** async-std's upstream status, phrased to follow the runtime's name ("async-std is ..."). */
export const ASYNC_STD_STATUS = 'discontinued upstream (its authors recommend smol)';

/** The async-std deprecation sentence, without its closing punctuation. */
export const ASYNC_STD_NOTICE = `async-std is ${ASYNC_STD_STATUS}`;
