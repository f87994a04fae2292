import { wrap, wrapAtMost } from '../../chrome/wrap.js';

/** What the settings screen draws besides its fields, in the rows it has. */
export interface SettingsLayout {
  /** The blank lines between the title, the fields, the help and the command line. */
  readonly spaced: boolean;
  /** The help's lines: all of it where it fits, else the lines that do, the last cut with "…". */
  readonly help: readonly string[];
  /** The equivalent command line, wrapped (its first line starts with "As a command: "). */
  readonly command: readonly string[];
  /** The refusal of the last Enter, wrapped to the screen's width. */
  readonly error: readonly string[];
  /** Rows of the open picker (it scrolls): what it asked for, or what is left (two at least). */
  readonly picker: number;
}

/** What the form's frame and its padding take: two rows, four columns. */
const FRAME_ROWS = 2;
const FRAME_COLS = 4;

/**
 * The settings screen in `height` rows of `width` columns. Every field, the open picker (two
 * rows at least), the command line and the last refusal always show (they are what the user acts on); the blank
 * lines go first when rows run short, then the help's last lines. Each text is wrapped here, so
 * that what is counted is what is drawn: Ink squeezing a column that does not fit overlapped its
 * rows (a lost letter in the title, the noise field gone at 80×24).
 */
export function settingsLayout(o: {
  readonly width: number;
  readonly height: number;
  /** Rows of the fields. */
  readonly fieldRows: number;
  /** Rows the open picker asks for (0: none open). */
  readonly picker?: number;
  readonly help: string;
  readonly command: string;
  readonly notice?: string | undefined;
  readonly error?: string | undefined;
}): SettingsLayout {
  const inner = Math.max(10, o.width - FRAME_COLS);
  const command = wrap(`As a command: ${o.command}`, inner);
  const error = o.error === undefined ? [] : wrap(o.error, Math.max(10, o.width));
  const help = wrap(o.help, inner);
  const fixed = FRAME_ROWS + 1 + o.fieldRows + command.length + (o.notice === undefined ? 0 : 1) + error.length;
  // An open picker is what the user is acting on: it takes its rows before the help, fewer
  // (it scrolls) where the screen is short.
  const picker = o.picker ? Math.max(2, Math.min(o.picker, o.height - fixed)) : 0;
  const room = o.height - fixed - picker;
  if (room >= help.length + 3) return { spaced: true, help, command, error, picker };
  if (room >= help.length) return { spaced: false, help, command, error, picker };
  return { spaced: false, help: wrapAtMost(o.help, inner, Math.max(0, room)), command, error, picker };
}
