import type { RandomState } from './rng.js';

/**
 * A labelled 2-D data set in the notebook's layout: `x` is 2×m feature-major
 * (row 0 holds every sample's first coordinate, row 1 the second), `y` holds
 * m labels, each 0 or 1.
 */
export interface Dataset {
  readonly m: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Every data-set generator has this signature: size, noise, randomness passed in. */
export type DataGenerator = (n: number, noise: number, rng: RandomState) => Dataset;

/**
 * scikit-learn 1.x `make_circles(n, noise, factor=0.8)`: the outer circle's
 * floor(n/2) points first (label 0), then the inner circle (label 1), both at
 * angles i·2π/count; then a shuffle of the indices, then gaussian noise drawn
 * row by row (x then y of each sample).
 */
export function makeCircles(n: number, noise: number, rng: RandomState, factor = 0.8): Dataset {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const label = new Float64Array(n);
  const outStep = (2 * Math.PI) / nOut;
  for (let i = 0; i < nOut; i++) {
    const t = i * outStep;
    px[i] = Math.cos(t);
    py[i] = Math.sin(t);
  }
  const inStep = (2 * Math.PI) / nIn;
  for (let i = 0; i < nIn; i++) {
    const t = i * inStep;
    px[nOut + i] = Math.cos(t) * factor;
    py[nOut + i] = Math.sin(t) * factor;
    label[nOut + i] = 1;
  }
  return shuffleAndNoise(px, py, label, noise, rng);
}

/** sklearn's `util.shuffle(X, y)` then `X += normal(scale=noise, size=X.shape)`. */
function shuffleAndNoise(
  px: Float64Array,
  py: Float64Array,
  label: Float64Array,
  noise: number,
  rng: RandomState,
): Dataset {
  const m = px.length;
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  rng.shuffle(order);
  const x = new Float64Array(2 * m);
  const y = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const k = order[j]!;
    x[j] = px[k]!;
    x[m + j] = py[k]!;
    y[j] = label[k]!;
  }
  for (let j = 0; j < m; j++) {
    x[j] = x[j]! + rng.normal(0, noise);
    x[m + j] = x[m + j]! + rng.normal(0, noise);
  }
  return { m, x, y };
}

/** One entry of the data-set table: how to make it, and its default noise. */
export interface DatasetSpec {
  readonly name: string;
  readonly description: string;
  readonly defaultNoise: number;
  readonly generate: DataGenerator;
}

export const DATASETS: Readonly<Record<string, DatasetSpec>> = {
  circles: {
    name: 'circles',
    description: "two noisy concentric circles (scikit-learn's make_circles, factor 0.8)",
    defaultNoise: 0.05,
    generate: (n, noise, rng) => makeCircles(n, noise, rng),
  },
};

/** The notebook's split: training set from seed 1 (n=300), test set from seed 2 (n=100). */
export const TRAIN_SEED = 1;
export const TRAIN_SIZE = 300;
export const TEST_SEED = 2;
export const TEST_SIZE = 100;
