/**
 * The hidden activations of the simd kernel, as WebAssembly text: $activate
 * takes a hidden layer's pre-activations z in a group's act rows to
 * a = φ(z) in place and writes φ′ to its slope rows, where backprop reads it
 * (dz = s·φ′). relu is not here: the kernel fuses its max into the forward
 * store and its mask into the backward one.
 *
 * Each activation is activations.ts's row, operation for operation, on both
 * lanes of an f64x2 (lane-wise IEEE operations, as JavaScript's):
 *  - leaky-relu: a = z > 0 ? z : A·z; φ′ = z > 0 ? 1 : A, so s·φ′ is the
 *    row's a > 0 ? s : s·A (a > 0 exactly where z > 0, as A > 0; s·1 = s);
 *  - tanh: a = $tanhvN(z) (Math.tanh's bits, expm1-source.ts); φ′ = 1 - a·a;
 *  - sigmoid: a = 1 / (1 + $expvN(-z)) (Math.exp's bits, exp-source.ts); φ′ = a·(1 - a).
 *    Lanes with |z| < 2^-28 give $expvN -1 instead and take $exp's 1 + (-z)
 *    here, so that a group's zeros (the pad unit of an odd layer starts at 0)
 *    do not send it to the scalar exp;
 *  - linear: a = z; φ′ = 1 (s·1 = s);
 *  - selu: a = λ·(z > 0 ? z : α·expm1(min(z, 0))) with $expm1negN ($expm1vN for x <= 0);
 *    φ′ = λ·(z > 0 ? 1 : α·exp(min(z, 0))) with $expvN. f64x2.min is Math.min
 *    here (min(-0, 0) = -0, NaN stays NaN). The lanes where z > 0 or
 *    |min(z, 0)| < 2^-28 give $expvN -1 instead (in its vector range; their
 *    exp is not used or is $exp's 1 + x, taken here), so a group's positive
 *    units do not send it to the scalar exp.
 * The ops' order and constants are the table's: the tests hold every lane to
 * GenericKernel bit for bit.
 */
import { SELU_ALPHA, SELU_LAMBDA } from '../activations.js';
import { F64_BYTES, V128_BYTES, type SimdLayout } from './layout.js';
import { each, letter, offset, shift } from './wat.js';

/** The kinds of hidden activation the module trains, by the code the host passes to `step` (its index). */
export const SIMD_ACTIVATIONS = ['relu', 'leaky-relu', 'tanh', 'sigmoid', 'linear', 'selu'] as const;
export type SimdActivation = (typeof SIMD_ACTIVATIONS)[number];

/** The code of a kind of activation. */
export function activationCode(kind: SimdActivation): number {
  return SIMD_ACTIVATIONS.indexOf(kind);
}

