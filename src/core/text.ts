/** Text as every generated file has it. */

/** LF endings and exactly one trailing newline (none for an empty file), whatever the template did. */
export function normalizeText(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  const trimmed = lf.replace(/\n+$/, '');
  return trimmed === '' ? '' : `${trimmed}\n`;
}
