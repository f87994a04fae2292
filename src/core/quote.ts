/**
 * A user's text inside a one-line error message. Whatever was typed or read
 * (a 128 KB option value, a 52 MB line of a file, a newline), the message stays
 * one short line: at most QUOTE_MAX characters of it, then an ellipsis and the
 * whole length, so the user still sees what was wrong and how big it was.
 */

/** Characters of a user's text an error line shows at most. */
export const QUOTE_MAX = 60;

/** The first `max` UTF-16 units of `text`, without splitting a surrogate pair. */
function head(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function tail(text: string, max: number): string {
  return text.length <= max ? '' : `… (${text.length.toLocaleString('en-US')} characters)`;
}

/** `text` in double quotes, escaped as JSON (so it is one line), cut to `max` characters: `"abc…" (131,072 characters)`. */
export function quote(text: string, max = QUOTE_MAX): string {
  return text.length <= max ? JSON.stringify(text) : `${JSON.stringify(head(text, max))}${tail(text, max)}`;
}

/**
 * `text` bare (a file name, an option as typed), cut to `max` characters the
 * same way; control characters are escaped so that it cannot break the line.
 */
export function clip(text: string, max = QUOTE_MAX): string {
  const shown = text.length <= max ? text : head(text, max);
  const safe = shown.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${safe}${tail(text, max)}`;
}
