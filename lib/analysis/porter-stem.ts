/**
 * Porter stemming, restricted to the terms it was designed for.
 */
import { stemmer } from 'stemmer';

/**
 * Whether `term` consists only of the ASCII letters a–z: the only terms Porter's English suffix
 * rules are applied to. Numbers ("1990s", "g7") and words of other scripts are left as they are.
 */
export function isStemmable(term: string): boolean {
  if (term.length === 0) return false;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * The Porter stem of a lower-case term ("missiles" → "missil"), or the term itself when it is
 * not {@link isStemmable}.
 */
export function porterStem(term: string): string {
  return isStemmable(term) ? stemmer(term) : term;
}
