/**
 * Every number format of the program, one per kind of figure, shared by the
 * plain-text mode, the dashboard's views and the reports: an accuracy
 * (`percent`), a share of units (`share`), a cost (`cost`), any other figure
 * (`figure`), a duration, a count.
 */
import { thousands } from '../core/thousands.js';

/** 0.99333 → "99.3%" (one decimal, as the notebook's accuracies read). */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—';
}

/** Columns a cost takes at most (the lanes and the detail view give it this many). */
export const COST_WIDTH = 9;

/**
 * A cost for humans: 6 significant digits, fewer where leading zeros take
 * their room (0.00123457 would be 10 columns: 0.0012346), so it always fits
 * COST_WIDTH columns and is never cut with "…"; tiny and huge ones with an
 * exponent; "∞" and "NaN" spelled out.
 */
export function cost(c: number): string {
  if (Number.isNaN(c)) return 'NaN';
  if (c === Infinity) return '∞';
  if (c === -Infinity) return '-∞';
  if (c !== 0 && (Math.abs(c) < 1e-4 || Math.abs(c) >= 1e6)) return c.toExponential(3);
  for (let digits = 6; digits > 1; digits--) {
    const text = c.toPrecision(digits);
    if (text.length <= COST_WIDTH) return text;
  }
  return c.toPrecision(1);
}

/** A figure (a norm, a standard deviation, a ratio): 3 significant digits, exactly 0 as "0", tiny and huge values with an exponent. */
export function figure(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  if (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) return x.toExponential(2);
  return x.toPrecision(3);
}

/** A share (of units, of samples) as a whole percentage; a share that is not 0 never reads "0%", nor one below 1 "100%". */
export function share(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x > 0 && x < 0.005) return '<1%';
  if (x < 1 && x > 0.995) return '>99%';
  return `${Math.round(x * 100)}%`;
}

/** Seconds with a unit: "0.84 s", "12.3 s". */
export function seconds(s: number): string {
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

/** 12345.6 → "12,346". */
export function integer(n: number): string {
  return thousands(Math.round(n));
}

/** Pads or cuts `text` to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (text.length > width) return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}
