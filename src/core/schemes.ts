import type { RandomState } from './rng.js';

/**
 * An initialization scheme fills one layer: its weight matrix W_l, of shape
 * (rows = n_l) × (cols = n_{l-1}), row-major, and its biases b_l (n_l entries,
 * zero on arrival; only torch-default draws them, right after W_l). Every
 * scheme has the same signature, and the table below is what the CLI parser,
 * the help text and the dashboard read.
 */
export type LayerFiller = (W: Float64Array, b: Float64Array, rows: number, cols: number, rng: RandomState) => void;

/** The variances the scheme draws a layer's entries with (SPEC §6.4): the mean-field theory's v_l and β_l. */
export interface LayerVariances {
  /** Var(W_l entries): gaussian × s: s²; uniform(±L): L²/3; orthogonal G·Q: G² / max(n, p); zeros: 0. */
  readonly weight: number;
  /** Var(b_l entries). */
  readonly bias: number;
}

export interface SchemeSpec {
  readonly name: string;
  /** What the scheme does, in a few words (help text, legend). */
  readonly formula: string;
  /**
   * In plain words: where the formula comes from and what it does to a layer's variance — never
   * how a run will go (results/verdict.ts judges each run from its own measurements).
   */
  readonly lesson: string;
  /** Whether it draws random numbers (zeros does not: no seeding, no draws). */
  readonly random: boolean;
  readonly fill: LayerFiller;
  /** The variances of a layer of `rows` units fed by `cols`. */
  variances(rows: number, cols: number): LayerVariances;
}

/** A scheme drawing W = randn(rows, cols) · scale, as `np.random.randn(...) * scale`, b = 0. */
function gaussianTimes(scaleFor: (cols: number, rows: number) => number): Pick<SchemeSpec, 'fill' | 'variances' | 'random'> {
  return {
    random: true,
    fill: (W, _b, rows, cols, rng) => {
      const scale = scaleFor(cols, rows);
      for (let i = 0; i < W.length; i++) W[i] = rng.gauss() * scale;
    },
    variances: (rows, cols) => {
      const s = scaleFor(cols, rows);
      return { weight: s * s, bias: 0 };
    },
  };
}

/** Fills `out` with `np.random.uniform(-L, L, shape)`, row-major. */
function fillUniform(out: Float64Array, L: number, rng: RandomState): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-L, L);
}

/** A scheme drawing W = uniform(±L), b = 0. */
function uniformWithin(boundFor: (cols: number, rows: number) => number): Pick<SchemeSpec, 'fill' | 'variances' | 'random'> {
  return {
    random: true,
    fill: (W, _b, rows, cols, rng) => fillUniform(W, boundFor(cols, rows), rng),
    variances: (rows, cols) => {
      const L = boundFor(cols, rows);
      return { weight: (L * L) / 3, bias: 0 };
    },
  };
}

/**
 * Q of the QR factorization of a tall matrix A (N × K, N ≥ K, row-major), with
 * the signs that make R's diagonal positive: the unique Q, so numpy's
 * `Q, R = np.linalg.qr(A); Q * np.sign(np.diag(R))` to rounding. Householder
 * reflections H_j = I - 2·v·vᵀ / (vᵀv); Q = H_0·H_1·…·H_{K-1} applied to the
 * first K columns of the identity. Writes Q (N × K, row-major) into `Q`.
 * Columns are worked on transposed (each one contiguous), for the cache.
 */
