/**
 * The simd kernel's WebAssembly text, generated from its memory layout
 * (layout.ts), so the module and its host (simd-kernel.ts) read every
 * address, size and the group size from one table. The text is committed as
 * kernel.wat (`npm run gen:wasm` writes it, a test checks it is current) and
 * assembled by `npm run build`.
 *
 * The template is the module as one would write it by hand; what the layout
 * decides is interpolated, and what is repeated once per sample of a group
 * (six chains, A … F) is written once and repeated by `each`.
 */
import { activateSource, activationCode, SIMD_ACTIVATIONS } from './activation-source.js';
import { expSource } from './exp-source.js';
import { expm1Source } from './expm1-source.js';
import { F64_BYTES, layoutProblems, recordAt, V128_BYTES, type SimdLayout } from './layout.js';
import { each, letter, letterSpan, locals, name, offset, shift } from './wat.js';

/** The module text of the simd kernel for this layout. */
export function simdSource(layout: SimdLayout): string {
  const problems = layoutProblems(layout);
  if (problems.length > 0) throw new RangeError(`unusable simd layout: ${problems.join('; ')}`);
  const S = layout.samples;
  const ROW = layout.rowBytes;
  const H = layout.header.fields;
  const R = layout.records.fields;
  const REC = layout.records.bytes;
  const FIRST = recordAt(layout, 1);
  const LANES = V128_BYTES / F64_BYTES;
  const F = F64_BYTES;
  const V = V128_BYTES;
  const pairs = S / LANES;
  // Sample q's row, as a load's or store's offset.
  const row = (q: number): string => offset(ROW * q);
  // A record field of the record at base; a header field.
  const field = (name: keyof typeof R, base: string): string => `(i32.load${offset(R[name])} ${base})`;
  const header = (name: keyof typeof H): string => `(i32.load (i32.const ${layout.header.at + H[name]}))`;
  const top = `(i32.add (i32.const ${layout.records.at}) (i32.mul ${header('L')} (i32.const ${REC})))`;
  // The two samples in the lanes of pair p, and their rows.
  const pairName = (p: number): string => letter(LANES * p) + letter(LANES * p + 1);
  // g + Σ_q terms(q), the sum opened S times and closed after each term, as the scalar order.
  const chain = (indent: string, first: string, term: (q: number) => string): string =>
    `${indent}${'(f64x2.add '.repeat(S).trimEnd()}\n${indent}  ${first}\n${each(S, (q) => `${indent}  ${term(q)})`)}`;

  // The inner loop of the forward and the backReLU passes (locals $<pass>_…): per term,
  // acc_q += w·splat(v_q) for every sample q, w the weight pair at pw (then pw += sb),
  // v_q the float64 at p in sample q's row (then p += 8, until p = end).
  const dotTerms = (indent: string, pass: string, acc: string, p: string): string => `${indent}(loop $terms
${indent}  (local.set $${pass}_w (v128.load (local.get $${pass}_pw)))
${each(S, (q) => `${indent}  (local.set $${pass}_${acc}${letter(q)} (f64x2.add (local.get $${pass}_${acc}${letter(q)}) (f64x2.mul (local.get $${pass}_w) (v128.load64_splat${row(q)} (local.get $${pass}_${p})))))`)}
${indent}  (local.set $${pass}_pw (i32.add (local.get $${pass}_pw) (local.get $${pass}_sb)))
${indent}  (br_if $terms (i32.ne (local.tee $${pass}_${p} (i32.add (local.get $${pass}_${p}) (i32.const ${F}))) (local.get $${pass}_end))))`;

  // The unit loop of a hidden layer's forward pass; store(q) is what goes to sample q's act row:
  // relu's max of z and 0 fused in, or z for $activate to take through φ.
  const fwUnits = (what: string, store: (q: number) => string): string => `        (loop $units
${each(S, (q) => `          (local.set $fw_acc${letter(q)} (local.get $fw_zero))`)}
          (local.set $fw_pa (local.get $fw_in))
          ;; one row of Wc per input k: the weights from k into units r and r+1
${dotTerms('          ', 'fw', 'acc', 'pa')}
          (local.set $fw_pw (i32.add (local.get $fw_pw) (local.get $fw_back)))
          (local.set $fw_b (v128.load (local.get $fw_pb)))
          ;; ${what}
${each(S, (q) => `          (v128.store${row(q)} (local.get $fw_po) ${store(q)})`)}
          (local.set $fw_pb (i32.add (local.get $fw_pb) (i32.const ${V})))
          (br_if $units (i32.ne (local.tee $fw_po (i32.add (local.get $fw_po) (i32.const ${V}))) (local.get $fw_poEnd))))`;
  const RELU = activationCode('relu');
  const SIMD_ACTIVATIONS_TEXT = SIMD_ACTIVATIONS.map((kind) => `${activationCode(kind)} ${kind}`).join(', ');
  const indent = (text: string, by: string): string => text.replace(/^/gm, by);
  // The unit loop of the backward pass through layer l's weights; store(q) is
  // dz_{l-1} of sample q from its sum s (br_pa walks act, or slope, of layer l-1).
  const brUnits = (store: (q: number) => string): string => `          (loop $units
${each(S, (q) => `            (local.set $br_s${letter(q)} (local.get $br_zero))`)}
            (local.set $br_pd (local.get $br_dz))
            ;; down the column pair (k, k+1) of Wr: one row per unit r of layer l
${dotTerms('            ', 'br', 's', 'pd')}
            (local.set $br_pw (i32.add (local.get $br_pw) (local.get $br_back)))
${each(
  S,
  (q) => `            (v128.store${row(q)} (local.get $br_po)
              ${store(q)})`,
)}
            (local.set $br_pa (i32.add (local.get $br_pa) (i32.const ${V})))
            (br_if $units (i32.ne (local.tee $br_po (i32.add (local.get $br_po) (i32.const ${V}))) (local.get $br_poEnd))))`;

  const samplesLocals: [string, string][] = [
    ['top', 'i32'],
    ['rec', 'i32'],
    ['q', 'i32'],
    ['in_sb', 'i32'],
    ['in_pairs', 'i32'],
    ['in_dst', 'i32'],
    ...Array.from({ length: S }, (_, q): [string, string] => [`in_p${letter(q)}`, 'i32']),
    ...['prev', 'pairs', 'sb', 'nk', 'back', 'pw', 'pb', 'po', 'in', 'pa', 'end', 'poEnd'].map((n): [string, string] => [`fw_${n}`, 'i32']),
    ['fw_w', 'v128'],
    ['fw_b', 'v128'],
    ['fw_zero', 'v128'],
    ...Array.from({ length: S }, (_, q): [string, string] => [`fw_acc${letter(q)}`, 'v128']),
    ['out_prev', 'i32'],
    ['out_end', 'i32'],
    ['out_pw', 'i32'],
    ['out_pa', 'i32'],
    ['out_w', 'v128'],
    ['out_b', 'v128'],
    ['out_one', 'v128'],
    ...Array.from({ length: pairs }, (_, p): [string, string] => [`out_z${pairName(p)}`, 'v128']),
    ['out_out', 'i32'],
    ['out_y', 'i32'],
    ['out_pd', 'i32'],
    ...['prev', 'pairs', 'sb', 'nr', 'back', 'pw', 'dz', 'pd', 'pa', 'po', 'end', 'poEnd'].map((n): [string, string] => [`br_${n}`, 'i32']),
    ['br_w', 'v128'],
    ['br_zero', 'v128'],
    ['br_one', 'v128'],
    ...Array.from({ length: S }, (_, q): [string, string] => [`br_s${letter(q)}`, 'v128']),
    ...['prev', 'pairs', 'rowBytes', 'end', 'dz', 'dzEnd', 'pg0', 'pg', 'pd', 'pa', 'ph'].map((n): [string, string] => [`gr_${n}`, 'i32']),
    ...Array.from({ length: S }, (_, q): [string, string] => [`gr_a${letter(q)}`, 'v128']),
  ];

  return `;; Generated by \`npm run gen:wasm\` from src/core/wasm/simd-source.ts and the
;; layout table src/core/wasm/layout.ts: edit those, not this file.
;;
;; The simd training kernel: one full-batch gradient-descent step of a
;; network of relu, leaky-relu, tanh, sigmoid, linear or selu hidden layers
;; and a sigmoid output (\`step\`'s act: ${SIMD_ACTIVATIONS_TEXT}), with the hidden units of a layer two at a time in the
;; f64 lanes of an f64x2 and ${S} samples at a time, bit-identical to
;; GenericKernel and FusedKernel.
;;
;; Why the numbers are the same float64s as the scalar kernels':
;;  - Every sum is a chain of IEEE-754 binary64 additions in the scalar order:
;;    lane i of a vector only ever meets lane i of another vector (f64x2.add,
;;    f64x2.mul, f64x2.sub, f64x2.div are exact per-lane IEEE operations, as
;;    JS's + * - /), and there is no fused multiply-add, no horizontal add, no
;;    reassociation.
;;      z[r]  = (0 + W[r,0]·a[0] + W[r,1]·a[1] + …) + b[r]   units r, r+1 in the lanes
;;      dW    = 0 + dz_0·a_0 + dz_1·a_1 + …                  samples in order j = 0, 1, …
;;      da[k] = (0 + W[0,k]·dz[0] + W[1,k]·dz[1] + …)        units k, k+1 of the layer below in the lanes
;;  - ReLU is f64x2.pmax(z, 0) = (z < 0 ? 0 : z), the scalar \`if (z < 0) z = 0\`:
;;    -0 and NaN pass through. Its derivative is numpy's multiply by the
;;    mask, s·(a > 0 ? 1 : 0), which has the bits of the scalar kernels'
;;    select a > 0 ? s : s·0: s·1 = s (−0 and NaN too), and the masked side
;;    is s·0 in both (±0, or NaN for s = ±∞ or NaN).
;;  - Any other activation: the forward pass stores z, $activate takes it
;;    through the table row's φ, operation for operation (tanh and selu's expm1
;;    from $tanhvN and $expm1vN, V8's fdlibm ports; exp from $expvN), and writes
;;    φ′ to the layer's slope rows; backprop multiplies: dz = s·φ′, the
;;    row's own product (activation-source.ts says why each is the row's bits).
;;  - The output layer has one unit. Its ${S} samples go two to an f64x2
;;    (${Array.from({ length: pairs }, (_, p) => `${letter(LANES * p)} with ${letter(LANES * p + 1)}`).join(', ')}), one chain per lane, and the sigmoid
;;    1 / (1 + exp(-z)) takes its exp from $expvN, which gives lane by lane
;;    the value of $exp, V8's Math.exp algorithm operation for operation
;;    ($expv says why the vector form has the same bits).
;;  - ${S} samples (${letterSpan(S)}) go through the network together; they share the
;;    weight loads and give the CPU ${S} independent chains. (Six accumulators,
;;    the weight pair and six splats fit the 15 xmm registers V8 allocates;
;;    with eight, V8 spills an accumulator to the stack and gains nothing.)
;;    Every gradient accumulator adds sample j, then j + 1, …, j + ${S - 1}, as the
;;    scalar kernels do.
;;
;; Phantom lanes. A layer of odd width n is stored with an even stride s = n + 1;
;; the extra lane (the "pad unit") carries garbage: it may become NaN or ∞ on a
;; diverging run. It never reaches a real value, because lanes never mix and a
;; value is read as a scalar or a splat (the only way one number meets another
;; lane) only at real indices:
;;  - forward: splat(a[k]) for real k only; the pad unit's weights in the
;;    transposed copy Wc stay 0, and its output goes to the pad slot;
;;  - backward: splat(dz[r]) for real r only; gradient pairs (k, k+1) whose
;;    k+1 is the pad land in the pad column of W, read only into pad lanes.
;; Phantom samples. When m is not a multiple of ${S}, the last group runs the
;; forward and backReLU passes with phantom samples (copies of a real one),
;; which are per-sample work (their outputs go to spare slots past OUT[m - 1]);
;; the gradients of that group are accumulated one real sample at a time
;; ($grads1), so no phantom is ever added to a sum.
;; So each real value is computed by exactly the scalar kernels' operations.
;;
;; Memory (laid out by simd-kernel.ts from the same table; byte addresses, all f64 arrays):
;;   header at ${layout.header.at}:    i32 L at +${H.L}, m at +${H.m}, X at +${H.X}, Y at +${H.Y}, OUT at +${H.OUT}
;;   layer records at ${layout.records.at} + ${REC}·l, l = 0..L (layer 1's at ${FIRST}):
;;     +${R.n} n_l  +${R.s} s_l (even stride)  +${R.Wr} Wr (n_l × s_{l-1}, row-major)
;;     +${R.Wc} Wc (s_{l-1} × s_l, the transpose)  +${R.b} b (s_l)  +${R.g} g (like Wr)
;;     +${R.h} h (s_l)  +${R.act} act (sample q's row at +${ROW}·q, q = 0..${S - 1})  +${R.dz} dz (idem)
;;     +${R.slope} slope (idem; φ′ of a hidden layer, activations other than relu)
;;   X: m × s_0 inputs, sample-major (pad 0); Y: m + ${S - 1} labels; OUT: m + ${S - 1} outputs a_L
;;   (the ${S - 1} extra slots of Y and OUT serve the phantom samples).
(module
  (import ${name(layout.memory.module)} ${name(layout.memory.name)} (memory ${layout.minPages}))

${expSource(pairs)}

${expm1Source(pairs)}

${activateSource(layout)}

  ;; Gradient accumulators of layer l, sample q alone (the last m mod ${S} samples,
  ;; one at a time, in a group that phantoms fill up):
  ;;   g[r, k..k+1] = g + dz_q[r]·a_q[k..k+1];  h[r..r+1] = h + dz_q[r..r+1]
  (func $grads1 (param $rec i32) (param $q i32)
    (local $prev i32) (local $pairs i32) (local $nr i32) (local $k i32) (local $off i32)
    (local $pg i32) (local $pd i32) (local $pa i32) (local $in i32) (local $ph i32)
    (local $d v128)
    (local.set $off (i32.shl (local.get $q) (i32.const ${shift(ROW)})))
    (local.set $prev (i32.sub (local.get $rec) (i32.const ${REC})))
    (local.set $pairs (i32.shr_u ${field('s', '(local.get $prev)')} (i32.const ${shift(LANES)})))
    (local.set $nr ${field('n', '(local.get $rec)')})
    (local.set $pg ${field('g', '(local.get $rec)')})
    (local.set $pd (i32.add ${field('dz', '(local.get $rec)')} (local.get $off)))
    (local.set $in (i32.add ${field('act', '(local.get $prev)')} (local.get $off)))
    (loop $rows
      (local.set $d (v128.load64_splat (local.get $pd)))
      (local.set $pa (local.get $in))
      (local.set $k (local.get $pairs))
      (loop $cols
        (v128.store (local.get $pg)
          (f64x2.add (v128.load (local.get $pg)) (f64x2.mul (local.get $d) (v128.load (local.get $pa)))))
        (local.set $pg (i32.add (local.get $pg) (i32.const ${V})))
        (local.set $pa (i32.add (local.get $pa) (i32.const ${V})))
        (br_if $cols (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $pd (i32.add (local.get $pd) (i32.const ${F})))
      (br_if $rows (local.tee $nr (i32.sub (local.get $nr) (i32.const 1)))))
    (local.set $pairs (i32.shr_u ${field('s', '(local.get $rec)')} (i32.const ${shift(LANES)})))
    (local.set $ph ${field('h', '(local.get $rec)')})
    (local.set $pd (i32.add ${field('dz', '(local.get $rec)')} (local.get $off)))
    (loop $bias
      (v128.store (local.get $ph) (f64x2.add (v128.load (local.get $ph)) (v128.load (local.get $pd))))
      (local.set $ph (i32.add (local.get $ph) (i32.const ${V})))
      (local.set $pd (i32.add (local.get $pd) (i32.const ${V})))
      (br_if $bias (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; --------------------------------------------------------------------
  ;; Update of layer l from the accumulated gradients, which are then zeroed:
  ;;   Wr = Wr - lr·g,  b = b - lr·h;  Wc ← the transpose of Wr's real rows
  ;; --------------------------------------------------------------------
  (func $update (param $rec i32) (param $lr v128)
    (local $pairs i32) (local $nr i32) (local $k i32) (local $sb i32) (local $back i32)
    (local $pw i32) (local $pg i32) (local $pc i32) (local $ph i32) (local $pb i32)
    (local $w v128) (local $zero v128)
    (local.set $pairs (i32.shr_u ${field('s', `(i32.sub (local.get $rec) (i32.const ${REC}))`)} (i32.const ${shift(LANES)})))
    (local.set $sb (i32.shl ${field('s', '(local.get $rec)')} (i32.const ${shift(F)})))
    ;; from the bottom of column r of Wc back to the top of column r + 1
    (local.set $back (i32.sub (i32.const ${F}) (i32.mul (local.get $pairs) (i32.shl (local.get $sb) (i32.const ${shift(LANES)})))))
    (local.set $nr ${field('n', '(local.get $rec)')})
    (local.set $pw ${field('Wr', '(local.get $rec)')})
    (local.set $pg ${field('g', '(local.get $rec)')})
    (local.set $pc ${field('Wc', '(local.get $rec)')})
    (loop $rows
      (local.set $k (local.get $pairs))
      (loop $cols
        (local.set $w (f64x2.sub (v128.load (local.get $pw)) (f64x2.mul (local.get $lr) (v128.load (local.get $pg)))))
        (v128.store (local.get $pw) (local.get $w))
        (v128.store (local.get $pg) (local.get $zero))
        ;; Wc[k, r] and Wc[k+1, r]
        (f64.store (local.get $pc) (f64x2.extract_lane 0 (local.get $w)))
        (f64.store (i32.add (local.get $pc) (local.get $sb)) (f64x2.extract_lane 1 (local.get $w)))
        (local.set $pw (i32.add (local.get $pw) (i32.const ${V})))
        (local.set $pg (i32.add (local.get $pg) (i32.const ${V})))
        (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $sb) (i32.const ${shift(LANES)}))))
        (br_if $cols (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $pc (i32.add (local.get $pc) (local.get $back)))
      (br_if $rows (local.tee $nr (i32.sub (local.get $nr) (i32.const 1)))))
    (local.set $pairs (i32.shr_u ${field('s', '(local.get $rec)')} (i32.const ${shift(LANES)})))
    (local.set $pb ${field('b', '(local.get $rec)')})
    (local.set $ph ${field('h', '(local.get $rec)')})
    (loop $bias
      (v128.store (local.get $pb) (f64x2.sub (v128.load (local.get $pb)) (f64x2.mul (local.get $lr) (v128.load (local.get $ph)))))
      (v128.store (local.get $ph) (local.get $zero))
      (local.set $pb (i32.add (local.get $pb) (i32.const ${V})))
      (local.set $ph (i32.add (local.get $ph) (i32.const ${V})))
      (br_if $bias (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; --------------------------------------------------------------------
  ;; Samples j … j+count-1 (count 1..${S}): forward through the hidden layers,
  ;; the output and its delta, then back layer by layer, accumulating the
  ;; gradients sample after sample. One function: the passes are written out
  ;; here, in place, rather than called (V8 does not inline wasm calls, and
  ;; each call paid a frame, a stack check and its set-up again).
  ;; --------------------------------------------------------------------
  (func $samples (param $j i32) (param $count i32) (param $invM v128) (param $act i32) (param $leak v128)
${locals(samplesLocals, 5, '    ')}
    ;; the output layer's record
    (local.set $top ${top})
    ;; act_0 ← the inputs of samples j … j+${S - 1} (sample q's row at +${ROW}·q), a pair
    ;; of inputs at a time (X rows have the even stride s_0, the pad is 0).
    ;; Past the \`count\` real samples, the rows repeat sample j: phantoms.
    (local.set $in_pairs (i32.shr_u ${field('s', `(i32.const ${layout.records.at})`)} (i32.const ${shift(LANES)})))
    (local.set $in_sb (i32.shl ${field('s', `(i32.const ${layout.records.at})`)} (i32.const ${shift(F)})))
    (local.set $in_dst ${field('act', `(i32.const ${layout.records.at})`)})
    (local.set $in_pA (i32.add ${header('X')} (i32.mul (local.get $j) (local.get $in_sb))))
${each(S - 1, (i) => `    (local.set $in_p${letter(i + 1)} (i32.add (local.get $in_pA) (select (i32.mul (local.get $in_sb) (i32.const ${i + 1})) (i32.const 0) (i32.gt_u (local.get $count) (i32.const ${i + 1})))))`)}
    (loop $k
${each(S, (q) => `      (v128.store${row(q)} (local.get $in_dst) (v128.load (local.get $in_p${letter(q)})))`)}
      (local.set $in_dst (i32.add (local.get $in_dst) (i32.const ${V})))
${each(S, (q) => `      (local.set $in_p${letter(q)} (i32.add (local.get $in_p${letter(q)}) (i32.const ${V})))`)}
      (br_if $k (local.tee $in_pairs (i32.sub (local.get $in_pairs) (i32.const 1)))))
    (local.set $rec (i32.const ${FIRST}))
    (block $fwdDone
      (loop $fwd
        (br_if $fwdDone (i32.ge_u (local.get $rec) (local.get $top)))
        ;; Hidden layer l, ${S} samples, units r, r+1 in the lanes:
        ;;   a_l[r..r+1] = relu((0 + Σ_k Wc[k, r..r+1]·a_{l-1}[k]) + b[r..r+1])
        (local.set $fw_prev (i32.sub (local.get $rec) (i32.const ${REC})))
        (local.set $fw_pairs (i32.shr_u ${field('s', '(local.get $rec)')} (i32.const ${shift(LANES)})))
        (local.set $fw_sb (i32.shl ${field('s', '(local.get $rec)')} (i32.const ${shift(F)})))
        (local.set $fw_nk ${field('n', '(local.get $fw_prev)')})
        ;; from the bottom of a Wc column pair back to the top of the next one
        (local.set $fw_back (i32.sub (i32.const ${V}) (i32.mul (local.get $fw_nk) (local.get $fw_sb))))
        (local.set $fw_pw ${field('Wc', '(local.get $rec)')})
        (local.set $fw_pb ${field('b', '(local.get $rec)')})
        (local.set $fw_po ${field('act', '(local.get $rec)')})
        (local.set $fw_in ${field('act', '(local.get $fw_prev)')})
        ;; the ends of a row of act_{l-1} and of act_l: the loops run while pa < end, po < poEnd
        (local.set $fw_end (i32.add (local.get $fw_in) (i32.shl (local.get $fw_nk) (i32.const ${shift(F)}))))
        (local.set $fw_poEnd (i32.add (local.get $fw_po) (i32.shl (local.get $fw_pairs) (i32.const ${shift(V)}))))
        (if (i32.eq (local.get $act) (i32.const ${RELU}))
          (then
${indent(
  fwUnits(
    'relu: pmax(z, 0) = z < 0 ? 0 : z',
    (q) => `(f64x2.pmax (f64x2.add (local.get $fw_acc${letter(q)}) (local.get $fw_b)) (local.get $fw_zero))`,
  ),
  '    ',
)})
          (else
${indent(
  fwUnits(
    'z, which $activate takes through φ (and φ′ to the slope rows)',
    (q) => `(f64x2.add (local.get $fw_acc${letter(q)}) (local.get $fw_b))`,
  ),
  '    ',
)}
            (call $activate (local.get $rec) (local.get $act) (f64x2.extract_lane 0 (local.get $leak)))))
        (local.set $rec (i32.add (local.get $rec) (i32.const ${REC})))
        (br $fwd)))
    ;; Output layer L (one sigmoid unit), samples j … j+${S - 1}, two samples in the
    ;; lanes of each f64x2 (${letter(0)} with ${letter(1)}, …), one chain per sample:
    ;;   a = 1 / (1 + exp(-((0 + Σ_k W[0,k]·a_{L-1}[k]) + b))),  OUT[j] = a,  dz_L = invM·(a - y)
    ;; the sums start at 0 in every lane
${each(pairs, (p) => `    (local.set $out_z${pairName(p)} (v128.const i64x2 0 0))`)}
    (local.set $out_prev (i32.sub (local.get $top) (i32.const ${REC})))
    (local.set $out_pw ${field('Wr', '(local.get $top)')})
    (local.set $out_pa ${field('act', '(local.get $out_prev)')})
    ;; the end of a row of act_{L-1}
    (local.set $out_end (i32.add (local.get $out_pa) (i32.shl ${field('n', '(local.get $out_prev)')} (i32.const ${shift(F)}))))
    (loop $terms
      (local.set $out_w (v128.load64_splat (local.get $out_pw)))
${each(
  pairs,
  (p) => `      (local.set $out_z${pairName(p)} (f64x2.add (local.get $out_z${pairName(p)}) (f64x2.mul (local.get $out_w)
        (v128.load64_lane${row(LANES * p + 1)} 1 (local.get $out_pa) (v128.load64_zero${row(LANES * p)} (local.get $out_pa))))))`,
)}
      (local.set $out_pw (i32.add (local.get $out_pw) (i32.const ${F})))
      (br_if $terms (i32.ne (local.tee $out_pa (i32.add (local.get $out_pa) (i32.const ${F}))) (local.get $out_end))))
    (local.set $out_b (v128.load64_splat ${field('b', '(local.get $top)')}))
    (local.set $out_one (f64x2.splat (f64.const 1)))
    ;; e = exp(-(z + b)) in every lane at once, then a = 1 / (1 + e)
    (call $expvN ${each(pairs, (p) => `(f64x2.neg (f64x2.add (local.get $out_z${pairName(p)}) (local.get $out_b)))`).replaceAll('\n', ' ')})
${each(pairs, (p) => `    (local.set $out_z${pairName(pairs - 1 - p)})`)}
${each(pairs, (p) => `    (local.set $out_z${pairName(p)} (f64x2.div (local.get $out_one) (f64x2.add (local.get $out_one) (local.get $out_z${pairName(p)}))))`)}
    (local.set $out_out (i32.add ${header('OUT')} (i32.shl (local.get $j) (i32.const ${shift(F)}))))
    (local.set $out_y (i32.add ${header('Y')} (i32.shl (local.get $j) (i32.const ${shift(F)}))))
    ;; OUT[j … j+${S - 1}] = a
${each(pairs, (p) => `    (v128.store${offset(V * p)} (local.get $out_out) (local.get $out_z${pairName(p)}))`)}
    ;; dz_L = invM·(a - y), lane by lane to each sample's row
    (local.set $out_pd ${field('dz', '(local.get $top)')})
${each(
  pairs,
  (
    p,
  ) => `    (local.set $out_z${pairName(p)} (f64x2.mul (local.get $invM) (f64x2.sub (local.get $out_z${pairName(p)}) (v128.load${offset(V * p)} (local.get $out_y)))))
    (v128.store64_lane${row(LANES * p)} 0 (local.get $out_pd) (local.get $out_z${pairName(p)}))
    (v128.store64_lane${row(LANES * p + 1)} 1 (local.get $out_pd) (local.get $out_z${pairName(p)}))`,
)}
    (local.set $rec (local.get $top))
    (loop $back
      (if (i32.gt_u (local.get $rec) (i32.const ${FIRST}))
        (then
          ;; Back through layer l's weights and the ReLU below it, ${S} samples,
          ;; units k, k+1 of layer l-1 in the lanes:
          ;;   s = 0 + Σ_r Wr[r, k..k+1]·dz_l[r];  dz_{l-1}[k..k+1] = s·(a_{l-1} > 0 ? 1 : 0)
          (local.set $br_one (f64x2.splat (f64.const 1)))
          (local.set $br_prev (i32.sub (local.get $rec) (i32.const ${REC})))
          (local.set $br_pairs (i32.shr_u ${field('s', '(local.get $br_prev)')} (i32.const ${shift(LANES)})))
          (local.set $br_sb (i32.shl ${field('s', '(local.get $br_prev)')} (i32.const ${shift(F)})))
          (local.set $br_nr ${field('n', '(local.get $rec)')})
          (local.set $br_back (i32.sub (i32.const ${V}) (i32.mul (local.get $br_nr) (local.get $br_sb))))
          (local.set $br_pw ${field('Wr', '(local.get $rec)')})
          (local.set $br_dz ${field('dz', '(local.get $rec)')})
          (local.set $br_pa ${field('act', '(local.get $br_prev)')})
          (local.set $br_po ${field('dz', '(local.get $br_prev)')})
          ;; the ends of a row of dz_l and of dz_{l-1}: the loops run while pd < end, po < poEnd
          (local.set $br_end (i32.add (local.get $br_dz) (i32.shl (local.get $br_nr) (i32.const ${shift(F)}))))
          (local.set $br_poEnd (i32.add (local.get $br_po) (i32.shl (local.get $br_pairs) (i32.const ${shift(V)}))))
          (if (i32.eq (local.get $act) (i32.const ${RELU}))
            (then
${indent(
  brUnits(
    (q) =>
      `(f64x2.mul (local.get $br_s${letter(q)}) (v128.and (f64x2.gt (v128.load${row(q)} (local.get $br_pa)) (local.get $br_zero)) (local.get $br_one)))`,
  ),
  '    ',
)})
            (else
              ;; dz = s·φ′, φ′ from the slope rows $activate wrote
              (local.set $br_pa ${field('slope', '(local.get $br_prev)')})
${indent(
  brUnits((q) => `(f64x2.mul (local.get $br_s${letter(q)}) (v128.load${row(q)} (local.get $br_pa)))`),
  '    ',
)}))))
      (if (i32.eq (local.get $count) (i32.const ${S}))
        (then
          ;; Gradient accumulators of layer l, the ${S} samples in order:
          ;;   g[r, k..k+1] = ((g + dz_${letter(0)}[r]·a_${letter(0)}[k..k+1]) + dz_${letter(1)}[r]·a_${letter(1)}[k..k+1]) + … + dz_${letter(S - 1)}[r]·a_${letter(S - 1)}[k..k+1]
          ;;   h[r..r+1]    = ((h + dz_${letter(0)}[r..r+1]) + dz_${letter(1)}[r..r+1]) + … + dz_${letter(S - 1)}[r..r+1]
          (local.set $gr_prev (i32.sub (local.get $rec) (i32.const ${REC})))
          ;; g is n_l rows of s_{l-1} float64s, rowBytes apart
          (local.set $gr_rowBytes (i32.shl ${field('s', '(local.get $gr_prev)')} (i32.const ${shift(F)})))
          (local.set $gr_pg0 ${field('g', '(local.get $rec)')})
          (local.set $gr_dz ${field('dz', '(local.get $rec)')})
          (local.set $gr_pa ${field('act', '(local.get $gr_prev)')})
          ;; the ends of a row of act_{l-1} and of dz_l
          (local.set $gr_end (i32.add (local.get $gr_pa) (local.get $gr_rowBytes)))
          (local.set $gr_dzEnd (i32.add (local.get $gr_dz) (i32.shl ${field('n', '(local.get $rec)')} (i32.const ${shift(F)}))))
          ;; column pair by column pair (k, k+1): the samples' a_q[k..k+1] held, down the rows r
          (loop $cols
${each(S, (q) => `            (local.set $gr_a${letter(q)} (v128.load${row(q)} (local.get $gr_pa)))`)}
            (local.set $gr_pg (local.get $gr_pg0))
            (local.set $gr_pd (local.get $gr_dz))
            (loop $rows
              (v128.store (local.get $gr_pg)
${chain('                ', '(v128.load (local.get $gr_pg))', (q) => `(f64x2.mul (v128.load64_splat${row(q)} (local.get $gr_pd)) (local.get $gr_a${letter(q)}))`)})
              (local.set $gr_pg (i32.add (local.get $gr_pg) (local.get $gr_rowBytes)))
              (br_if $rows (i32.ne (local.tee $gr_pd (i32.add (local.get $gr_pd) (i32.const ${F}))) (local.get $gr_dzEnd))))
            (local.set $gr_pg0 (i32.add (local.get $gr_pg0) (i32.const ${V})))
            (br_if $cols (i32.ne (local.tee $gr_pa (i32.add (local.get $gr_pa) (i32.const ${V}))) (local.get $gr_end))))
          (local.set $gr_pairs (i32.shr_u ${field('s', '(local.get $rec)')} (i32.const ${shift(LANES)})))
          (local.set $gr_ph ${field('h', '(local.get $rec)')})
          (local.set $gr_pd ${field('dz', '(local.get $rec)')})
          (loop $bias
            (v128.store (local.get $gr_ph)
${chain('              ', '(v128.load (local.get $gr_ph))', (q) => `(v128.load${row(q)} (local.get $gr_pd))`)})
            (local.set $gr_ph (i32.add (local.get $gr_ph) (i32.const ${V})))
            (local.set $gr_pd (i32.add (local.get $gr_pd) (i32.const ${V})))
            (br_if $bias (local.tee $gr_pairs (i32.sub (local.get $gr_pairs) (i32.const 1))))))
        (else
          (local.set $q (i32.const 0))
          (loop $each
            (call $grads1 (local.get $rec) (local.get $q))
            (br_if $each (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $count))))))
      (br_if $back (i32.ge_u (local.tee $rec (i32.sub (local.get $rec) (i32.const ${REC}))) (i32.const ${FIRST})))))

  ;; One full-batch gradient-descent step; the outputs a_L[j] are left in OUT
  ;; for the cost, which the caller computes with Math.log.
  (func (export "step") (param $lr f64) (param $act i32) (param $leak f64)
    (local $m i32) (local $j i32) (local $invM v128) (local $rec i32) (local $top i32) (local $lrv v128) (local $leakv v128)
    (local.set $m ${header('m')})
    (local.set $top ${top})
    ;; invM = 1 / m, as the scalar kernels, in both lanes
    (local.set $invM (f64x2.splat (f64.div (f64.const 1) (f64.convert_i32_u (local.get $m)))))
    (local.set $leakv (f64x2.splat (local.get $leak)))
    (block $groupsDone
      (loop $groups
        (br_if $groupsDone (i32.gt_u (i32.add (local.get $j) (i32.const ${S})) (local.get $m)))
        (call $samples (local.get $j) (i32.const ${S}) (local.get $invM) (local.get $act) (local.get $leakv))
        (local.set $j (i32.add (local.get $j) (i32.const ${S})))
        (br $groups)))
    (if (i32.lt_u (local.get $j) (local.get $m))
      (then (call $samples (local.get $j) (i32.sub (local.get $m) (local.get $j)) (local.get $invM) (local.get $act) (local.get $leakv))))
    (local.set $lrv (f64x2.splat (local.get $lr)))
    (local.set $rec (i32.const ${FIRST}))
    (loop $upd
      (call $update (local.get $rec) (local.get $lrv))
      (br_if $upd (i32.le_u (local.tee $rec (i32.add (local.get $rec) (i32.const ${REC}))) (local.get $top)))))
)
`;
}
