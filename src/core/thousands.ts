/**
 * 1234567 → "1,234,567": an integer (rounded; a count, so below 2^53) with
 * its thousands grouped, as `toLocaleString('en-US')` writes it, without Intl. The first call of
 * toLocaleString loads ICU's number formatting, ~15 ms, and the help text,
 * the messages and the dashboard's first frame all format a count.
 */
export function thousands(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '-∞';
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}