/** The $activate function for this layout. */
export function activateSource(layout: SimdLayout): string {
  const S = layout.samples;
  const ROW = layout.rowBytes;
  const R = layout.records.fields;
  const V = V128_BYTES;
  const pairs = S / (V128_BYTES / F64_BYTES);
  const row = (q: number): string => offset(ROW * q);
  const field = (name: keyof typeof R): string => `(i32.load${offset(R[name])} (local.get $rec))`;
  const z = (q: number): string => `(local.get $z${letter(q)})`;
  const load = each(S, (q) => `        (local.set $z${letter(q)} (v128.load${row(q)} (local.get $pa)))`);
  // Stores a_q and φ′_q for every sample, a_q and φ′_q given as text.
  const store = (a: (q: number) => string, slope: (q: number) => string): string =>
    `${each(S, (q) => `        (v128.store${row(q)} (local.get $pa) ${a(q)})`)}\n${each(S, (q) => `        (v128.store${row(q)} (local.get $ps) ${slope(q)})`)}`;
  // The group's S vectors through fn (one of the N-vector functions), `pairs` at a time, into $<into>_q.
  const callAll = (fn: string, arg: (q: number) => string, into: string): string =>
    each(
      S / pairs,
      (c) => `        (call ${fn} ${each(pairs, (i) => arg(c * pairs + i)).replaceAll('\n', ' ')})
${each(pairs, (i) => `        (local.set $${into}${letter(c * pairs + pairs - 1 - i)})`)}`,
    );
  const expAll = (arg: (q: number) => string): string => callAll('$expvN', arg, 'e');
  const loop = (body: string): string => `      (loop $pos
${load}
${body}
        (local.set $ps (i32.add (local.get $ps) (i32.const ${V})))
        (br_if $pos (i32.ne (local.tee $pa (i32.add (local.get $pa) (i32.const ${V}))) (local.get $end))))`;
  const gt0 = (q: number): string => `(f64x2.gt ${z(q)} (local.get $zero))`;

  const cases: [SimdActivation, string][] = [
    [
      'leaky-relu',
      loop(
        store(
          (q) => `(v128.bitselect ${z(q)} (f64x2.mul (local.get $leak) ${z(q)}) ${gt0(q)})`,
          (q) => `(v128.bitselect (local.get $one) (local.get $leak) ${gt0(q)})`,
        ),
      ),
    ],
    [
      'tanh',
      loop(`${callAll('$tanhvN', z, 'z')}
${store(z, (q) => `(f64x2.sub (local.get $one) (f64x2.mul ${z(q)} ${z(q)}))`)}`),
    ],
    [
      'sigmoid',
      loop(`${each(S, (q) => `        (local.set $tiny${letter(q)} (f64x2.lt (f64x2.abs ${z(q)}) (local.get $tinyExp)))`)}
${expAll((q) => `(v128.bitselect (local.get $minus1) (f64x2.neg ${z(q)}) (local.get $tiny${letter(q)}))`)}
${each(
  S,
  (q) => `        (local.set $z${letter(q)} (f64x2.div (local.get $one) (f64x2.add (local.get $one)
          (v128.bitselect (f64x2.add (local.get $one) (f64x2.neg ${z(q)})) (local.get $e${letter(q)}) (local.get $tiny${letter(q)})))))`,
)}
${store(z, (q) => `(f64x2.mul ${z(q)} (f64x2.sub (local.get $one) ${z(q)}))`)}`),
    ],
    ['linear', loop(store(z, () => '(local.get $one)'))],
    [
      'selu',
      loop(`${each(
        S,
        (q) => `        (local.set $w${letter(q)} (f64x2.min ${z(q)} (local.get $zero)))
        (local.set $tiny${letter(q)} (f64x2.lt (f64x2.abs (local.get $w${letter(q)})) (local.get $tinyExp)))`,
      )}
${expAll((q) => `(v128.bitselect (local.get $minus1) (local.get $w${letter(q)}) (v128.or ${gt0(q)} (local.get $tiny${letter(q)})))`)}
${callAll('$expm1negN', (q) => `(local.get $w${letter(q)})`, 'm')}
${store(
  (q) => `(f64x2.mul (local.get $lambda) (v128.bitselect ${z(q)} (f64x2.mul (local.get $alpha) (local.get $m${letter(q)})) ${gt0(q)}))`,
  (q) => `(f64x2.mul (local.get $lambda) (v128.bitselect (local.get $one)
          (f64x2.mul (local.get $alpha) (v128.bitselect (f64x2.add (local.get $one) (local.get $w${letter(q)})) (local.get $e${letter(q)}) (local.get $tiny${letter(q)})))
          ${gt0(q)}))`,
)}`),
    ],
  ];
  let dispatch = '      (unreachable)';
  for (const [kind, text] of [...cases].reverse()) {
    dispatch = `    (if (i32.eq (local.get $act) (i32.const ${activationCode(kind)}))
      (then
${text})
      (else
${dispatch.replace(/^/gm, '  ')}))`;
  }

  const perSample = (prefix: string): string => each(S, (q) => `(local $${prefix}${letter(q)} v128)`).replaceAll('\n', ' ');
  return `  ;; --------------------------------------------------------------------
  ;; Hidden layer rec's activation, samples ${letter(0)} … ${letter(S - 1)}, units two at a time:
  ;; act ← φ(act) in place, slope ← φ′ (activation-source.ts says why each is
  ;; its table row's bits). act: the code of the kind (not relu); A: leaky-relu's.
  ;; --------------------------------------------------------------------
  (func $activate (export "activate") (param $rec i32) (param $act i32) (param $A f64)
    (local $leak v128) (local $pa i32) (local $ps i32) (local $end i32)
    (local $zero v128) (local $one v128) (local $minus1 v128) (local $tinyExp v128) (local $lambda v128) (local $alpha v128)
    ${perSample('z')}
    ${perSample('e')}
    ${perSample('w')}
    ${perSample('tiny')}
    ${perSample('m')}
    (local.set $leak (f64x2.splat (local.get $A)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $minus1 (f64x2.splat (f64.const -1)))
    (local.set $tinyExp (f64x2.splat (f64.const 0x1p-28)))
    (local.set $lambda (f64x2.splat (f64.const ${SELU_LAMBDA})))
    (local.set $alpha (f64x2.splat (f64.const ${SELU_ALPHA})))
    (local.set $pa ${field('act')})
    (local.set $ps ${field('slope')})
    ;; the end of a row of act: s_l float64s
    (local.set $end (i32.add (local.get $pa) (i32.shl ${field('s')} (i32.const ${shift(F64_BYTES)}))))
${dispatch})`;
}
