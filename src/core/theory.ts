/**
 * What mean-field theory predicts at initialization (SPEC §6.4–6.5; Poole et
 * al. 2016, Schoenholz et al. 2017): infinitely wide layers whose weights are
 * independent with the scheme's variances. The signal's second moment goes
 * forward as q_l = p_l · v_l · E[φ(z)²]_{z~N(0, q_{l-1})} + β_l, the
 * gradient's backward as r_l = r_{l+1} · n_{l+1} · v_{l+1} · E[φ′(z)²]_{z~N(0, q_l)}.
 * Pure: sizes, an activation's moments and the scheme's variances in, numbers out.
 */
import { activationOf, type Activation } from './activations.js';
import type { Dataset } from './datasets.js';
import type { LayerVariances, SchemeSpec } from './schemes.js';

/** SPEC §6.5, first match wins. */
export type Prediction = 'vanishing-signal' | 'exploding-signal' | 'vanishing-gradient' | 'exploding-gradient' | 'propagates';

/** Below 1/LIMIT a ratio vanishes, above LIMIT it explodes. */
export const RATIO_LIMIT = 1e3;

export interface NetworkTheory {
  /** q_0: the mean of x² over features × training points. */
  readonly inputSignal: number;
  /** q_l for l = 1..L at index l - 1 (the output layer's pre-activation last). */
  readonly signal: readonly number[];
  /**
   * r_l for the hidden layers l = 1..L-1 at index l - 1, relative to the last
   * hidden layer's (r_{L-1} = 1); NaN for the output layer, whose gradient
   * a_L - y the theory does not model.
   */
  readonly gradSignal: readonly number[];
  /** S = q_L / q_0. */
  readonly signalRatio: number;
  /** R = r_1 (1 with one hidden layer). */
  readonly gradientRatio: number;
  readonly prediction: Prediction;
}

/** q_0 = mean of x² over the `len` values of the input. */
export function inputSignal(x: Float64Array, len = x.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i]! * x[i]!;
  return s / len;
}

/**
 * q_l for l = 1..L (index l - 1), from q_0: q_1 = p_1·v_1·q_0 + β_1 (the input
 * goes in as it is), then q_l = p_l·v_l·E[φ²](q_{l-1}) + β_l.
 */
export function signalTheory(layers: readonly number[], act: Activation, variances: readonly LayerVariances[], q0: number): number[] {
  const q: number[] = [];
  for (let l = 1; l < layers.length; l++) {
    const { weight, bias } = variances[l - 1]!;
    const carried = l === 1 ? q0 : act.meanSquare(q[l - 2]!);
    q.push(layers[l - 1]! * weight * carried + bias);
  }
  return q;
}

/** r_l for the hidden layers (index l - 1), r_{L-1} = 1 going back; NaN for the output layer (see NetworkTheory). */
export function gradSignalTheory(
  layers: readonly number[],
  act: Activation,
  variances: readonly LayerVariances[],
  q: readonly number[],
): number[] {
  const L = layers.length - 1;
  const r = new Array<number>(L).fill(NaN);
  if (L < 2) return r;
  r[L - 2] = 1;
  for (let l = L - 2; l >= 1; l--) {
    // r_l = r_{l+1} · n_{l+1} · v_{l+1} · E[φ′(z)²] at z ~ N(0, q_l).
    r[l - 1] = r[l]! * layers[l + 1]! * variances[l]!.weight * act.meanSquareSlope(q[l - 1]!);
  }
  return r;
}

/** SPEC §6.5's verdict from S and R. */
export function predict(signalRatio: number, gradientRatio: number): Prediction {
  if (signalRatio < 1 / RATIO_LIMIT) return 'vanishing-signal';
  if (signalRatio > RATIO_LIMIT) return 'exploding-signal';
  if (gradientRatio < 1 / RATIO_LIMIT) return 'vanishing-gradient';
  if (gradientRatio > RATIO_LIMIT) return 'exploding-gradient';
  return 'propagates';
}

/** The whole prediction for a network of `layers`, from its activation, its layers' variances and q_0. */
export function networkTheory(layers: readonly number[], act: Activation, variances: readonly LayerVariances[], q0: number): NetworkTheory {
  const signal = signalTheory(layers, act, variances, q0);
  const gradSignal = gradSignalTheory(layers, act, variances, signal);
  const L = layers.length - 1;
  const signalRatio = signal[L - 1]! / q0;
  const gradientRatio = L >= 2 ? gradSignal[0]! : 1;
  return { inputSignal: q0, signal, gradSignal, signalRatio, gradientRatio, prediction: predict(signalRatio, gradientRatio) };
}

/** Each layer's variances under a scheme: layer l of n_l units fed by n_{l-1}, at index l - 1. */
export function schemeVariances(layers: readonly number[], scheme: SchemeSpec): LayerVariances[] {
  return layers.slice(1).map((n, i) => scheme.variances(n, layers[i]!));
}

/** The theory of a run: its network, activation (absent: relu), scheme, and training inputs. */
export function theoryOf(layers: readonly number[], activation: string | undefined, scheme: SchemeSpec, train: Dataset): NetworkTheory {
  return networkTheory(layers, activationOf(activation), schemeVariances(layers, scheme), inputSignal(train.x, layers[0]! * train.m));
}
