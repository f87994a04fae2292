/**
 * The dashboard's input layer, pure: what the terminal sends (one read, as
 * Ink's reader cuts it: escape sequences whole, plain text in runs) becomes a
 * list of keys, every one of them, in order. Three typed "-" are three keys;
 * seven DELs are seven backspaces; an arrow or Enter inside a burst still
 * counts; a paste is text, never keys. Escape sequences are parsed whole, and
 * the ones that mean nothing here (function keys, Alt-combinations, mouse and
 * focus reports) are dropped whole, so none of their letters or digits acts
 * as a key.
 */

export type KeyName =
  | 'char'
  | 'up' | 'down' | 'left' | 'right'
  | 'home' | 'end' | 'pageup' | 'pagedown'
  | 'return' | 'escape' | 'tab' | 'backtab' | 'backspace' | 'delete'
  | 'paste';

export interface Key {
  readonly name: KeyName;
  /** The character for 'char' (Ctrl-letter gives the letter with ctrl), the text for 'paste'; else ''. */
  readonly text: string;
  readonly ctrl: boolean;
}

/** What the parser remembers between reads: a paste in progress, or a mouse report's bytes still to skip. */
export interface InputState {
  readonly paste: string | undefined;
  readonly skip: number;
}

export const INITIAL_INPUT: InputState = { paste: undefined, skip: 0 };

const key = (name: KeyName, text = '', ctrl = false): Key => ({ name, text, ctrl });

/** Bracketed paste (DECSET 2004): the terminal wraps pasted text in these. */
export const PASTE_START = '\u001B[200~';
export const PASTE_END = '\u001B[201~';

/** CSI final bytes of the keys we know, without modifiers (ESC [ A … or ESC [ 1 ; 2 A). */
const CSI_LETTER: Readonly<Record<string, KeyName>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'backtab' };
/** ESC [ n ~ keys (VT220 style). */
const CSI_TILDE: Readonly<Record<string, KeyName>> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '5': 'pageup', '6': 'pagedown' };
/** ESC O x keys (application cursor mode). */
const SS3: Readonly<Record<string, KeyName>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };

/**
 * One escape sequence as a key, or undefined for one we ignore. Modifiers on
 * arrows and Home/End (ESC [ 1 ; 5 A) still give the arrow; a modified
 * function key (ESC [ 1 ; 5 P, Ctrl-F1) is not a key here.
 */
function escapeKey(seq: string): Key | undefined {
  if (seq === '\u001B' || seq === '\u001B\u001B') return key('escape');
  const csi = /^\u001B\[([\d;]*)([A-Za-z~])$/.exec(seq);
  if (csi) {
    const [, params = '', final = ''] = csi;
    if (final === '~') {
      const [n = '', mod] = params.split(';');
      return mod === undefined || mod === '1' ? (CSI_TILDE[n] ? key(CSI_TILDE[n]) : undefined) : undefined;
    }
    const name = CSI_LETTER[final];
    if (!name) return undefined;
    // ESC [ A, or ESC [ 1 ; m A with any modifier: still the arrow.
    return params === '' || /^1;\d+$/.test(params) ? key(name) : undefined;
  }
  const ss3 = /^\u001BO([A-Z])$/.exec(seq);
  if (ss3) {
    const name = SS3[ss3[1] ?? ''];
    return name ? key(name) : undefined;
  }
  // ESC followed by a character is Alt (meta) + that key: nothing here is bound to Alt.
  return undefined;
}

/** Plain characters, one key each: control characters name their key, printable ones are 'char'. */
function plainKeys(text: string, out: Key[]): void {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\r' || ch === '\n') out.push(key('return'));
    else if (ch === '\t') out.push(key('tab'));
    else if (ch === '\u007F' || ch === '\b') out.push(key('backspace'));
    else if (code >= 1 && code <= 26) out.push(key('char', String.fromCharCode(code + 96), true));
    else if (code < 32 || (code >= 0x80 && code < 0xa0)) continue; // other control characters mean nothing here
    else out.push(key('char', ch));
  }
}

/** Printable text only: what a paste puts into a field (line breaks, tabs and escapes removed). */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code !== 0x7f && !(code >= 0x80 && code < 0xa0)) out += ch;
  }
  return out;
}

/**
 * The keys of one read. `chunk` is either one escape sequence or a run of
 * plain text (Ink's input parser cuts reads that way); a chunk that mixes
 * them is split here too, so the function can also be fed raw reads.
 */
export function parseKeys(chunk: string, state: InputState): { keys: Key[]; state: InputState } {
  const keys: Key[] = [];
  let { paste, skip } = state;
  let i = 0;
  while (i < chunk.length) {
    if (paste !== undefined) {
      const end = chunk.indexOf(PASTE_END, i);
      if (end < 0) {
        paste += chunk.slice(i);
        break;
      }
      paste += chunk.slice(i, end);
      keys.push(key('paste', printable(paste)));
      paste = undefined;
      i = end + PASTE_END.length;
      continue;
    }
    if (skip > 0) {
      // The three raw bytes after an X10 mouse report (ESC [ M b x y) are coordinates, not keys.
      const n = Math.min(skip, chunk.length - i);
      skip -= n;
      i += n;
      continue;
    }
    const esc = chunk.indexOf('\u001B', i);
    if (esc !== i) {
      plainKeys(chunk.slice(i, esc < 0 ? chunk.length : esc), keys);
      if (esc < 0) break;
      i = esc;
      continue;
    }
    const seq = sequenceAt(chunk, i);
    i += seq.length;
    if (seq === PASTE_START) {
      paste = '';
      continue;
    }
    if (seq === '\u001B[M') {
      skip = 3;
      continue;
    }
    const k = escapeKey(seq);
    if (k) keys.push(k);
  }
  return { keys, state: { paste, skip } };
}

/** The escape sequence that starts at `i`: CSI, SS3, ESC + one character, or a lone ESC. */
function sequenceAt(s: string, i: number): string {
  const next = s[i + 1];
  if (next === '[') {
    // CSI: parameter and intermediate bytes, then one final byte in @–~.
    let j = i + 2;
    // ESC [ M is an X10 mouse report: its three data bytes follow raw.
    if (s[j] === 'M') return s.slice(i, j + 1);
    while (j < s.length && /[\x20-\x3f]/.test(s[j] ?? '')) j++;
    return s.slice(i, Math.min(s.length, j + 1));
  }
  if (next === 'O') return s.slice(i, Math.min(s.length, i + 3));
  if (next === '\u001B') {
    // ESC ESC [ A: Alt + arrow in some terminals; ESC ESC alone: a doubled Escape.
    const rest = s[i + 2] === '[' || s[i + 2] === 'O' ? sequenceAt(s, i + 1) : '\u001B';
    return rest === '\u001B' ? '\u001B\u001B' : `\u001B${rest}`;
  }
  if (next === undefined) return '\u001B';
  // ESC + one character (Alt+key): consume the character (a whole code point).
  const cp = s.codePointAt(i + 1) ?? 0;
  return s.slice(i, i + 1 + (cp > 0xffff ? 2 : 1));
}
