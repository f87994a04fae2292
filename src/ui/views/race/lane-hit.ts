/**
 * Which lane a mouse click hit, pure: the lanes panel sits under the header
 * (its top border first), one lane per row, a window of `shown` of the
 * `schemes` lanes around the selection as RunList draws it (layout.ts's windowStart).
 * `headerRows` is the frame's (frame.ts: one or two); where the layout hides the
 * lanes (a short finished race), nothing is a lane.
 */
import { windowStart } from './layout.js';

export function laneAt(
  row: number,
  headerRows: number,
  schemes: number,
  shown: number,
  selected: number,
  lanes = true,
): number | undefined {
  if (!lanes) return undefined;
  const k = row - headerRows - 1;
  if (k < 0 || k >= Math.min(shown, schemes)) return undefined;
  return windowStart(schemes, Math.min(shown, schemes), selected) + k;
}
