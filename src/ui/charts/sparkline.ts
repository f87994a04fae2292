/**
 * Sparklines, zero-based: a bar's height is its value over the figure's top,
 * so 4.35 → 6.13 reads as the 40 % growth it is, not as a rocket. A zero is
 * drawn as nothing (a blank), any positive value as at least the lowest bar, a
 * non-finite one as "!". Every sparkline of one figure (a column of the why
 * view) takes the same `top` (sparkTop of all their values), so their bars compare. Pure.
 */
const BARS = '▁▂▃▄▅▆▇█';

/** The top of a figure's shared scale: the largest finite value of all its series (0 when none is positive). */
export function sparkTop(series: readonly (readonly number[])[]): number {
  let top = 0;
  for (const values of series) for (const v of values) if (Number.isFinite(v) && v > top) top = v;
  return top;
}

/** The last `width` values (older ones thinned), scaled to 0..top (default: their own largest value). */
export function sparkline(values: readonly number[], width: number, top = sparkTop([values])): string {
  if (values.length === 0 || width < 1) return '';
  const step = Math.max(1, values.length / width);
  const picked: number[] = [];
  for (let k = 0; k < Math.min(width, values.length); k++)
    picked.push(values[Math.min(values.length - 1, Math.floor((k + 1) * step) - 1)]!);
  if (!picked.some(Number.isFinite)) return '?'.repeat(picked.length);
  return picked
    .map((v) => {
      if (!Number.isFinite(v)) return '!';
      if (v <= 0 || !(top > 0)) return ' ';
      // ceil: a value just above 0 still shows as the lowest bar; the top is the full one.
      return BARS[Math.max(0, Math.min(7, Math.ceil((v / top) * 8) - 1))];
    })
    .join('');
}