export function orthonormalColumns(A: Float64Array, N: number, K: number, Q: Float64Array): void {
  const C = new Float64Array(K * N); // C[c·N + i] = A[i, c]
  for (let i = 0; i < N; i++) for (let c = 0; c < K; c++) C[c * N + i] = A[i * K + c]!;
  const V = new Float64Array(K * N); // reflector v_j at V[j·N + j .. j·N + N-1]
  const vv = new Float64Array(K);
  const sign = new Float64Array(K);
  const reflect = (j: number, M: Float64Array, c: number): void => {
    const s = vv[j]!;
    const v = j * N;
    const col = c * N;
    let dot = 0;
    for (let i = j; i < N; i++) dot += V[v + i]! * M[col + i]!;
    const f = (2 * dot) / s;
    for (let i = j; i < N; i++) M[col + i] = M[col + i]! - f * V[v + i]!;
  };
  for (let j = 0; j < K; j++) {
    const col = j * N;
    let norm2 = 0;
    for (let i = j; i < N; i++) norm2 += C[col + i]! * C[col + i]!;
    const norm = Math.sqrt(norm2);
    const alpha = C[col + j]!;
    // R_jj = beta = -sign(alpha)·‖x‖: alpha - beta then adds two numbers of one sign, no cancellation.
    const beta = alpha >= 0 ? -norm : norm;
    sign[j] = beta > 0 ? 1 : -1;
    for (let i = j; i < N; i++) V[col + i] = C[col + i]!;
    V[col + j] = alpha - beta;
    let s = 0;
    for (let i = j; i < N; i++) s += V[col + i]! * V[col + i]!;
    vv[j] = s;
    if (s === 0) continue; // a zero column: H_j = I
    for (let c = j; c < K; c++) reflect(j, C, c);
  }
  const E = new Float64Array(K * N); // the columns of Q, transposed
  for (let c = 0; c < K; c++) E[c * N + c] = 1;
  for (let j = K - 1; j >= 0; j--) if (vv[j]! !== 0) for (let c = j; c < K; c++) reflect(j, E, c);
  for (let i = 0; i < N; i++) for (let c = 0; c < K; c++) Q[i * K + c] = E[c * N + i]! * sign[c]!;
}

/**
 * `orthogonal:G` (SPEC §6.2): A = randn(n, p), row-major; for n < p its
 * transpose, so the QR is of a tall matrix; W = G · Q (transposed back).
 */
function orthogonalScheme(name: string, G: number): SchemeSpec {
  return {
    name,
    formula: G === 1 ? 'W = Q of QR(randn), orthonormal rows or columns' : `W = ${G} · Q of QR(randn)`,
    lesson:
      `an orthogonal matrix keeps every vector's length (rows or columns orthonormal); ` +
      `entry variance ${G === 1 ? '' : `${G}² · `}1 / max(n, n_prev)`,
    random: true,
    fill: (W, _b, rows, cols, rng) => {
      const A = new Float64Array(rows * cols);
      rng.fillGauss(A);
      const tall = rows >= cols;
      const N = tall ? rows : cols;
      const K = tall ? cols : rows;
      // Aᵀ (cols × rows) of a wide A, row-major.
      const T = tall ? A : new Float64Array(N * K);
      if (!tall) for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) T[c * rows + r] = A[r * cols + c]!;
      const Q = new Float64Array(N * K);
      orthonormalColumns(T, N, K, Q);
      if (tall) for (let i = 0; i < W.length; i++) W[i] = G * Q[i]!;
      else for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) W[r * cols + c] = G * Q[c * rows + r]!;
    },
    variances: (rows, cols) => ({ weight: (G * G) / Math.max(rows, cols), bias: 0 }),
  };
}

export const SCHEMES: Readonly<Record<string, SchemeSpec>> = {
  zeros: {
    name: 'zeros',
    formula: 'W = 0',
    lesson: 'every weight 0: the units of a layer compute the same, so their gradients are equal too',
    random: false,
    fill: (W) => W.fill(0),
    variances: () => ({ weight: 0, bias: 0 }),
  },
  random: {
    name: 'random',
    formula: 'W = randn · 10',
    lesson: "the notebook's large scale: standard normal × 10, variance 100 whatever the layer's width",
    ...gaussianTimes(() => 10),
  },
  he: {
    name: 'he',
    formula: 'W = randn · sqrt(2 / n_prev)',
    lesson: 'He et al. 2015: variance 2 / n_prev, which keeps the signal of a ReLU layer (ReLU passes half of it)',
    ...gaussianTimes((cols) => Math.sqrt(2 / cols)),
  },
  xavier: {
    name: 'xavier',
    formula: 'W = randn · sqrt(1 / n_prev)',
    lesson: 'Xavier (Glorot & Bengio 2010): variance 1 / n_prev, which keeps the signal of a linear layer; ReLU halves it',
    ...gaussianTimes((cols) => Math.sqrt(1 / cols)),
  },
  small: {
    name: 'small',
    formula: 'W = randn · 0.01',
    lesson: "standard normal × 0.01: variance 1e-4 whatever the layer's width",
    ...gaussianTimes(() => 0.01),
  },
  glorot: {
    name: 'glorot',
    formula: 'W = randn · sqrt(2 / (n_prev + n))',
    lesson: 'Glorot & Bengio: variance 2 / (n_prev + n), between keeping the forward signal (1 / n_prev) and the backward one (1 / n)',
    ...gaussianTimes((cols, rows) => Math.sqrt(2 / (cols + rows))),
  },
  'glorot-uniform': {
    name: 'glorot-uniform',
    formula: 'W = uniform(±sqrt(6 / (n_prev + n)))',
    lesson: "Keras's default: Glorot's variance 2 / (n_prev + n) from a uniform draw (a uniform(±L) has variance L² / 3)",
    ...uniformWithin((cols, rows) => Math.sqrt(6 / (cols + rows))),
  },
  'he-uniform': {
    name: 'he-uniform',
    formula: 'W = uniform(±sqrt(6 / n_prev))',
    lesson: "He's variance 2 / n_prev from a uniform draw (L² / 3 = 2 / n_prev)",
    ...uniformWithin((cols) => Math.sqrt(6 / cols)),
  },
  'torch-default': {
    name: 'torch-default',
    formula: 'W, b = uniform(±1 / sqrt(n_prev))',
    lesson: "PyTorch's nn.Linear: weights and biases uniform(±1 / sqrt(n_prev)), variance 1 / (3 · n_prev), a third of Xavier's",
    random: true,
    fill: (W, b, _rows, cols, rng) => {
      const k = 1 / Math.sqrt(cols);
      fillUniform(W, k, rng);
      fillUniform(b, k, rng);
    },
    variances: (_rows, cols) => {
      const k = 1 / Math.sqrt(cols);
      return { weight: (k * k) / 3, bias: (k * k) / 3 };
    },
  },
  orthogonal: orthogonalScheme('orthogonal', 1),
};

