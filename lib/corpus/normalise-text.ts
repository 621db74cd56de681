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
  return text.replace(/[^\S\r\n]*[\r\n]\s*/g, ' ').trim();
}
