/**
 * A user's text inside a one-line error message. Whatever was typed or read
 * (a 128 KB option value, a 52 MB line of a file, a newline, NUL bytes), the
 * message stays one short line: at most QUOTE_MAX characters of it as shown
 * (escapes included), then an ellipsis and the whole length, so the user still
 * sees what was wrong and how big it was.
 */
import { thousands } from './thousands.js';

/** Characters of a user's text an error line shows at most. */
export const QUOTE_MAX = 60;

/**
 * The start of `text`, each character as `escape` shows it, no longer than
 * `max` characters in all; and whether all of `text` fit. Never splits a
 * character made of two UTF-16 units, nor an escape.
 */
function shown(text: string, max: number, escape: (ch: string) => string): { text: string; whole: boolean } {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const piece = escape(ch);
    if (out.length + piece.length > max) return { text: out, whole: false };
    out += piece;
    used += ch.length;
  }
  return { text: out, whole: used === text.length };
}

function tail(text: string, whole: boolean): string {
  return whole ? '' : `… (${thousands(text.length)} characters)`;
}

/** JSON's escape of one character (quotes, backslashes, control characters). */
const jsonEscape = (ch: string): string => JSON.stringify(ch).slice(1, -1);

/** Only control characters escaped: a file name stays as typed, but cannot break the line. */
const controlEscape = (ch: string): string =>
  /[\u0000-\u001f\u007f]/.test(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;

/** `text` in double quotes, escaped as JSON (so it is one line), cut to `max` characters: `"abc…"… (131,072 characters)`. */
export function quote(text: string, max = QUOTE_MAX): string {
  const s = shown(text, max, jsonEscape);
  return `"${s.text}"${tail(text, s.whole)}`;
}

/** `text` bare (a file name, an option as typed), cut to `max` characters the same way. */
export function clip(text: string, max = QUOTE_MAX): string {
  const s = shown(text, max, controlEscape);
  return `${s.text}${tail(text, s.whole)}`;
}
