import { fit } from '../../results/format.js';

/** Words of `text` wrapped to lines of at most `width` columns (a longer word is cut). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length === 0) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l) => (l.length > width ? fit(l, width) : l));
}

/** At most `max` lines of `wrap`: where more is left, the last line takes it, cut with "…". */
export function wrapAtMost(text: string, width: number, max: number): string[] {
  const lines = wrap(text, width);
  if (lines.length <= max) return lines;
  if (max < 1) return [];
  return [...lines.slice(0, max - 1), fit(lines.slice(max - 1).join(' '), width).trimEnd()];
}
