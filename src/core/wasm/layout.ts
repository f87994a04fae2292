/**
 * Where a WebAssembly kernel and its TypeScript host meet: the byte layout of
 * the memory they share, named once. The host (simd-kernel.ts) writes the
 * header and the layer records at these addresses; the generator
 * (simd-source.ts) reads the same names into the module's text, so kernel.wat
 * cannot drift from the host. A second kernel describes its own memory with a
 * table of the same shape (i32 fields at byte offsets, an array of records)
 * and its own generator.
 */

/** Bytes of one float64 (a heap index is a byte address / F64_BYTES). */
export const F64_BYTES = 8;
/** Bytes of one f64x2 (v128): two float64 lanes; SIMD arrays are aligned to it. */
export const V128_BYTES = 16;
/** Bytes of one i32 (header and record fields). */
export const I32_BYTES = 4;
/** Bytes of one WebAssembly memory page. */
export const PAGE_BYTES = 65536;

/** Named i32 fields at byte offsets from the start of their block. */
export type I32Fields<K extends string> = { readonly [name in K]: number };

/** One block of i32 fields that the host writes and the module reads. */
export interface I32Block<K extends string> {
  /** Byte address of the block (or of its first record). */
  readonly at: number;
  /** Bytes from one record to the next (the block's size when there is one). */
  readonly bytes: number;
  readonly fields: I32Fields<K>;
}

/** The simd kernel's memory: a header, one record per layer, then the arrays they point to. */
export interface SimdLayout {
  /** Where the module imports its memory from: the host instantiates it with imports[module][name]. */
  readonly memory: { readonly module: string; readonly name: string };
  /** The memory pages the module imports at least (the host never gives fewer). */
  readonly minPages: number;
  /**
   * Samples per group: the kernel takes this many samples through the network
   * at once, two to an f64x2 at the output (so even). Six because six
   * accumulators, a weight pair and six splats fit the 15 xmm registers V8
   * allocates; with eight it spills.
   */
  readonly samples: number;
  /**
   * Bytes from one sample's scratch row (act, dz) to the next's: sample q of
   * a group is at +rowBytes·q. It bounds a layer's width (rowBytes / F64_BYTES units).
   */
  readonly rowBytes: number;
  /** The run's sizes and the addresses of its data arrays (at 0 in SIMD_LAYOUT). */
  readonly header: I32Block<'L' | 'm' | 'X' | 'Y' | 'OUT'>;
  /** Layer l's record at records.at + records.bytes·l, l = 0..L (layer 0, the inputs, has only n, s, act). */
  readonly records: I32Block<'n' | 's' | 'Wr' | 'Wc' | 'b' | 'g' | 'h' | 'act' | 'dz' | 'slope'>;
}

export const SIMD_LAYOUT: SimdLayout = {
  memory: { module: 'env', name: 'memory' },
  minPages: 1,
  samples: 6,
  rowBytes: 2048,
  header: {
    at: 0,
    bytes: 64,
    fields: {
      /** the number of weight layers L (layers 0..L) */
      L: 0,
      /** the number of samples m */
      m: 4,
      /** address of X: m × s_0 inputs, sample-major, pad lanes 0 */
      X: 8,
      /** address of Y: m labels, then samples − 1 spare slots for phantom samples */
      Y: 12,
      /** address of OUT: the outputs a_L of the last step, m of them, then samples − 1 spare slots */
      OUT: 16,
    },
  },
  records: {
    at: 64,
    bytes: 48,
    fields: {
      /** n_l, the layer's width */
      n: 0,
      /** s_l, its even stride: n_l rounded up, the extra lane a pad unit */
      s: 4,
      /** address of Wr: n_l × s_{l-1} weights, row-major */
      Wr: 8,
      /** address of Wc: s_{l-1} × s_l, the transpose of Wr (pad unit's weights 0) */
      Wc: 12,
      /** address of b: s_l biases */
      b: 16,
      /** address of g: the weight gradients, shaped like Wr */
      g: 20,
      /** address of h: s_l bias gradients */
      h: 24,
      /** address of act: a group's activations, sample q's row at +rowBytes·q */
      act: 28,
      /** address of dz: a group's deltas, rows as act */
      dz: 32,
      /** address of slope: a group's φ′ of a hidden layer, rows as act (activations other than relu) */
      slope: 40,
    },
  },
};

/** Byte address of layer l's record. */
export function recordAt(layout: SimdLayout, l: number): number {
  return layout.records.at + layout.records.bytes * l;
}

/** Widest layer the layout holds: one sample's row of float64s. */
export function maxUnits(layout: SimdLayout): number {
  return layout.rowBytes / F64_BYTES;
}

/** A value for each field of a block, by name. */
export type FieldValues<B> = B extends I32Block<infer K> ? { readonly [name in K]: number } : never;

