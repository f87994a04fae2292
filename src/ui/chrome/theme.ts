/**
 * Colours, as raw SGR codes so that pure functions (chart, map, progress bar)
 * can build coloured strings; Ink's <Text> passes them through. Whether there is
 * colour at all is the terminal's say (terminal.ts, capabilities).
 */

export type ColorName = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray' | 'white';

const FG: Record<ColorName, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90 };
const BG: Record<ColorName, number> = { red: 41, green: 42, yellow: 43, blue: 44, magenta: 45, cyan: 46, white: 47, gray: 100 };

/** `text` in colour `fg` (and background `bg`), or plain when colour is off. */
export function paint(text: string, color: boolean, fg?: ColorName, bg?: ColorName): string {
  if (!color || (fg === undefined && bg === undefined)) return text;
  const codes = [fg !== undefined ? FG[fg] : undefined, bg !== undefined ? BG[bg] : undefined].filter((c) => c !== undefined);
  return `\u001B[${codes.join(';')}m${text}\u001B[0m`;
}

/** The SGR code asciichart expects for a series colour. */
export function chartColor(name: ColorName): string {
  return `\u001B[${FG[name]}m`;
}

/** The notebook's three schemes get colours that match their fate; others take the rest in turn. */
const BY_SCHEME: Record<string, ColorName> = { zeros: 'red', random: 'yellow', he: 'green' };
const SPARE: ColorName[] = ['cyan', 'magenta', 'blue', 'white'];

export function schemeColor(scheme: string, index: number): ColorName {
  return BY_SCHEME[scheme] ?? SPARE[index % SPARE.length]!;
}
