/**
 * Text clean-up shared by every corpus format reader.
 */

/**
 * Strips a leading byte-order mark and turns CRLF and lone CR line ends into LF, so that readers
 * only ever see `\n`. Files written on Windows or exported by old Mac tools then parse alike.
 */
export function normaliseText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n');
}

/**
 * Makes text one line: each line break, with the spacing around it, becomes one space, and the
 * ends are trimmed. Other spacing is kept as it is. This is how a paragraph wrapped over several
 * lines reads, and what a one-line field (title, paragraph, trailer value) must be when written.
 */
export function toOneLine(text: string): string {
  // Line by line rather than one replace: /[^\S\r\n]*[\r\n]\s*/g retries its leading run of
  // spaces from every position, so a long run of spaces cost time quadratic in its length
  // (40 000 spaces: 13 s), enough for one paragraph to stall a whole corpus load.
  const lines = text.split(/[\r\n]/);
  let out = '';
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed !== '') out = out === '' ? trimmed : `${out} ${trimmed}`;
  }
  return out;
}