/** Writes record `index` of a block (0 for the header), each field's value at its offset. */
export function writeFields<K extends string>(
  i32: Int32Array,
  block: I32Block<K>,
  values: { readonly [name in K]: number },
  index = 0,
): void {
  const at = block.at + block.bytes * index;
  for (const name of Object.keys(block.fields) as K[]) i32[(at + block.fields[name]) / I32_BYTES] = values[name];
}

/**
 * What must hold for a layout to be usable: each block's fields distinct,
 * i32-aligned and inside the block, the records after the header, the
 * sample rows v128-aligned, a whole number of lane pairs per group.
 * Returns what is wrong, one line each (none: the layout is sound).
 */
export function layoutProblems(layout: SimdLayout): string[] {
  const problems: string[] = [];
  for (const [blockName, block] of [
    ['header', layout.header],
    ['records', layout.records],
  ] as const) {
    const offsets = Object.entries<number>(block.fields);
    for (const [name, at] of offsets) {
      if (at % I32_BYTES !== 0 || at < 0 || at + I32_BYTES > block.bytes)
        problems.push(`${blockName}.${name} at ${at} is not an aligned i32 inside ${block.bytes} bytes`);
    }
    if (new Set(offsets.map(([, at]) => at)).size !== offsets.length) problems.push(`${blockName} has two fields at one offset`);
  }
  if (layout.records.at < layout.header.at + layout.header.bytes) problems.push('the records overlap the header');
  if (layout.rowBytes % V128_BYTES !== 0 || !Number.isInteger(Math.log2(layout.rowBytes)))
    problems.push('rowBytes is not a power of two bytes of whole v128s');
  if (!Number.isInteger(layout.samples) || layout.samples < 2 || layout.samples % 2 !== 0)
    problems.push('samples is not an even count of at least 2');
  return problems;
}

/**
 * The layer kernel's memory and register tiles (layer-source.ts generates its
 * module from this table, layer-kernel.ts lays out its memory by it). Every
 * array is a stack of rows at one fixed stride: a layer's activations and
 * deltas one row per sample, its weights one row per unit (Wr) or per input
 * (Wc, the transpose), its gradients shaped like Wr. The stride is a constant
 * of the module, so every load's offset is an immediate.
 */
export interface LayerLayout {
  readonly memory: { readonly module: string; readonly name: string };
  readonly minPages: number;
  /**
   * Bytes from one row to the next. Not a power of two: at 2,048 (width 256)
   * a walk down a column (Wc's rows in the forward pass, Wr's in the
   * backward one) folds into 2 of L1's 64 sets; 2,112 = 33 cache lines moves
   * each row to the next set, so 64 consecutive rows use all 64.
   */
  readonly rowBytes: number;
  /** Forward tile: samples × output pairs per register block (Z = W·A + b). */
  readonly forward: { readonly samples: number; readonly pairs: number };
  /** Weight-gradient tile: output rows × input pairs (dW = dZ·Aᵀ, summed over every sample in registers). */
  readonly grads: { readonly rows: number; readonly pairs: number };
  /** Backward tile: samples × input pairs (dA = Wᵀ·dZ). */
  readonly back: { readonly samples: number; readonly pairs: number };
}

/**
 * Tiles of 8 accumulators, their 2 or 4 loaded vectors and a splat fit the
 * registers V8 allocates; with 9 or more (3×3, 5×2, 6×2) it spills and the
 * products halve. Measured at widths 64/128/256, 300 samples, one thread,
 * GMAC/s (forward + gradient + backward): 2×4 / 4×2 / 2×4 13.2 / 13.9 / 13.6;
 * all 2×4 11.6–13.6; all 4×2 12.1–12.7; 3×3 6.1–7.2; 6×1 9.4–9.8; 1×8
 * 5.4–5.6. Row stride 2,112 bytes against 2,048: 13.6 against 11.7 at 256.
 */
export const LAYER_LAYOUT: LayerLayout = {
  memory: { module: 'env', name: 'memory' },
  minPages: 1,
  rowBytes: 2112,
  forward: { samples: 2, pairs: 4 },
  grads: { rows: 4, pairs: 2 },
  back: { samples: 2, pairs: 4 },
};

/** Widest layer the layer layout holds (a row of float64s, rounded down to even). */
export function layerMaxUnits(layout: LayerLayout): number {
  return Math.floor(layout.rowBytes / V128_BYTES) * 2;
}

/** What must hold for a layer layout to be usable (none: it is sound). */
export function layerLayoutProblems(layout: LayerLayout): string[] {
  const problems: string[] = [];
  if (layout.rowBytes % V128_BYTES !== 0 || layout.rowBytes <= 0) problems.push('rowBytes is not a whole number of v128s');
  for (const [name, tile] of [
    ['forward', [layout.forward.samples, layout.forward.pairs]],
    ['grads', [layout.grads.rows, layout.grads.pairs]],
    ['back', [layout.back.samples, layout.back.pairs]],
  ] as const) {
    if (!tile.every((n) => Number.isInteger(n) && n >= 1 && n <= 8)) problems.push(`the ${name} tile is not 1..8 by 1..8`);
  }
  return problems;
}
