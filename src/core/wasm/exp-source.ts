/**
 * The exps of the WebAssembly kernels, as text: $exp, a port of V8's
 * Math.exp operation for operation; $expv, the same on the two lanes of an
 * f64x2; $expvN, $expv on several vectors at once; and the exports that the
 * host checks them with against Math.exp (expArray, expArray2, expArrayN).
 * They touch no memory but the arrays the checks pass, so any kernel's
 * generator can include them.
 */
import { F64_BYTES, V128_BYTES } from './layout.js';
import { each, inPlace, inPlaceN, nonFinite } from './wat.js';

/** $exp, expArray, $expv, expArray2: the same for every kernel. */
function scalarAndPair(): string {
  return `  ;; --------------------------------------------------------------------
  ;; exp(x): V8's Math.exp (src/base/ieee754.cc \`exp\`, fdlibm's e_exp.c),
  ;; the same float64 operations in the same order.
  ;;   x = k·ln2 + r, |r| <= 0.5·ln2, r = hi - lo;
  ;;   exp(r) = 1 - ((lo - r·c/(2 - c)) - hi), c = r - t·(P1 + t·(P2 + … t·P5)), t = r²;
  ;;   exp(x) = 2^k · exp(r).
  ;; --------------------------------------------------------------------
  (func $exp (export "exp") (param $x f64) (result f64)
    (local $bits i64) (local $hx i32) (local $xsb i32) (local $k i32)
    (local $hi f64) (local $lo f64) (local $t f64) (local $c f64) (local $y f64) (local $twopk f64)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
    (local.set $xsb (i32.shr_u (local.get $hx) (i32.const 31)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    ;; |x| >= 709.78…: NaN, ±∞, overflow or underflow
    (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42))
      (then
${nonFinite('exp', '0', '        ')}
        ;; o_threshold 0x40862E42FEFA39EF: huge·huge = +∞
        (if (f64.gt (local.get $x) (f64.const 709.78271289338397))
          (then (return (f64.const inf))))
        ;; u_threshold 0xC0874910D52D3051: twom1000·twom1000 = +0
        (if (f64.lt (local.get $x) (f64.const -745.13321910194111))
          (then (return (f64.const 0))))))
    ;; argument reduction
    (if (i32.gt_u (local.get $hx) (i32.const 0x3FD62E42))
      (then
        ;; |x| > 0.5·ln2
        (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
          (then
            ;; |x| < 1.5·ln2: k = ±1. V8 returns its constant E for exp(1).
            (if (f64.eq (local.get $x) (f64.const 1))
              (then (return (f64.const 2.7182818284590451))))
            (if (local.get $xsb)
              (then
                (local.set $hi (f64.sub (local.get $x) (f64.const -0.69314718036912382)))
                (local.set $lo (f64.const -1.9082149292705877e-10))
                (local.set $k (i32.const -1)))
              (else
                (local.set $hi (f64.sub (local.get $x) (f64.const 0.69314718036912382)))
                (local.set $lo (f64.const 1.9082149292705877e-10))
                (local.set $k (i32.const 1)))))
          (else
            ;; k = (int)(invln2·x + (x < 0 ? -0.5 : 0.5)), truncated toward 0
            (local.set $k (i32.trunc_f64_s
              (f64.add (f64.mul (f64.const 1.4426950408889634) (local.get $x))
                       (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            ;; t·ln2HI is exact: ln2HI has 32 trailing zero bits
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 0.69314718036912382))))
            (local.set $lo (f64.mul (local.get $t) (f64.const 1.9082149292705877e-10)))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo))))
      (else
        ;; |x| < 2^-28: 1 + x (fdlibm's \`huge + x > one\` is always true here)
        (if (i32.lt_u (local.get $hx) (i32.const 0x3E300000))
          (then (return (f64.add (f64.const 1) (local.get $x)))))))
    ;; x is now in the primary range; k = 0 when |x| <= 0.5·ln2
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    ;; twopk = 2^k (or 2^(k+1000) for k < -1021), built from its high word
    (local.set $twopk (f64.reinterpret_i64 (i64.shl
      (i64.extend_i32_u (i32.add (i32.const 0x3FF00000)
        (i32.shl (select (local.get $k) (i32.add (local.get $k) (i32.const 1000))
                         (i32.ge_s (local.get $k) (i32.const -1021)))
                 (i32.const 20))))
      (i64.const 32))))
    (local.set $c (f64.sub (local.get $x) (f64.mul (local.get $t)
      (f64.add (f64.const 0.16666666666666602) (f64.mul (local.get $t)
      (f64.add (f64.const -0.0027777777777015593) (f64.mul (local.get $t)
      (f64.add (f64.const 0.000066137563214379344) (f64.mul (local.get $t)
      (f64.add (f64.const -0.0000016533902205465252) (f64.mul (local.get $t)
               (f64.const 4.1381367970572385e-8))))))))))))
    (if (i32.eqz (local.get $k))
      (then
        ;; one - ((x·c)/(c - 2) - x)
        (return (f64.sub (f64.const 1)
          (f64.sub (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (local.get $c) (f64.const 2)))
                   (local.get $x))))))
    ;; y = one - ((lo - (x·c)/(2 - c)) - hi)
    (local.set $y (f64.sub (f64.const 1)
      (f64.sub (f64.sub (local.get $lo)
                        (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c))))
               (local.get $hi))))
    (if (i32.ge_s (local.get $k) (i32.const -1021))
      (then
        ;; k = 1024: 2^k overflows, so y·2·2^1023
        (if (i32.eq (local.get $k) (i32.const 1024))
          (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 8.9884656743115795e+307)))))
        (return (f64.mul (local.get $y) (local.get $twopk)))))
    ;; subnormal results: y·2^(k+1000)·2^-1000
    (f64.mul (f64.mul (local.get $y) (local.get $twopk)) (f64.const 9.3326361850321888e-302))
  )

${inPlace('exp over n float64s in place at ptr (for the exp check, one call per batch).', 'expArray', '$exp', 'f64')}

  ;; --------------------------------------------------------------------
  ;; exp of both lanes: lane i is $exp(lane i), bit for bit. Where every lane
  ;; has 2^-28 <= |x| < 700 (so hx >= 0x3E300000, and no overflow, underflow or
  ;; subnormal scaling) it runs $exp's operations lane-wise, in one form:
  ;;  - t = trunc(invln2·x + copysign(0.5, x)) as a float: $exp's k, as the
  ;;    f64 of its i32 truncation (|t| >= 1 in these lanes, so no -0; and
  ;;    |k| <= 1010). In $exp's k = ±1 branch (0x3FD62E42 < hx < 0x3FF0A2B2) this
  ;;    gives k = ±1 too: there 0.5·ln2·(1 + 2^-31) < |x| < 1.5·ln2·(1 - 2^-23),
  ;;    so invln2·|x| + 0.5 lies in (1, 2); and the branch's hi = x ∓ ln2HI,
  ;;    lo = ±ln2LO are t·ln2HI, t·ln2LO with t = ±1, exactly;
  ;;  - lanes with hx <= 0x3FD62E42 (|x| < 0x3FD62E4300000000 as a float),
  ;;    $exp's k = 0 branch, get t = +0, so hi = x, lo = +0, r = x, and
  ;;      1 - ((lo - (r·c)/(2 - c)) - hi) = 1 - ((x·c)/(c - 2) - x),
  ;;    the k = 0 result, because c - 2 = -(2 - c), p/(-q) = -(p/q) and
  ;;    0 - v = -v exactly (a zero of either sign then vanishes in "- x", x ≠ 0);
  ;;    the final ·2^0 = ·1 is exact;
  ;;  - 2^k is built in the exponent field: bits(t + 1.5·2^52) = bits(1.5·2^52) + k
  ;;    (t is an integer), so shifted left by 52 they leave k·2^52 (mod 2^64),
  ;;    and + 1023·2^52 gives (k + 1023)·2^52, $exp's high word 0x3FF00000 + (k << 20);
  ;;  - x = 1 gives V8's constant E, as in $exp.
  ;; Any other lane (tiny, huge, ∞, NaN) sends both lanes to the scalar $exp.
  ;; --------------------------------------------------------------------
  (func $expv (param $x v128) (result v128)
    (local $ax v128) (local $t v128) (local $hi v128) (local $lo v128) (local $r v128) (local $tt v128) (local $c v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (if (i32.eqz (i64x2.all_true (v128.and
          (f64x2.ge (local.get $ax) (f64x2.splat (f64.const 0x1p-28)))
          (f64x2.lt (local.get $ax) (f64x2.splat (f64.const 700))))))
      (then
        (return (f64x2.replace_lane 1
          (f64x2.splat (call $exp (f64x2.extract_lane 0 (local.get $x))))
          (call $exp (f64x2.extract_lane 1 (local.get $x)))))))
    ;; t = trunc(invln2·x + copysign(0.5, x)), or +0 where hx <= 0x3FD62E42
    (local.set $t (v128.andnot
      (f64x2.trunc (f64x2.add (f64x2.mul (f64x2.splat (f64.const 1.4426950408889634)) (local.get $x))
        (v128.or (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
                 (f64x2.splat (f64.const 0.5)))))
      (f64x2.lt (local.get $ax) (v128.const i64x2 0x3FD62E4300000000 0x3FD62E4300000000))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $t) (f64x2.splat (f64.const 0.69314718036912382)))))
    (local.set $lo (f64x2.mul (local.get $t) (f64x2.splat (f64.const 1.9082149292705877e-10))))
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $tt (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $tt)
      (f64x2.add (f64x2.splat (f64.const 0.16666666666666602)) (f64x2.mul (local.get $tt)
      (f64x2.add (f64x2.splat (f64.const -0.0027777777777015593)) (f64x2.mul (local.get $tt)
      (f64x2.add (f64x2.splat (f64.const 0.000066137563214379344)) (f64x2.mul (local.get $tt)
      (f64x2.add (f64x2.splat (f64.const -0.0000016533902205465252)) (f64x2.mul (local.get $tt)
                 (f64x2.splat (f64.const 4.1381367970572385e-8)))))))))))))
    ;; y·2^k, y = one - ((lo - (r·c)/(2 - c)) - hi); E where x = 1
    (v128.bitselect
      (f64x2.splat (f64.const 2.7182818284590451))
      (f64x2.mul
        (f64x2.sub (f64x2.splat (f64.const 1))
          (f64x2.sub (f64x2.sub (local.get $lo)
                                (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (f64x2.splat (f64.const 2)) (local.get $c))))
                     (local.get $hi)))
        (i64x2.add (i64x2.shl (f64x2.add (local.get $t) (f64x2.splat (f64.const 0x1.8p52))) (i32.const 52))
                   (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
      (f64x2.eq (local.get $x) (f64x2.splat (f64.const 1)))))

${inPlace('$expv over n float64s in place at ptr, two at a time (n even; for the exp check).', 'expArray2', '$expv', 'v128')}`;
}

