/**
 * The dashboard's input layer, pure: what the terminal sends (one read, as
 * Ink's reader cuts it: escape sequences whole, plain text in runs) becomes a
 * list of keys, every one of them, in order. Three typed "-" are three keys;
 * seven DELs are seven backspaces; an arrow or Enter inside a burst still
 * counts; a paste is text, never keys; an SGR mouse press or wheel step is one
 * 'mouse' key. Escape sequences are parsed whole, and the ones that mean nothing
 * here (function keys, Alt-combinations, X10 mouse reports, mouse releases and
 * drags, focus reports) are dropped whole, so none of their letters or digits
 * acts as a key.
 */

export type KeyName =
  | 'char'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backtab'
  | 'backspace'
  | 'delete'
  | 'paste'
  /** A mouse press or wheel step (SGR report); its `mouse` says which and where. */
  | 'mouse';

export interface MouseEvent {
  readonly button: 'left' | 'middle' | 'right' | 'wheelUp' | 'wheelDown';
  /** The cell, 0-based from the top-left corner of the screen. */
  readonly column: number;
  readonly row: number;
  /** What the press hit (a lane), when the dashboard's layout says so: the parser cannot know it, App fills it in. */
  readonly target?: number;
}

export interface Key {
  readonly name: KeyName;
  /** The character for 'char' (Ctrl-letter gives the letter with ctrl), the text for 'paste'; else ''. */
  readonly text: string;
  readonly ctrl: boolean;
  readonly mouse?: MouseEvent;
  /** A paste longer than MAX_PASTE: how many characters it had (`text` holds only the first MAX_PASTE of them). */
  readonly cutFrom?: number;
}

/**
 * What the parser remembers between reads: a paste in progress (its text so
 * far), a control string in progress (OSC, DCS, APC, PM, SOS: swallowed whole),
 * the bytes of a mouse report still to skip, and the last few characters of the
 * previous read, where a paste's end marker or a string's terminator may have
 * been cut in two.
 */
export interface InputState {
  readonly paste: string | undefined;
  /** Characters of the paste in progress so far, kept or not (it is cut at MAX_PASTE, and says so). */
  readonly pasted: number;
  readonly string: boolean;
  readonly skip: number;
  readonly tail: string;
}

export const INITIAL_INPUT: InputState = { paste: undefined, pasted: 0, string: false, skip: 0, tail: '' };

/** A paste keeps at most this many characters (no settings field needs more). */
export const MAX_PASTE = 4096;

const key = (name: KeyName, text = '', ctrl = false): Key => ({ name, text, ctrl });

/** The key of a whole paste: its printable text, and its length when it was cut. */
const pasteKey = (paste: string, pasted: number): Key => ({
  ...key('paste', printable(paste)),
  ...(pasted > MAX_PASTE ? { cutFrom: pasted } : {}),
});

/** Bracketed paste (DECSET 2004): the terminal wraps pasted text in these. */
export const PASTE_START = '\u001B[200~';
export const PASTE_END = '\u001B[201~';

/** CSI final bytes of the keys we know, without modifiers (ESC [ A … or ESC [ 1 ; 2 A). */
const CSI_LETTER: Readonly<Record<string, KeyName>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'backtab' };
/** ESC [ n ~ keys (VT220 style). */
const CSI_TILDE: Readonly<Record<string, KeyName>> = {
  '1': 'home',
  '7': 'home',
  '4': 'end',
  '8': 'end',
  '3': 'delete',
  '5': 'pageup',
  '6': 'pagedown',
};
/** ESC O x keys (application cursor mode). */
const SS3: Readonly<Record<string, KeyName>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };

/**
 * One escape sequence as a key, or undefined for one we ignore. Modifiers on
 * arrows and Home/End (ESC [ 1 ; 5 A) still give the arrow; a modified
 * function key (ESC [ 1 ; 5 P, Ctrl-F1) is not a key here.
 */
