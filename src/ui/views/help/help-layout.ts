/**
 * The help overlay's layout, pure: its keys with their descriptions wrapped to
 * the box (never cut with "…"), then the lesson line, and the window of those
 * lines that fits the height, which the overlay scrolls (↑ ↓, PgUp PgDn, Home End).
 */
import { wrap } from '../../chrome/wrap.js';
import type { View } from '../registry.js';

/** The widest the box gets: a help line stays readable, not one line across a wide terminal. */
const MAX_BOX = 92;
/** Rows of the box beside its lines: 2 borders and the title (which says where the window is). */
const FRAME_ROWS = 3;
/** Columns of the box beside its lines: 2 borders and a space of padding each side. */
const SIDE = 4;

/** What the overlay ends with, under the keys: the lesson of the view behind it. */
export function lessonOf(view: View): string {
  return view === 'sweep'
    ? 'Xavier is gain 1, He gain √2: the map shows which gains train at which depth.'
    : 'zeros never breaks symmetry; random ×10 starts at an infinite cost; He is scaled for ReLU.';
}

export interface HelpLayout {
  readonly boxWidth: number;
  /** Every line of the overlay's body: each key and its words, wrapped, then a blank and the lesson. */
  readonly lines: readonly string[];
  /** Where the lesson's lines start (after the blank). */
  readonly lessonFrom: number;
  /** How many of them show at once. */
  readonly visible: number;
  /** The largest first line (the end of the help in view), and one page's step. */
  readonly max: number;
  readonly page: number;
}

/** The box's width and its lines at `width`, and the window that a body of `height` rows shows. */
export function helpLayout(rows: readonly (readonly [string, string])[], width: number, height: number, view: View = 'race'): HelpLayout {
  const boxWidth = Math.min(width, MAX_BOX);
  const inner = Math.max(10, boxWidth - SIDE);
  const keyWidth = Math.min(Math.max(...rows.map(([k]) => k.length), 0) + 2, Math.floor(inner / 2));
  const lines: string[] = [];
  for (const [key, help] of rows) {
    // A description goes on under its own start, so the keys' column stays clear.
    const words = wrap(help, inner - keyWidth);
    words.forEach((w, k) => lines.push(`${(k === 0 ? key : '').padEnd(keyWidth)}${w}`));
    if (words.length === 0) lines.push(key);
  }
  lines.push('');
  const lessonFrom = lines.length;
  lines.push(...wrap(lessonOf(view), inner));
  const visible = Math.max(1, Math.min(lines.length, height - FRAME_ROWS));
  return { boxWidth, lines, lessonFrom, visible, max: lines.length - visible, page: Math.max(1, visible - 1) };
}

/** What the App needs to bound a scroll key: the last first line, and a page. */
export function helpScroll(
  rows: readonly (readonly [string, string])[],
  width: number,
  height: number,
  view: View,
): { max: number; page: number } {
  const { max, page } = helpLayout(rows, width, height, view);
  return { max, page };
}

/** The title's note on where the window is: "lines 1–14 of 30 · ↓ more below", or nothing when all show. */
export function scrollNote(first: number, visible: number, total: number): string {
  if (visible >= total) return '';
  const where = first === 0 ? '↓ more below' : first + visible >= total ? '↑ more above' : '↑↓ more above and below';
  return `lines ${first + 1}–${first + visible} of ${total} · ${where}`;
}