/**
 * $expvN on v vectors (2v lanes) and the export expArrayN over them, which
 * takes n float64s 2v at a time.
 */
function vectors(v: number): string {
  const lanes = v * (V128_BYTES / F64_BYTES);
  const perVector = ['ax', 't', 'hi', 'lo', 'r', 'tt', 'c'];
  const own = Array.from({ length: v }, (_, i) => perVector.map((name) => `(local $${name}${i} v128)`).join(' ')).join(' ');
  const x = (i: number): string => `(local.get $x${i})`;
  const inRange = (i: number): string =>
    `(v128.and (f64x2.ge (local.get $ax${i}) (local.get $tiny)) (f64x2.lt (local.get $ax${i}) (local.get $big)))`;
  return `  ;; --------------------------------------------------------------------
  ;; $expv on ${v} vectors at once (${lanes} lanes, the output layer's ${lanes} samples): the
  ;; same lane-wise operations, interleaved so the CPU runs the ${v} chains side
  ;; by side, the constants loaded once. If any lane is outside $expv's range,
  ;; each vector goes through $expv (and its scalar fallback) instead.
  ;; --------------------------------------------------------------------
  (func $expvN ${each(v, (i) => `(param $x${i} v128)`).replaceAll('\n', ' ')} (result${' v128'.repeat(v)})
    ${own}
    (local $tiny v128) (local $big v128) (local $half v128) (local $sign v128) (local $invln2 v128) (local $ln2hi v128) (local $ln2lo v128) (local $kzero v128)
    (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $p4 v128) (local $p5 v128) (local $one v128) (local $two v128) (local $magic v128) (local $bias v128) (local $e v128)
    (local.set $tiny (f64x2.splat (f64.const 0x1p-28)))
    (local.set $big (f64x2.splat (f64.const 700)))
${each(v, (i) => `    (local.set $ax${i} (f64x2.abs ${x(i)}))`)}
    (if (i32.eqz (i64x2.all_true${' (v128.and'.repeat(v - 1)}
${each(v, (i) => `          ${inRange(i)}${i > 0 ? ')' : ''}`)}
          ))
      (then (return ${each(v, (i) => `(call $expv ${x(i)})`).replaceAll('\n', ' ')})))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (local.set $sign (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $invln2 (f64x2.splat (f64.const 1.4426950408889634)))
    (local.set $kzero (v128.const i64x2 0x3FD62E4300000000 0x3FD62E4300000000))
    (local.set $ln2hi (f64x2.splat (f64.const 0.69314718036912382)))
    (local.set $ln2lo (f64x2.splat (f64.const 1.9082149292705877e-10)))
${each(
  v,
  (i) => `    (local.set $t${i} (v128.andnot
      (f64x2.trunc (f64x2.add (f64x2.mul (local.get $invln2) ${x(i)})
        (v128.or (v128.and ${x(i)} (local.get $sign)) (local.get $half))))
      (f64x2.lt (local.get $ax${i}) (local.get $kzero))))`,
)}
${each(v, (i) => `    (local.set $hi${i} (f64x2.sub ${x(i)} (f64x2.mul (local.get $t${i}) (local.get $ln2hi))))`)}
${each(v, (i) => `    (local.set $lo${i} (f64x2.mul (local.get $t${i}) (local.get $ln2lo)))`)}
${each(v, (i) => `    (local.set $r${i} (f64x2.sub (local.get $hi${i}) (local.get $lo${i})))`)}
${each(v, (i) => `    (local.set $tt${i} (f64x2.mul (local.get $r${i}) (local.get $r${i})))`)}
    (local.set $p1 (f64x2.splat (f64.const 0.16666666666666602)))
    (local.set $p2 (f64x2.splat (f64.const -0.0027777777777015593)))
    (local.set $p3 (f64x2.splat (f64.const 0.000066137563214379344)))
    (local.set $p4 (f64x2.splat (f64.const -0.0000016533902205465252)))
    (local.set $p5 (f64x2.splat (f64.const 4.1381367970572385e-8)))
${each(
  v,
  (i) => `    (local.set $c${i} (f64x2.sub (local.get $r${i}) (f64x2.mul (local.get $tt${i})
      (f64x2.add (local.get $p1) (f64x2.mul (local.get $tt${i})
      (f64x2.add (local.get $p2) (f64x2.mul (local.get $tt${i})
      (f64x2.add (local.get $p3) (f64x2.mul (local.get $tt${i})
      (f64x2.add (local.get $p4) (f64x2.mul (local.get $tt${i}) (local.get $p5))))))))))))`,
)}
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $two (f64x2.splat (f64.const 2)))
    (local.set $magic (f64x2.splat (f64.const 0x1.8p52)))
    (local.set $bias (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000))
    (local.set $e (f64x2.splat (f64.const 2.7182818284590451)))
${each(
  v,
  (i) => `    (v128.bitselect
      (local.get $e)
      (f64x2.mul
        (f64x2.sub (local.get $one)
          (f64x2.sub (f64x2.sub (local.get $lo${i})
                                (f64x2.div (f64x2.mul (local.get $r${i}) (local.get $c${i})) (f64x2.sub (local.get $two) (local.get $c${i}))))
                     (local.get $hi${i})))
        (i64x2.add (i64x2.shl (f64x2.add (local.get $t${i}) (local.get $magic)) (i32.const 52)) (local.get $bias)))
      (f64x2.eq ${x(i)} (local.get $one)))`,
)})

${inPlaceN(`$expvN over n float64s in place at ptr, ${lanes} at a time (n a multiple of ${lanes}; for the exp check).`, 'expArrayN', '$expvN', v)}`;
}

/** Every exp function, with $expvN on v vectors (the samples of a group, two to a vector). */
export function expSource(v: number): string {
  return `${scalarAndPair()}\n\n${vectors(v)}`;
}