function escapeKey(seq: string): Key | undefined {
  if (seq === '\u001B' || seq === '\u001B\u001B') return key('escape');
  const sgr = /^\u001B\[<(\d+);(\d+);(\d+)([Mm])$/.exec(seq);
  if (sgr) return mouseKey(Number(sgr[1]), Number(sgr[2]), Number(sgr[3]), sgr[4] === 'm');
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

const BUTTONS: readonly MouseEvent['button'][] = ['left', 'middle', 'right'];

/**
 * An SGR mouse report (ESC [ < b ; x ; y M, or m for a release) as a key: a
 * press of a button or a wheel step. Releases, drags and motion are not keys
 * here; modifier bits (4 Shift, 8 Alt, 16 Ctrl) are ignored.
 */
function mouseKey(b: number, x: number, y: number, release: boolean): Key | undefined {
  if (release || (b & 32) !== 0 || x < 1 || y < 1) return undefined;
  const wheel = (b & 64) !== 0;
  const low = b & 3;
  const button = wheel ? (low === 0 ? 'wheelUp' : low === 1 ? 'wheelDown' : undefined) : BUTTONS[low];
  return button ? { name: 'mouse', text: '', ctrl: false, mouse: { button, column: x - 1, row: y - 1 } } : undefined;
}

/** Plain characters, one key each: control characters name their key, printable ones are 'char'. */
function plainKeys(text: string, out: Key[]): void {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\r' || ch === '\n') out.push(key('return'));
    else if (ch === '\t') out.push(key('tab'));
    else if (ch === '\u007F' || ch === '\b') out.push(key('backspace'));
    else if (code >= 1 && code <= 26) out.push(key('char', String.fromCharCode(code + 96), true));
    else if (code < 32 || (code >= 0x80 && code < 0xa0))
      continue; // other control characters mean nothing here
    else out.push(key('char', ch));
  }
}

/** Escape sequences inside pasted text (colours, cursor moves): removed whole, not just their ESC. */
const PASTED_ESCAPES = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|O.|.)?/gsu;

/** Printable text only: what a paste puts into a field (escape sequences, line breaks, tabs and other controls removed). */
export function printable(text: string): string {
  let out = '';
  for (const ch of text.replace(PASTED_ESCAPES, '')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code !== 0x7f && !(code >= 0x80 && code < 0xa0)) out += ch;
  }
  return out;
}

/** Control strings (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _`) run to BEL or ST (`ESC \`). */
const STRING_STARTS = new Set([']', 'P', 'X', '^', '_']);

/**
 * The keys of one read. `chunk` is either one escape sequence or a run of
 * plain text (Ink's input parser cuts reads that way); a chunk that mixes
 * them is split here too, so the function can also be fed raw reads. A paste's
 * end marker or a control string's terminator may come in the next read.
 */
export function parseKeys(chunk: string, state: InputState): { keys: Key[]; state: InputState } {
  const keys: Key[] = [];
  let { paste, pasted, string, skip } = state;
  // What may hold the first part of a marker cut by the previous read.
  let text = state.tail + chunk;
  let i = 0;
  while (i < text.length) {
    if (paste !== undefined) {
      const end = text.indexOf(PASTE_END, i);
      const upTo = end < 0 ? Math.max(i, text.length - (PASTE_END.length - 1)) : end;
      if (paste.length < MAX_PASTE) paste = (paste + text.slice(i, upTo)).slice(0, MAX_PASTE);
      pasted += upTo - i;
      if (end < 0) {
        // Keep the last characters: the end marker may be cut in two by the reads.
        return { keys, state: { paste, pasted, string, skip, tail: text.slice(upTo) } };
      }
      keys.push(pasteKey(paste, pasted));
      paste = undefined;
      pasted = 0;
      i = end + PASTE_END.length;
      continue;
    }
    if (string) {
      const bel = text.indexOf('\u0007', i);
      const st = text.indexOf('\u001B\\', i);
      const end = bel < 0 ? st : st < 0 ? bel : Math.min(bel, st);
      if (end < 0) {
        // Swallowed; an ESC at the very end may be the first half of the terminator.
        return { keys, state: { paste, pasted, string, skip, tail: text.endsWith('\u001B') ? '\u001B' : '' } };
      }
      string = false;
      i = end + (end === bel ? 1 : 2);
      continue;
    }
    if (skip > 0) {
      // The three raw bytes after an X10 mouse report (ESC [ M b x y) are coordinates, not keys.
      const n = Math.min(skip, text.length - i);
      skip -= n;
      i += n;
      continue;
    }
    const esc = text.indexOf('\u001B', i);
    if (esc !== i) {
      plainKeys(text.slice(i, esc < 0 ? text.length : esc), keys);
      if (esc < 0) break;
      i = esc;
      continue;
    }
    if (STRING_STARTS.has(text[i + 1] ?? '')) {
      string = true;
      i += 2;
      continue;
    }
    const seq = sequenceAt(text, i);
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
  text = '';
  return { keys, state: { paste, pasted, string, skip, tail: text } };
}

/**
 * After a quiet moment: a paste or a control string that never ended (a
 * terminal that dropped its end marker) must not swallow every key after it.
 * The paste so far becomes text; a control string is dropped.
 */
export function flushInput(state: InputState): { keys: Key[]; state: InputState } {
  const keys =
    state.paste !== undefined ? [pasteKey((state.paste + state.tail).slice(0, MAX_PASTE), state.pasted + state.tail.length)] : [];
  return { keys, state: INITIAL_INPUT };
}

/** Whether the parser is inside a paste or a control string (then a quiet moment ends it: flushInput). */
export function pending(state: InputState): boolean {
  return state.paste !== undefined || state.string;
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
