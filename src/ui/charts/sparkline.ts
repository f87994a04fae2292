/** A sparkline of the last `width` values (older ones thinned), scaled to their own min..max. Pure. */
const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[], width: number): string {
  if (values.length === 0 || width < 1) return '';
  const step = Math.max(1, values.length / width);
  const picked: number[] = [];
  for (let k = 0; k < Math.min(width, values.length); k++)
    picked.push(values[Math.min(values.length - 1, Math.floor((k + 1) * step) - 1)]!);
  const finite = picked.filter(Number.isFinite);
  if (finite.length === 0) return '?'.repeat(picked.length);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return picked
    .map((v) => {
      if (!Number.isFinite(v)) return '!';
      if (hi - lo <= Math.abs(hi) * 1e-12) return BARS[3];
      return BARS[Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))];
    })
    .join('');
}
