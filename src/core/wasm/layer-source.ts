/**
 * The layer kernel's WebAssembly text, generated from its layout table
 * (layout.ts LAYER_LAYOUT): the row stride and the register tiles of its three
 * products. Committed as layer.wat (`npm run gen:wasm` writes it, a test checks
 * it is current) and assembled by `npm run build`.
 *
 * The module holds only the products, layer-major over all samples:
 *   forward  Z[j, r] = (0 + Σ_k W[r, k]·A[j, k]) + b[r]     (relu's max fused in)
 *   grads    dW[r, k] = 0 + Σ_j dZ[j, r]·A[j, k];  db[r] = 0 + Σ_j dZ[j, r]
 *   back     dA[j, k] = 0 + Σ_r W[r, k]·dZ[j, r]           (relu's mask fused in)
 *   update   W = W - lr·dW, b = b - lr·db, and Wc ← Wrᵀ
 * Each tile holds rows × pairs f64x2 accumulators in registers and walks its
 * sum's index from first to last, so each entry is the generic kernel's chain
 * of additions in its order: the tiles block only over the entries computed,
 * never over a sum. Lane i of a vector only meets lane i (no FMA, no horizontal
 * add); a value meets both lanes only as a splat, and splats are taken at real
 * indices only, so the pad lane of an odd width never reaches a real value.
 */
import { F64_BYTES, layerLayoutProblems, V128_BYTES, type LayerLayout } from './layout.js';
import { each, name, offset } from './wat.js';

/**
 * The memory is imported shared (a SharedArrayBuffer), so that a second thread
 * (src/engine/layer-helper.ts) can instantiate the module on the same memory
 * and compute a block of a product's output rows: a shared memory needs a
 * maximum, and an import accepts any memory whose maximum is at most this one.
 */
export const SHARED_MAX_PAGES = 65536;

