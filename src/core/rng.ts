/**
 * numpy's legacy `RandomState`, ported bit for bit: MT19937 with the
 * `init_genrand` seeding, `random_sample`, the polar-method gaussian with its
 * one-value cache, the masked rejection `random_interval`, and Fisher–Yates
 * `shuffle`. `np.random.seed(k); np.random.randn(...)` and
 * `new RandomState(k).randn(...)` give the same numbers.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class RandomState {
  private readonly mt = new Uint32Array(N);
  private pos = N;
  private hasGauss = false;
  private cachedGauss = 0;

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** `np.random.seed(seed)`: resets the whole state, the gaussian cache included. */
  seed(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      const x = (prev ^ (prev >>> 30)) >>> 0;
      // 1812433253·x overflows 2^53; Math.imul keeps exactly the low 32 bits.
      mt[i] = (Math.imul(1812433253, x) + i) >>> 0;
    }
    this.pos = N;
    this.hasGauss = false;
    this.cachedGauss = 0;
  }

  /** Regenerates the 624-word block (the MT19937 "twist"). */
  private twist(): void {
    const mt = this.mt;
    let k = 0;
    for (; k < N - M; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
      mt[k] = mt[k + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; k < N - 1; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
      mt[k] = mt[k + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** Next tempered 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random_sample()`: a double in [0, 1) with 53 random bits (27 + 26). */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * `standard_normal()` / `randn()`: the legacy polar (Marsaglia) method. Each
   * accepted pair (x1, x2) yields two normals; f·x2 is returned now and f·x1
   * is cached for the next call.
   */
  gauss(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const g = this.cachedGauss;
      this.cachedGauss = 0;
      return g;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.cachedGauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `normal(loc, scale)` of the legacy generator: loc + scale·gauss. */
  normal(loc: number, scale: number): number {
    return loc + scale * this.gauss();
  }

  /** `uniform(lo, hi)` of the legacy generator: lo + (hi - lo)·random_sample(). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.randomSample();
  }

  /** Fills `out` with `randn` values, in order (row-major for a matrix). */
  fillGauss(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.gauss();
    return out;
  }

  /**
   * `random_interval(max)`: a uniform integer in [0, max] by masked rejection:
   * keep the low bits under the smallest all-ones mask covering max, and
   * redraw until the value is ≤ max. (max < 2^32 only, which is all we need.)
   */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    while ((value = (this.nextUint32() & mask) >>> 0) > max);
    return value;
  }

  /** `shuffle(x)` of a 1-d array: Fisher–Yates from the end, j = random_interval(i). */
  shuffle<T extends { length: number; [i: number]: number }>(items: T): T {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}
