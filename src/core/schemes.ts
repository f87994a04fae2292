import type { RandomState } from './rng.js';

/**
 * An initialization scheme fills one layer's weight matrix W_l, of shape
 * (rows = n_l) × (cols = n_{l-1}), row-major. Biases always start at zero.
 * Every scheme has the same signature, and the table below is what the CLI
 * parser, the help text and the dashboard read.
 */
export type LayerFiller = (W: Float64Array, rows: number, cols: number, rng: RandomState) => void;

export interface SchemeSpec {
  readonly name: string;
  /** What the scheme does, in a few words (help text, legend). */
  readonly formula: string;
  /** What the notebook teaches with it, in plain words (the verdict line). */
  readonly lesson: string;
  /** Whether it draws random numbers (zeros does not: no seeding, no draws). */
  readonly random: boolean;
  readonly fill: LayerFiller;
}

/** Fills W with `randn(rows, cols) · scale`, as `np.random.randn(...) * scale`. */
function gaussianTimes(scaleFor: (cols: number) => number): LayerFiller {
  return (W, _rows, cols, rng) => {
    const scale = scaleFor(cols);
    for (let i = 0; i < W.length; i++) W[i] = rng.gauss() * scale;
  };
}

export const SCHEMES: Readonly<Record<string, SchemeSpec>> = {
  zeros: {
    name: 'zeros',
    formula: 'W = 0',
    lesson: 'fails to break symmetry: all units learn the same; stuck at chance',
    random: false,
    fill: (W) => W.fill(0),
  },
  random: {
    name: 'random',
    formula: 'W = randn · 10',
    lesson: 'too-large weights: starts at an infinite cost, learns slowly',
    random: true,
    fill: gaussianTimes(() => 10),
  },
  he: {
    name: 'he',
    formula: 'W = randn · sqrt(2 / n_prev)',
    lesson: 'the recommended scale for ReLU: fast, steady descent',
    random: true,
    fill: gaussianTimes((cols) => Math.sqrt(2 / cols)),
  },
  xavier: {
    name: 'xavier',
    formula: 'W = randn · sqrt(1 / n_prev)',
    lesson: 'Xavier scale, made for tanh: works, a little small for ReLU',
    random: true,
    fill: gaussianTimes((cols) => Math.sqrt(1 / cols)),
  },
  small: {
    name: 'small',
    formula: 'W = randn · 0.01',
    lesson: 'tiny weights: symmetry broken, but signals fade layer by layer',
    random: true,
    fill: gaussianTimes(() => 0.01),
  },
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
    lesson: g > 2 ? `gain ${g}: activations grow layer by layer, expect a saturated start` : `gain ${g} on the Xavier scale`,
    random: true,
    fill: gaussianTimes((cols) => g * Math.sqrt(1 / cols)),
  };
}

/**
 * A scheme by name: an entry of the table, `scale:K` or `gain:G`. Undefined when the
 * name is none of them (the caller says what is accepted).
 */
export function resolveScheme(name: string): SchemeSpec | undefined {
  if (Object.hasOwn(SCHEMES, name)) return SCHEMES[name];
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
    lesson: k >= 1 ? `weights ×${k}: large, expect a saturated start` : `weights ×${k}`,
    random: true,
    fill: gaussianTimes(() => k),
  };
}

export const DEFAULT_SCHEMES: readonly string[] = ['zeros', 'random', 'he'];

/** For help and error messages: every name, and the scale:K and gain:G families. */
export function schemeNames(): string[] {
  return [...Object.keys(SCHEMES), 'scale:K', 'gain:G'];
}
