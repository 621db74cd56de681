/**
 * Turning a corpus file's bytes into text, or into the reason it is not text.
 */
import { normaliseText } from './normalise-text.js';

/** Why bytes could not be turned into corpus text. */
export type DecodeFailureCode = 'empty' | 'binary' | 'invalid_encoding';

/** What {@link decodeCorpusBytes} returns: the text, or why there is none. */
export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; code: DecodeFailureCode; reason: string; line?: number };

// Created once: a fatal decoder throws on the first malformed sequence instead of inserting
// U+FFFD, which would silently corrupt words in the index. It also drops a leading BOM.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Finds the offset of the first byte that starts a malformed UTF-8 sequence (overlong forms,
 * surrogates and code points past U+10FFFF count as malformed, as they do for TextDecoder).
 *
 * @returns the byte offset, or -1 when all bytes are well-formed UTF-8.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let codePoint = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (c & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

/** 1-based line of a byte offset: one more than the number of LF bytes before it. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Decodes a corpus file: rejects empty files, binary files (any NUL byte: no text format in the
 * corpus uses it, while UTF-16 text and images do) and invalid UTF-8, then strips a BOM and
 * normalises line ends to `\n`.
 */
export function decodeCorpusBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, code: 'empty', reason: 'the file is empty (0 bytes)' };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { ok: false, code: 'binary', reason: `the file looks binary: NUL byte at offset ${nul}` };
  }
  let decoded: string;
  try {
    decoded = UTF8.decode(bytes);
  } catch {
    const offset = findInvalidUtf8(bytes);
    const at = offset === -1 ? 0 : offset;
    const hex = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    const line = lineOfByte(bytes, at);
    return { ok: false, code: 'invalid_encoding', line, reason: `invalid UTF-8: byte 0x${hex} at offset ${at}` };
  }
  const text = normaliseText(decoded);
  if (text.trim() === '') return { ok: false, code: 'empty', reason: 'the file holds only whitespace' };
  return { ok: true, text };
}
