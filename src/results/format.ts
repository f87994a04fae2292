/** Number formatting shared by the plain-text mode and the dashboard. */
import { thousands } from '../core/thousands.js';

/** 0.99333 → "99.3%" (one decimal, as the notebook's accuracies read). */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—';
}

/** A cost for humans: 6 significant digits; "∞" and "NaN" spelled out. */
export function cost(c: number): string {
  if (Number.isNaN(c)) return 'NaN';
  if (c === Infinity) return '∞';
  if (c === -Infinity) return '-∞';
  if (c !== 0 && (Math.abs(c) < 1e-4 || Math.abs(c) >= 1e6)) return c.toExponential(3);
  return c.toPrecision(6);
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
