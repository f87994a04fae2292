/**
 * The decision boundary as numbers: the predicted class of every pixel centre
 * of the (-1.5..1.5)² plane. The dashboard's detail view draws it; a worker
 * computes a snapshot of it now and then while it trains (training-loop.ts), so
 * the main thread never runs a forward pass over a wide network to draw one.
 */
import type { Params } from '../core/network.js';
import { forward } from '../core/train.js';

export const PLANE = 1.5;

/** The side, in pixels, of a live snapshot: about the detail view's map at 120 columns (58 × 60 pixels). */
export const SNAPSHOT_SIDE = 64;

/** A snapshot of the boundary: `classes[r * cols + c]` is 0 or 1, rows top (y = +1.5) to bottom. */
export interface Boundary {
  /** The network after this many updates. */
  readonly at: number;
  readonly cols: number;
  readonly rows: number;
  readonly classes: Uint8Array;
}

/** Predicted class (0/1) of each pixel centre, rows top (y = +1.5) to bottom; cols left to right. */
export function classifyGrid(p: Params, cols: number, pixelRows: number): Uint8Array {
  const m = cols * pixelRows;
  const x = new Float64Array(2 * m);
  for (let r = 0; r < pixelRows; r++) {
    const y = PLANE - ((r + 0.5) * 2 * PLANE) / pixelRows;
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      x[k] = -PLANE + ((c + 0.5) * 2 * PLANE) / cols;
      x[m + k] = y;
    }
  }
  const a = forward(p, x, m);
  const out = new Uint8Array(m);
  for (let k = 0; k < m; k++) out[k] = a[k]! > 0.5 ? 1 : 0;
  return out;
}

/** Multiply-adds of one forward pass per point: Σ n_l · n_{l-1}. */
export function macsPerPoint(layers: readonly number[]): number {
  let macs = 0;
  for (let l = 1; l < layers.length; l++) macs += layers[l]! * layers[l - 1]!;
  return macs;
}

/**
 * Multiply-adds a snapshot may cost (~20 ms of JavaScript): a 2,10,5,1 network
 * takes 64² pixels for 0.3 M; a wide one gets fewer pixels (3 × 256 units: 12²),
 * and one too deep for even 8² gets none.
 */
export const SNAPSHOT_BUDGET = 20e6;

/** The side of a snapshot of this network within the budget, or 0 for none. */
export function snapshotSide(layers: readonly number[]): number {
  const side = Math.min(SNAPSHOT_SIDE, Math.floor(Math.sqrt(SNAPSHOT_BUDGET / Math.max(1, macsPerPoint(layers)))));
  return side >= 8 ? side : 0;
}

/** A snapshot of the network's boundary after `at` updates, or undefined when the network is too big for one. */
export function snapshot(p: Params, at: number): Boundary | undefined {
  const side = snapshotSide(p.layers);
  return side > 0 ? { at, cols: side, rows: side, classes: classifyGrid(p, side, side) } : undefined;
}

/**
 * A snapshot's classes resampled to `cols` × `pixelRows` (nearest pixel), the
 * resolution a map of that many cells draws at.
 */
export function resample(b: Boundary, cols: number, pixelRows: number): Uint8Array {
  const out = new Uint8Array(cols * pixelRows);
  for (let r = 0; r < pixelRows; r++) {
    const sr = Math.min(b.rows - 1, Math.floor(((r + 0.5) * b.rows) / pixelRows));
    for (let c = 0; c < cols; c++) {
      const sc = Math.min(b.cols - 1, Math.floor(((c + 0.5) * b.cols) / cols));
      out[r * cols + c] = b.classes[sr * b.cols + sc]!;
    }
  }
  return out;
}
