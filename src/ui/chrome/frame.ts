/**
 * The dashboard's frame, pure: the header's lines, the footer's lines, and so
 * how many rows the view between them gets. The App draws from these numbers
 * and the mouse's hit tests read the same ones, so a header that wraps to a
 * second line moves the lanes for the eye and for the click alike.
 */
import { fit, integer } from '../../results/format.js';

/** The program's name and the gap after it, at the start of the header's first line. */
export const NAME = 'init-tui';
const NAME_GAP = '  ';

/** "7 s left", "1 min 05 s left", "2 h 05 min left". */
export function leftText(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min left`;
}

/** The race's state as the header's right end says it: "racing · pace 1,500 it/s · 7 s left". */
export function stateText(status: string, pace: number, secondsLeft: number | undefined): string {
  const left = secondsLeft !== undefined ? ` · ${leftText(secondsLeft)}` : '';
  return `${status} · pace ${pace === 0 ? 'max' : `${integer(pace)} it/s`}${left}`;
}

/**
 * As many whole parts as fit `room` columns, in order, joined with " · ", and
 * the parts left over: a part moves on, it is never cut, so "lr 0.01" never
 * reads "lr 0.0…". Only a first part too long on its own is cut.
 */
export function takeParts(parts: readonly string[], room: number): { text: string; rest: readonly string[] } {
  let text = '';
  for (let k = 0; k < parts.length; k++) {
    const next = text === '' ? parts[k]! : `${text} · ${parts[k]!}`;
    if (next.length > room)
      return text === '' ? { text: fit(parts[k]!, Math.max(0, room)), rest: parts.slice(k + 1) } : { text, rest: parts.slice(k) };
    text = next;
  }
  return { text, rest: [] };
}

/** Whole parts that fit `room` columns (takeParts' text). */
export function fitParts(parts: readonly string[], room: number): string {
  return takeParts(parts, room).text;
}

export interface HeaderLayout {
  /** The settings on the first line, after the name. */
  readonly experiment: string;
  /** The race's state, at the first line's right end, always whole. */
  readonly state: string;
  /** The settings that did not fit the first line, on a second (under the first line's settings); none when all fit. */
  readonly more?: string;
}

/**
 * The header: the name, the settings that define the race, and its state. When
 * the settings do not fit beside the state they go on to a second line rather
 * than being dropped (80 columns: the learning rate and the iterations stay).
 */
export function headerLayout(parts: readonly string[], state: string, width: number): HeaderLayout {
  const indent = NAME.length + NAME_GAP.length;
  const first = takeParts(parts, width - indent - state.length - 1);
  if (first.rest.length === 0) return { experiment: first.text, state };
  return { experiment: first.text, state, more: `${' '.repeat(indent)}${fitParts(first.rest, width - indent)}` };
}

/** Rows the header takes. */
export function headerRows(h: HeaderLayout): number {
  return h.more === undefined ? 1 : 2;
}

/** The separator between hints, and the tighter one when they would not fit otherwise. */
const SEP = ' · ';
const TIGHT = '  ';

/** Hints packed greedily into lines of `width`, with `sep` between them; a hint too wide on its own is cut. */
function pack(hints: readonly string[], width: number, sep: string): string[] {
  const lines: string[] = [];
  for (const hint of hints) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]!}${sep}${hint}`.length <= width) lines[last] = `${lines[last]!}${sep}${hint}`;
    else lines.push(hint.length > width ? fit(hint, width) : hint);
  }
  return lines;
}

/**
 * The footer's lines: every hint of the view on one line when they fit (with
 * tighter gaps if need be), else on two (80 columns: the race's pause, pace and
 * export keys stay). Only where even that does not fit do hints give way, from the end of
 * those before help and quit, which always stay.
 */
export function footerLayout(hints: readonly string[], width: number, maxLines = 2): string[] {
  if (hints.length === 0) return [''];
  // One line if it can (tighter rather than a second line), then as few lines as can be.
  for (let n = 1; n <= maxLines; n++) {
    for (const sep of [SEP, TIGHT]) {
      const lines = pack(hints, width, sep);
      if (lines.length <= n) return lines;
    }
  }
  const keep = hints.slice(-2);
  const rest = hints.slice(0, -2);
  while (rest.length > 0 && pack([...rest, ...keep], width, TIGHT).length > maxLines) rest.pop();
  return pack([...rest, ...keep], width, TIGHT).slice(0, maxLines);
}

export interface Frame {
  readonly header: HeaderLayout;
  readonly footer: readonly string[];
  /** Rows of the header, and of the view between header and footer. */
  readonly headerRows: number;
  readonly bodyRows: number;
}

/** The whole frame for a terminal of `rows`: what the header and footer say, and the rows left for the view. */
export function frameOf(parts: readonly string[], state: string, hints: readonly string[] | string, columns: number, rows: number): Frame {
  const header = headerLayout(parts, state, columns);
  // A passing notice (where the export went) is one line of text, wrapped to two at most.
  const footer = typeof hints === 'string' ? wrapNotice(hints, columns) : footerLayout(hints, columns);
  const top = headerRows(header);
  return { header, footer, headerRows: top, bodyRows: Math.max(0, rows - top - footer.length) };
}

/** A notice on at most two lines (cut only past those). */
function wrapNotice(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const rest = text.slice(width);
  return [text.slice(0, width), rest.length > width ? fit(rest, width) : rest];
}