/** The module text of the layer kernel for this layout. */
export function layerSource(layout: LayerLayout): string {
  const problems = layerLayoutProblems(layout);
  if (problems.length > 0) throw new RangeError(`unusable layer layout: ${problems.join('; ')}`);
  const ROW = layout.rowBytes;
  const V = V128_BYTES;
  const F = F64_BYTES;
  const ZERO = '(v128.const f64x2 0 0)';
  const acc = (a: number, b: number): string => `$c${a}_${b}`;
  const decl = (names: string[], type: string): string => names.map((n) => `(local ${n} ${type})`).join(' ');
  const grid = (A: number, B: number): string[] => Array.from({ length: A * B }, (_, i) => acc(Math.floor(i / B), i % B));

  // Forward tile: J samples × P output pairs, the sum over the inputs k.
  const fwTile = (
    J: number,
    P: number,
  ): string => `  (func $fw${J}x${P} (param $pa i32) (param $pw i32) (param $pb i32) (param $pz i32) (param $n i32) (param $relu i32)
    ${decl(grid(J, P), 'v128')}
    ${decl(each(P, (p) => `$w${p}`).split('\n'), 'v128')} (local $s v128) (local $b v128) (local $end i32)
${grid(J, P)
  .map((c) => `    (local.set ${c} ${ZERO})`)
  .join('\n')}
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $n) (i32.const 3))))
    (loop $k
${each(P, (p) => `      (local.set $w${p} (v128.load${offset(V * p)} (local.get $pw)))`)}
${each(
  J,
  (j) => `      (local.set $s (v128.load64_splat${offset(ROW * j)} (local.get $pa)))
${each(P, (p) => `      (local.set ${acc(j, p)} (f64x2.add (local.get ${acc(j, p)}) (f64x2.mul (local.get $w${p}) (local.get $s))))`)}`,
)}
      (local.set $pw (i32.add (local.get $pw) (i32.const ${ROW})))
      (br_if $k (i32.ne (local.tee $pa (i32.add (local.get $pa) (i32.const ${F}))) (local.get $end))))
    (if (local.get $relu)
      (then
${each(
  P,
  (p) => `        (local.set $b (v128.load${offset(V * p)} (local.get $pb)))
${each(J, (j) => `        (v128.store${offset(ROW * j + V * p)} (local.get $pz) (f64x2.pmax (f64x2.add (local.get ${acc(j, p)}) (local.get $b)) ${ZERO}))`)}`,
)})
      (else
${each(
  P,
  (p) => `        (local.set $b (v128.load${offset(V * p)} (local.get $pb)))
${each(J, (j) => `        (v128.store${offset(ROW * j + V * p)} (local.get $pz) (f64x2.add (local.get ${acc(j, p)}) (local.get $b)))`)}`,
)})))`;

  // Gradient tile: R output rows × K input pairs, the sum over every sample j.
  const grTile = (R: number, K: number): string => `  (func $gr${R}x${K} (param $pd i32) (param $pa i32) (param $pg i32) (param $m i32)
    ${decl(grid(R, K), 'v128')}
    ${decl(each(K, (k) => `$a${k}`).split('\n'), 'v128')} (local $s v128)
${grid(R, K)
  .map((c) => `    (local.set ${c} ${ZERO})`)
  .join('\n')}
    (loop $j
${each(K, (k) => `      (local.set $a${k} (v128.load${offset(V * k)} (local.get $pa)))`)}
${each(
  R,
  (r) => `      (local.set $s (v128.load64_splat${offset(F * r)} (local.get $pd)))
${each(K, (k) => `      (local.set ${acc(r, k)} (f64x2.add (local.get ${acc(r, k)}) (f64x2.mul (local.get $s) (local.get $a${k}))))`)}`,
)}
      (local.set $pd (i32.add (local.get $pd) (i32.const ${ROW})))
      (local.set $pa (i32.add (local.get $pa) (i32.const ${ROW})))
      (br_if $j (local.tee $m (i32.sub (local.get $m) (i32.const 1)))))
${each(R, (r) => each(K, (k) => `    (v128.store${offset(ROW * r + V * k)} (local.get $pg) (local.get ${acc(r, k)}))`)).trimEnd()})`;

  // Backward tile: J samples × K input pairs, the sum over the output units r.
  const bkTile = (
    J: number,
    K: number,
  ): string => `  (func $bk${J}x${K} (param $pd i32) (param $pw i32) (param $po i32) (param $pact i32) (param $n i32) (param $relu i32)
    ${decl(grid(J, K), 'v128')}
    ${decl(each(K, (k) => `$w${k}`).split('\n'), 'v128')} (local $s v128) (local $end i32)
${grid(J, K)
  .map((c) => `    (local.set ${c} ${ZERO})`)
  .join('\n')}
    (local.set $end (i32.add (local.get $pd) (i32.shl (local.get $n) (i32.const 3))))
    (loop $r
${each(K, (k) => `      (local.set $w${k} (v128.load${offset(V * k)} (local.get $pw)))`)}
${each(
  J,
  (j) => `      (local.set $s (v128.load64_splat${offset(ROW * j)} (local.get $pd)))
${each(K, (k) => `      (local.set ${acc(j, k)} (f64x2.add (local.get ${acc(j, k)}) (f64x2.mul (local.get $w${k}) (local.get $s))))`)}`,
)}
      (local.set $pw (i32.add (local.get $pw) (i32.const ${ROW})))
      (br_if $r (i32.ne (local.tee $pd (i32.add (local.get $pd) (i32.const ${F}))) (local.get $end))))
    (if (local.get $relu)
      (then
        ;; numpy's d·(a > 0): s·1 = s, s·0 on the masked side (the scalar a > 0 ? d : d·0)
${each(J, (j) =>
  each(
    K,
    (k) => `        (v128.store${offset(ROW * j + V * k)} (local.get $po) (f64x2.mul (local.get ${acc(j, k)})
          (v128.bitselect (v128.const f64x2 1 1) ${ZERO} (f64x2.gt (v128.load${offset(ROW * j + V * k)} (local.get $pact)) ${ZERO}))))`,
  ),
)})
      (else
${each(J, (j) => each(K, (k) => `        (v128.store${offset(ROW * j + V * k)} (local.get $po) (local.get ${acc(j, k)}))`))})))`;

  const fw = layout.forward;
  const gr = layout.grads;
  const bk = layout.back;
  const sizes = (A: number, B: number): [number, number][] => {
    const out: [number, number][] = [];
    for (const a of new Set([A, 1])) for (const b of new Set([B, 1])) out.push([a, b]);
    return out;
  };
  // A loop nest over tiles: the outer index in blocks of OB (then 1s) up to outerEnd,
  // the inner in blocks of IB (then 1s) up to innerEnd; call(ob, ib) calls the tile.
  const tiles = (
    outer: string,
    outerEnd: string,
    OB: number,
    inner: string,
    innerEnd: string,
    IB: number,
    call: (ob: number, ib: number) => string,
  ): string => {
    const innerLoops = (ob: number): string =>
      [...new Set([IB, 1])]
        .map(
          (ib) => `          (block $done${ob}_${ib}
            (loop $next${ob}_${ib}
              (br_if $done${ob}_${ib} (i32.gt_u (i32.add (local.get ${inner}) (i32.const ${ib})) (local.get ${innerEnd})))
              ${call(ob, ib)}
              (local.set ${inner} (i32.add (local.get ${inner}) (i32.const ${ib})))
              (br $next${ob}_${ib})))`,
        )
        .join('\n');
    return [...new Set([OB, 1])]
      .map(
        (ob) => `    (block $outDone${ob}
      (loop $outNext${ob}
        (br_if $outDone${ob} (i32.gt_u (i32.add (local.get ${outer}) (i32.const ${ob})) (local.get ${outerEnd})))
        (local.set ${inner} (i32.const 0))
${innerLoops(ob)}
        (local.set ${outer} (i32.add (local.get ${outer}) (i32.const ${ob})))
        (br $outNext${ob})))`,
      )
      .join('\n');
  };
  const rowAt = (base: string, j: string): string => `(i32.add (local.get ${base}) (i32.mul (local.get ${j}) (i32.const ${ROW})))`;
  const pairAt = (base: string, p: string): string => `(i32.add ${base} (i32.shl (local.get ${p}) (i32.const 4)))`;

  return `;; Generated by \`npm run gen:wasm\` from src/core/wasm/layer-source.ts and the
;; layout table LAYER_LAYOUT in src/core/wasm/layout.ts: edit those, not this file.
;;
;; The layer kernel's products (layer-kernel.ts runs the step): every array a
;; stack of rows ${ROW} bytes apart (activations and deltas one row per sample,
;; Wr one row per unit, Wc = Wrᵀ one row per input, dW like Wr), each product
;; over all samples of one layer, in register tiles
;; (forward ${fw.samples} samples × ${fw.pairs} unit pairs, gradients ${gr.rows} rows × ${gr.pairs} input pairs,
;; backward ${bk.samples} samples × ${bk.pairs} input pairs) that each walk their whole sum in the
;; generic kernel's order: bit-identical to GenericKernel (layer-source.ts says why).
(module
  (import ${name(layout.memory.module)} ${name(layout.memory.name)} (memory ${layout.minPages} ${SHARED_MAX_PAGES} shared))

${sizes(fw.samples, fw.pairs)
  .map(([j, p]) => fwTile(j, p))
  .join('\n\n')}

${sizes(gr.rows, gr.pairs)
  .map(([r, k]) => grTile(r, k))
  .join('\n\n')}

${sizes(bk.samples, bk.pairs)
  .map(([j, k]) => bkTile(j, k))
  .join('\n\n')}

  ;; Z = Wc·A + b over m samples and the unit pairs 0..pairs-1 (relu: max(z, 0) fused)
  (func (export "forward") (param $A i32) (param $Wc i32) (param $b i32) (param $Z i32) (param $m i32) (param $n i32) (param $pairs i32) (param $relu i32)
    (local $p i32) (local $j i32)
${tiles('$p', '$pairs', fw.pairs, '$j', '$m', fw.samples, (P, J) => `(call $fw${J}x${P} ${rowAt('$A', '$j')} ${pairAt('(local.get $Wc)', '$p')} ${pairAt('(local.get $b)', '$p')} ${pairAt(rowAt('$Z', '$j'), '$p')} (local.get $n) (local.get $relu))`)})

  ;; dW = dZ·Aᵀ for the real units r < n and the input pairs 0..pairs-1; db over the unit pairs 0..outPairs-1
  (func (export "grads") (param $D i32) (param $A i32) (param $g i32) (param $h i32) (param $m i32) (param $n i32) (param $pairs i32) (param $outPairs i32)
    (local $r i32) (local $k i32) (local $j i32) (local $pd i32) (local $s v128)
${tiles('$r', '$n', gr.rows, '$k', '$pairs', gr.pairs, (R, K) => `(call $gr${R}x${K} (i32.add (local.get $D) (i32.shl (local.get $r) (i32.const 3))) ${pairAt('(local.get $A)', '$k')} ${pairAt(rowAt('$g', '$r'), '$k')} (local.get $m))`)}
    (local.set $k (i32.const 0))
    (loop $bias
      (local.set $s ${ZERO})
      (local.set $pd ${pairAt('(local.get $D)', '$k')})
      (local.set $j (local.get $m))
      (loop $j
        (local.set $s (f64x2.add (local.get $s) (v128.load (local.get $pd))))
        (local.set $pd (i32.add (local.get $pd) (i32.const ${ROW})))
        (br_if $j (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
      (v128.store ${pairAt('(local.get $h)', '$k')} (local.get $s))
      (br_if $bias (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $outPairs)))))

  ;; dA = Wrᵀ·dZ over m samples and the input pairs 0..pairs-1, the sum over the n units (relu: times the mask of act)
  (func (export "back") (param $D i32) (param $Wr i32) (param $O i32) (param $act i32) (param $m i32) (param $n i32) (param $pairs i32) (param $relu i32)
    (local $k i32) (local $j i32)
${tiles('$k', '$pairs', bk.pairs, '$j', '$m', bk.samples, (K, J) => `(call $bk${J}x${K} ${rowAt('$D', '$j')} ${pairAt('(local.get $Wr)', '$k')} ${pairAt(rowAt('$O', '$j'), '$k')} ${pairAt(rowAt('$act', '$j'), '$k')} (local.get $n) (local.get $relu))`)})

  ;; Wr = Wr - lr·g over the n rows' input pairs, b = b - lr·h over the unit pairs, then Wc[k, r] = Wr[r, k]
  (func (export "update") (param $Wr i32) (param $Wc i32) (param $g i32) (param $b i32) (param $h i32) (param $lr f64)
      (param $n i32) (param $nIn i32) (param $pairs i32) (param $outPairs i32)
    (local $r i32) (local $k i32) (local $pw i32) (local $pg i32) (local $l v128)
    (local.set $l (f64x2.splat (local.get $lr)))
    (loop $rows
      (local.set $pw ${rowAt('$Wr', '$r')})
      (local.set $pg ${rowAt('$g', '$r')})
      (local.set $k (local.get $pairs))
      (loop $cols
        (v128.store (local.get $pw) (f64x2.sub (v128.load (local.get $pw)) (f64x2.mul (local.get $l) (v128.load (local.get $pg)))))
        (local.set $pw (i32.add (local.get $pw) (i32.const ${V})))
        (local.set $pg (i32.add (local.get $pg) (i32.const ${V})))
        (br_if $cols (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (br_if $rows (i32.ne (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n))))
    (local.set $k (i32.const 0))
    (loop $bias
      (local.set $pw ${pairAt('(local.get $b)', '$k')})
      (local.set $pg ${pairAt('(local.get $h)', '$k')})
      (v128.store (local.get $pw) (f64x2.sub (v128.load (local.get $pw)) (f64x2.mul (local.get $l) (v128.load (local.get $pg)))))
      (br_if $bias (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $outPairs))))
    (local.set $r (i32.const 0))
    (loop $tr
      (local.set $k (i32.const 0))
      (loop $tc
        (f64.store (i32.add ${rowAt('$Wc', '$k')} (i32.shl (local.get $r) (i32.const 3)))
          (f64.load (i32.add ${rowAt('$Wr', '$r')} (i32.shl (local.get $k) (i32.const 3)))))
        (br_if $tc (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $nIn))))
      (br_if $tr (i32.ne (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n)))))
)
`;
}
