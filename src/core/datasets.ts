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
function shuffleAndNoise(px: Float64Array, py: Float64Array, label: Float64Array, noise: number, rng: RandomState): Dataset {
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

/**
 * scikit-learn 1.x `make_moons(n, noise)`: the upper half circle's floor(n/2)
 * points (label 0) at angles linspace(0, π, n_out) (endpoint included, the last
 * exactly π), then the lower one, shifted by (1, -0.5) (label 1); shuffle, then noise.
 */
export function makeMoons(n: number, noise: number, rng: RandomState): Dataset {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const label = new Float64Array(n);
  const angles = (count: number): Float64Array => {
    const t = new Float64Array(count);
    const step = count > 1 ? Math.PI / (count - 1) : 0;
    for (let i = 0; i < count; i++) t[i] = i * step;
    if (count > 1) t[count - 1] = Math.PI;
    return t;
  };
  const tOut = angles(nOut);
  for (let i = 0; i < nOut; i++) {
    px[i] = Math.cos(tOut[i]!);
    py[i] = Math.sin(tOut[i]!);
  }
  const tIn = angles(nIn);
  for (let i = 0; i < nIn; i++) {
    px[nOut + i] = 1 - Math.cos(tIn[i]!);
    py[nOut + i] = 1 - Math.sin(tIn[i]!) - 0.5;
    label[nOut + i] = 1;
  }
  return shuffleAndNoise(px, py, label, noise, rng);
}

/** A uniform number in [lo, hi) from our generator (TensorFlow Playground's randUniform). */
function uniform(rng: RandomState, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.randomSample();
}

/**
 * The three generators below follow TensorFlow Playground's (dataset.ts), drawn
 * from our seeded generator and scaled by 1/4 so that they fill the
 * (-1.5, 1.5)² plane the dashboard draws. Their noise is Playground's (0–0.5).
 */
const PLAYGROUND_SCALE = 0.25;

/** XOR: uniform points in the four quadrants, kept 0.3 away from the axes; label 1 where x·y ≥ 0. */
export function makeXor(n: number, noise: number, rng: RandomState): Dataset {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  const padding = 0.3;
  for (let j = 0; j < n; j++) {
    let a = uniform(rng, -5, 5);
    a += a > 0 ? padding : -padding;
    let b = uniform(rng, -5, 5);
    b += b > 0 ? padding : -padding;
    const na = uniform(rng, -5, 5) * noise;
    const nb = uniform(rng, -5, 5) * noise;
    y[j] = a * b >= 0 ? 1 : 0; // the label of the clean point, as Playground does
    x[j] = (a + na) * PLAYGROUND_SCALE;
    x[n + j] = (b + nb) * PLAYGROUND_SCALE;
  }
  return { m: n, x, y };
}

/** Two gaussian blobs at (2, 2) (label 1) and (-2, -2) (label 0); variance 0.5 + 7·noise. */
export function makeGaussian(n: number, noise: number, rng: RandomState): Dataset {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  const sd = Math.sqrt(0.5 + 7 * noise);
  const half = Math.floor(n / 2);
  for (let j = 0; j < n; j++) {
    const c = j < half ? 2 : -2;
    x[j] = (c + sd * rng.gauss()) * PLAYGROUND_SCALE;
    x[n + j] = (c + sd * rng.gauss()) * PLAYGROUND_SCALE;
    y[j] = j < half ? 1 : 0;
  }
  return { m: n, x, y };
}

/** Two interleaved spirals (label 1, then label 0 turned by π), jittered by ±noise. */
export function makeSpiral(n: number, noise: number, rng: RandomState): Dataset {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  const half = Math.floor(n / 2);
  const arms: [number, number, number, number][] = [
    [0, half, 0, 1],
    [half, n - half, Math.PI, 0],
  ];
  for (const [start, count, delta, label] of arms) {
    for (let i = 0; i < count; i++) {
      const r = (i / count) * 5;
      const t = ((1.75 * i) / count) * 2 * Math.PI + delta;
      x[start + i] = (r * Math.sin(t) + uniform(rng, -1, 1) * noise) * PLAYGROUND_SCALE;
      x[n + start + i] = (r * Math.cos(t) + uniform(rng, -1, 1) * noise) * PLAYGROUND_SCALE;
      y[start + i] = label;
    }
  }
  return { m: n, x, y };
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
  moons: {
    name: 'moons',
    description: "two interleaved half circles (scikit-learn's make_moons)",
    defaultNoise: 0.2,
    generate: makeMoons,
  },
  xor: {
    name: 'xor',
    description: 'four quadrants, opposite ones alike (TensorFlow Playground)',
    defaultNoise: 0.05,
    generate: makeXor,
  },
  gaussian: {
    name: 'gaussian',
    description: 'two gaussian blobs (TensorFlow Playground)',
    defaultNoise: 0.05,
    generate: makeGaussian,
  },
  spiral: {
    name: 'spiral',
    description: 'two interleaved spirals (TensorFlow Playground)',
    defaultNoise: 0.05,
    generate: makeSpiral,
  },
};

/** The notebook's split: training set from seed 1 (n=300), test set from seed 2 (n=100). */
export const TRAIN_SEED = 1;
export const TRAIN_SIZE = 300;
export const TEST_SEED = 2;
export const TEST_SIZE = 100;
