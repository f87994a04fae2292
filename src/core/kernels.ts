/**
 * The building blocks of forward and backward passes, as plain loops over
 * Float64Arrays. Matrices are row-major; a layer's activations are
 * units × samples, so each row is one unit over all m samples (the notebook's
 * layout). Sizes are passed in; outputs are buffers the caller owns. The
 * summation order follows numpy's: the dot product first, then the bias.
 */

/**
 * z[o×m] = W[o×n]·a[n×m] + b[o]. Each z[r, j] sums its terms k = 0, 1, … from
 * 0 and then adds the bias, as numpy does; the loops run over j innermost, so
 * a row of z accumulates in place along contiguous memory (the same additions
 * in the same order per entry: the same bits as a dot product per entry).
 */
export function affine(W: Float64Array, b: Float64Array, a: Float64Array, z: Float64Array, o: number, n: number, m: number): void {
  for (let r = 0; r < o; r++) {
    const row = r * n;
    const out = r * m;
    z.fill(0, out, out + m);
    for (let k = 0; k < n; k++) {
      const w = W[row + k]!;
      const ak = k * m;
      for (let j = 0; j < m; j++) z[out + j] = z[out + j]! + w * a[ak + j]!;
    }
    const bias = b[r]!;
    for (let j = 0; j < m; j++) z[out + j] = z[out + j]! + bias;
  }
}

/** a = 1 / (1 + e^(-z)), in place, over `len` entries. */
export function sigmoid(z: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) z[i] = 1 / (1 + Math.exp(-z[i]!));
}

/**
 * The notebook's `compute_loss`: (1/m)·nansum(-ln(a)·y + -ln(1-a)·(1-y)).
 * A term that is NaN (0·∞, e.g. a = 1 with y = 1) is skipped, as numpy's
 * `nansum` does; a +∞ term (a = 1 with y = 0) is kept, so the cost is +∞.
 *
 * One deliberate difference: when an output a is itself NaN (the weights
 * overflowed, the run diverged), the cost is NaN. nansum would skip every such
 * term and report 0, a perfect cost for a broken network; the notebook's
 * settings never reach this case.
 */
export function crossEntropy(a: Float64Array, y: Float64Array, m: number): number {
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const yj = y[j]!;
    const aj = a[j]!;
    if (aj !== aj) return NaN;
    const t = -Math.log(aj) * yj + -Math.log(1 - aj) * (1 - yj);
    if (t === t) sum += t;
  }
  return (1 / m) * sum;
}

/** dz[m] = (1/m)·(a - y): the gradient of the mean cross-entropy at the sigmoid's input. */
export function outputDelta(a: Float64Array, y: Float64Array, dz: Float64Array, m: number): void {
  const invM = 1 / m;
  for (let j = 0; j < m; j++) dz[j] = invM * (a[j]! - y[j]!);
}

/** dW[o×n] = dz[o×m]·a[n×m]ᵀ  and  db[o] = Σ_j dz[o, j] */
export function weightGrads(dz: Float64Array, a: Float64Array, dW: Float64Array, db: Float64Array, o: number, n: number, m: number): void {
  for (let r = 0; r < o; r++) {
    const dzRow = r * m;
    for (let k = 0; k < n; k++) {
      const aRow = k * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += dz[dzRow + j]! * a[aRow + j]!;
      dW[r * n + k] = s;
    }
    let s = 0;
    for (let j = 0; j < m; j++) s += dz[dzRow + j]!;
    db[r] = s;
  }
}

/**
 * da_prev[n×m] = W[o×n]ᵀ·dz[o×m]: back through the weights, each entry summing
 * over the units r = 0, 1, … from 0 (numpy's np.dot order), accumulated along
 * contiguous rows as in `affine`. The activation's `backward` then multiplies
 * by its derivative, in place (activations.ts).
 */
export function backWeights(W: Float64Array, dz: Float64Array, daPrev: Float64Array, o: number, n: number, m: number): void {
  for (let k = 0; k < n; k++) {
    const out = k * m;
    daPrev.fill(0, out, out + m);
    for (let r = 0; r < o; r++) {
      const w = W[r * n + k]!;
      const dr = r * m;
      for (let j = 0; j < m; j++) daPrev[out + j] = daPrev[out + j]! + w * dz[dr + j]!;
    }
  }
}

/** p ← p - lr·g, over `len` entries. */
export function sgd(p: Float64Array, g: Float64Array, lr: number, len: number): void {
  for (let i = 0; i < len; i++) p[i] = p[i]! - lr * g[i]!;
}