/** `scale:K` — randn · K for any finite K > 0, e.g. scale:0.5 or scale:3. */
const SCALE = /^scale:([+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)$/;

/** `gain:G` — randn · (G · sqrt(1 / n_prev)) for any finite G > 0: gain:1 is xavier, gain:1.414… near he. */
const GAIN = /^gain:([+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)$/;

/**
 * `gain:G`. The operation order is part of the contract with oracle/oracle.py
 * (`np.random.randn(*shape) * (G * np.sqrt(1 / n_prev))`): the scale G · sqrt(1/n_prev)
 * is rounded once, then each gaussian is multiplied by it. `randn · G · sqrt(1/n)`
 * would round twice and differ in the last bit. So gain:1 equals xavier bit for bit,
 * but gain:1.4142135623730951 is not he: fl(√2 · fl(sqrt(1/n))) ≠ fl(sqrt(2/n)) for
 * n = 2 and 10, among others.
 */
function gainScheme(name: string, g: number): SchemeSpec {
  return {
    name,
    formula: `W = randn · ${g} · sqrt(1 / n_prev)`,
    lesson: `gain ${g} on the Xavier scale: variance ${g}² / n_prev (gain 1 is Xavier, √2 He's)`,
    ...gaussianTimes((cols) => g * Math.sqrt(1 / cols)),
  };
}

/** `orthogonal:G` — G · Q for any finite G > 0. */
const ORTHOGONAL = /^orthogonal:([+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)$/;

/**
 * A scheme by name: an entry of the table, `scale:K`, `gain:G` or `orthogonal:G`.
 * Undefined when the name is none of them (the caller says what is accepted).
 */
export function resolveScheme(name: string): SchemeSpec | undefined {
  if (Object.hasOwn(SCHEMES, name)) return SCHEMES[name];
  const om = ORTHOGONAL.exec(name);
  if (om) {
    const g = Number(om[1]);
    return Number.isFinite(g) && g > 0 ? orthogonalScheme(name, g) : undefined;
  }
  const gm = GAIN.exec(name);
  if (gm) {
    const g = Number(gm[1]);
    return Number.isFinite(g) && g > 0 ? gainScheme(name, g) : undefined;
  }
  const m = SCALE.exec(name);
  if (!m) return undefined;
  const k = Number(m[1]);
  if (!Number.isFinite(k) || !(k > 0)) return undefined;
  return {
    name,
    formula: `W = randn · ${k}`,
    lesson: `standard normal × ${k}: variance ${k}² whatever the layer's width`,
    ...gaussianTimes(() => k),
  };
}

export const DEFAULT_SCHEMES: readonly string[] = ['zeros', 'random', 'he'];

/** For help and error messages: every name, and the scale:K, gain:G and orthogonal:G families. */
export function schemeNames(): string[] {
  return [...Object.keys(SCHEMES), 'scale:K', 'gain:G', 'orthogonal:G'];
}
