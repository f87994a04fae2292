;; The simd training kernel: one full-batch gradient-descent step of a
;; ReLU/sigmoid network, with the hidden units of a layer two at a time in the
;; f64 lanes of an f64x2 and six samples at a time, bit-identical to
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
;;  - ReLU is f64x2.pmax(z, 0) = (z < 0 ? 0 : z), the scalar `if (z < 0) z = 0`:
;;    -0 and NaN pass through. Its derivative is numpy's multiply by the
;;    mask, s·(a > 0 ? 1 : 0), which has the bits of the scalar kernels'
;;    select a > 0 ? s : s·0: s·1 = s (−0 and NaN too), and the masked side
;;    is s·0 in both (±0, or NaN for s = ±∞ or NaN).
;;  - The output layer has one unit. Its six samples go two to an f64x2 (A
;;    with B, C with D, E with F), one chain per lane, and the sigmoid
;;    1 / (1 + exp(-z)) takes its exp from $expvN, which gives lane by lane
;;    the value of $exp, V8's Math.exp algorithm operation for operation
;;    ($expv says why the vector form has the same bits).
;;  - Six samples (A … F) go through the network together; they share the
;;    weight loads and give the CPU six independent chains. (Six accumulators,
;;    the weight pair and six splats fit the 15 xmm registers V8 allocates;
;;    with eight, V8 spills an accumulator to the stack and gains nothing.)
;;    Every gradient accumulator adds sample j, then j + 1, …, j + 5, as the
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
;; Phantom samples. When m is not a multiple of 6, the last group runs the
;; forward and backReLU passes with phantom samples (copies of a real one),
;; which are per-sample work (their outputs go to spare slots past OUT[m - 1]);
;; the gradients of that group are accumulated one real sample at a time
;; ($grads1), so no phantom is ever added to a sum.
;; So each real value is computed by exactly the scalar kernels' operations.
;;
;; Memory (laid out by simd-kernel.ts; byte addresses, all f64 arrays):
;;   header at 0:    i32 L, i32 m, i32 X, i32 Y, i32 OUT
;;   layer records at 64 + 48·l, l = 0..L (layer 1's at 112):
;;     +0 n_l  +4 s_l (even stride)  +8 Wr (n_l × s_{l-1}, row-major)
;;     +12 Wc (s_{l-1} × s_l, the transpose)  +16 b (s_l)  +20 g (like Wr)
;;     +24 h (s_l)  +28 act (sample q's row at +2048·q, q = 0..5)  +32 dz (idem)
;;   X: m × s_0 inputs, sample-major (pad 0); Y: m + 5 labels; OUT: m + 5 outputs a_L
;;   (the 5 extra slots of Y and OUT serve the phantom samples).
(module
  (import "env" "memory" (memory 1))

  ;; --------------------------------------------------------------------
  ;; exp(x): V8's Math.exp (src/base/ieee754.cc `exp`, fdlibm's e_exp.c),
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
        (if (i32.ge_u (local.get $hx) (i32.const 0x7FF00000))
          (then
            (if (i64.ne (i64.and (local.get $bits) (i64.const 0x000FFFFFFFFFFFFF)) (i64.const 0))
              (then (return (f64.add (local.get $x) (local.get $x)))))
            ;; exp(+∞) = +∞, exp(-∞) = 0
            (if (local.get $xsb) (then (return (f64.const 0))))
            (return (local.get $x))))
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
        ;; |x| < 2^-28: 1 + x (fdlibm's `huge + x > one` is always true here)
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

  ;; exp over n float64s in place at ptr (for the exp check, one call per batch).
  (func (export "expArray") (param $ptr i32) (param $n i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $each
        (f64.store (local.get $ptr) (call $exp (f64.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 8)))
        (br_if $each (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))

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

  ;; $expv over n float64s in place at ptr, two at a time (n even; for the exp check).
  (func (export "expArray2") (param $ptr i32) (param $n i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $each
        (v128.store (local.get $ptr) (call $expv (v128.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br_if $each (local.tee $n (i32.sub (local.get $n) (i32.const 2)))))))

  ;; --------------------------------------------------------------------
  ;; $expv on 3 vectors at once (6 lanes, the output layer's 6 samples): the
  ;; same lane-wise operations, interleaved so the CPU runs the 3 chains side
  ;; by side, the constants loaded once. If any lane is outside $expv's range,
  ;; each vector goes through $expv (and its scalar fallback) instead.
  ;; --------------------------------------------------------------------
  (func $expvN (param $x0 v128) (param $x1 v128) (param $x2 v128) (result v128 v128 v128)
    (local $ax0 v128) (local $t0 v128) (local $hi0 v128) (local $lo0 v128) (local $r0 v128) (local $tt0 v128) (local $c0 v128) (local $ax1 v128) (local $t1 v128) (local $hi1 v128) (local $lo1 v128) (local $r1 v128) (local $tt1 v128) (local $c1 v128) (local $ax2 v128) (local $t2 v128) (local $hi2 v128) (local $lo2 v128) (local $r2 v128) (local $tt2 v128) (local $c2 v128)
    (local $tiny v128) (local $big v128) (local $half v128) (local $sign v128) (local $invln2 v128) (local $ln2hi v128) (local $ln2lo v128) (local $kzero v128)
    (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $p4 v128) (local $p5 v128) (local $one v128) (local $two v128) (local $magic v128) (local $bias v128) (local $e v128)
    (local.set $tiny (f64x2.splat (f64.const 0x1p-28)))
    (local.set $big (f64x2.splat (f64.const 700)))
    (local.set $ax0 (f64x2.abs (local.get $x0)))
    (local.set $ax1 (f64x2.abs (local.get $x1)))
    (local.set $ax2 (f64x2.abs (local.get $x2)))
    (if (i32.eqz (i64x2.all_true (v128.and (v128.and
          (v128.and (f64x2.ge (local.get $ax0) (local.get $tiny)) (f64x2.lt (local.get $ax0) (local.get $big)))
          (v128.and (f64x2.ge (local.get $ax1) (local.get $tiny)) (f64x2.lt (local.get $ax1) (local.get $big))))
          (v128.and (f64x2.ge (local.get $ax2) (local.get $tiny)) (f64x2.lt (local.get $ax2) (local.get $big))))
          ))
      (then (return (call $expv (local.get $x0)) (call $expv (local.get $x1)) (call $expv (local.get $x2)))))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (local.set $sign (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $invln2 (f64x2.splat (f64.const 1.4426950408889634)))
    (local.set $kzero (v128.const i64x2 0x3FD62E4300000000 0x3FD62E4300000000))
    (local.set $ln2hi (f64x2.splat (f64.const 0.69314718036912382)))
    (local.set $ln2lo (f64x2.splat (f64.const 1.9082149292705877e-10)))
    (local.set $t0 (v128.andnot
      (f64x2.trunc (f64x2.add (f64x2.mul (local.get $invln2) (local.get $x0))
        (v128.or (v128.and (local.get $x0) (local.get $sign)) (local.get $half))))
      (f64x2.lt (local.get $ax0) (local.get $kzero))))
    (local.set $t1 (v128.andnot
      (f64x2.trunc (f64x2.add (f64x2.mul (local.get $invln2) (local.get $x1))
        (v128.or (v128.and (local.get $x1) (local.get $sign)) (local.get $half))))
      (f64x2.lt (local.get $ax1) (local.get $kzero))))
    (local.set $t2 (v128.andnot
      (f64x2.trunc (f64x2.add (f64x2.mul (local.get $invln2) (local.get $x2))
        (v128.or (v128.and (local.get $x2) (local.get $sign)) (local.get $half))))
      (f64x2.lt (local.get $ax2) (local.get $kzero))))
    (local.set $hi0 (f64x2.sub (local.get $x0) (f64x2.mul (local.get $t0) (local.get $ln2hi))))
    (local.set $hi1 (f64x2.sub (local.get $x1) (f64x2.mul (local.get $t1) (local.get $ln2hi))))
    (local.set $hi2 (f64x2.sub (local.get $x2) (f64x2.mul (local.get $t2) (local.get $ln2hi))))
    (local.set $lo0 (f64x2.mul (local.get $t0) (local.get $ln2lo)))
    (local.set $lo1 (f64x2.mul (local.get $t1) (local.get $ln2lo)))
    (local.set $lo2 (f64x2.mul (local.get $t2) (local.get $ln2lo)))
    (local.set $r0 (f64x2.sub (local.get $hi0) (local.get $lo0)))
    (local.set $r1 (f64x2.sub (local.get $hi1) (local.get $lo1)))
    (local.set $r2 (f64x2.sub (local.get $hi2) (local.get $lo2)))
    (local.set $tt0 (f64x2.mul (local.get $r0) (local.get $r0)))
    (local.set $tt1 (f64x2.mul (local.get $r1) (local.get $r1)))
    (local.set $tt2 (f64x2.mul (local.get $r2) (local.get $r2)))
    (local.set $p1 (f64x2.splat (f64.const 0.16666666666666602)))
    (local.set $p2 (f64x2.splat (f64.const -0.0027777777777015593)))
    (local.set $p3 (f64x2.splat (f64.const 0.000066137563214379344)))
    (local.set $p4 (f64x2.splat (f64.const -0.0000016533902205465252)))
    (local.set $p5 (f64x2.splat (f64.const 4.1381367970572385e-8)))
    (local.set $c0 (f64x2.sub (local.get $r0) (f64x2.mul (local.get $tt0)
      (f64x2.add (local.get $p1) (f64x2.mul (local.get $tt0)
      (f64x2.add (local.get $p2) (f64x2.mul (local.get $tt0)
      (f64x2.add (local.get $p3) (f64x2.mul (local.get $tt0)
      (f64x2.add (local.get $p4) (f64x2.mul (local.get $tt0) (local.get $p5))))))))))))
    (local.set $c1 (f64x2.sub (local.get $r1) (f64x2.mul (local.get $tt1)
      (f64x2.add (local.get $p1) (f64x2.mul (local.get $tt1)
      (f64x2.add (local.get $p2) (f64x2.mul (local.get $tt1)
      (f64x2.add (local.get $p3) (f64x2.mul (local.get $tt1)
      (f64x2.add (local.get $p4) (f64x2.mul (local.get $tt1) (local.get $p5))))))))))))
    (local.set $c2 (f64x2.sub (local.get $r2) (f64x2.mul (local.get $tt2)
      (f64x2.add (local.get $p1) (f64x2.mul (local.get $tt2)
      (f64x2.add (local.get $p2) (f64x2.mul (local.get $tt2)
      (f64x2.add (local.get $p3) (f64x2.mul (local.get $tt2)
      (f64x2.add (local.get $p4) (f64x2.mul (local.get $tt2) (local.get $p5))))))))))))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $two (f64x2.splat (f64.const 2)))
    (local.set $magic (f64x2.splat (f64.const 0x1.8p52)))
    (local.set $bias (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000))
    (local.set $e (f64x2.splat (f64.const 2.7182818284590451)))
    (v128.bitselect
      (local.get $e)
      (f64x2.mul
        (f64x2.sub (local.get $one)
          (f64x2.sub (f64x2.sub (local.get $lo0)
                                (f64x2.div (f64x2.mul (local.get $r0) (local.get $c0)) (f64x2.sub (local.get $two) (local.get $c0))))
                     (local.get $hi0)))
        (i64x2.add (i64x2.shl (f64x2.add (local.get $t0) (local.get $magic)) (i32.const 52)) (local.get $bias)))
      (f64x2.eq (local.get $x0) (local.get $one)))
    (v128.bitselect
      (local.get $e)
      (f64x2.mul
        (f64x2.sub (local.get $one)
          (f64x2.sub (f64x2.sub (local.get $lo1)
                                (f64x2.div (f64x2.mul (local.get $r1) (local.get $c1)) (f64x2.sub (local.get $two) (local.get $c1))))
                     (local.get $hi1)))
        (i64x2.add (i64x2.shl (f64x2.add (local.get $t1) (local.get $magic)) (i32.const 52)) (local.get $bias)))
      (f64x2.eq (local.get $x1) (local.get $one)))
    (v128.bitselect
      (local.get $e)
      (f64x2.mul
        (f64x2.sub (local.get $one)
          (f64x2.sub (f64x2.sub (local.get $lo2)
                                (f64x2.div (f64x2.mul (local.get $r2) (local.get $c2)) (f64x2.sub (local.get $two) (local.get $c2))))
                     (local.get $hi2)))
        (i64x2.add (i64x2.shl (f64x2.add (local.get $t2) (local.get $magic)) (i32.const 52)) (local.get $bias)))
      (f64x2.eq (local.get $x2) (local.get $one))))

  ;; $expvN over n float64s in place at ptr, 6 at a time (n a multiple of 6; for the exp check).
  (func (export "expArrayN") (param $ptr i32) (param $n i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $each
        (call $expvN (v128.load offset=0 (local.get $ptr)) (v128.load offset=16 (local.get $ptr)) (v128.load offset=32 (local.get $ptr)))
        (local.set $v2)
        (local.set $v1)
        (local.set $v0)
        (v128.store offset=0 (local.get $ptr) (local.get $v0))
        (v128.store offset=16 (local.get $ptr) (local.get $v1))
        (v128.store offset=32 (local.get $ptr) (local.get $v2))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 48)))
        (br_if $each (local.tee $n (i32.sub (local.get $n) (i32.const 6)))))))

  ;; Gradient accumulators of layer l, sample q alone (the last m mod 6 samples,
  ;; one at a time, in a group that phantoms fill up):
  ;;   g[r, k..k+1] = g + dz_q[r]·a_q[k..k+1];  h[r..r+1] = h + dz_q[r..r+1]
  (func $grads1 (param $rec i32) (param $q i32)
    (local $prev i32) (local $pairs i32) (local $nr i32) (local $k i32) (local $off i32)
    (local $pg i32) (local $pd i32) (local $pa i32) (local $in i32) (local $ph i32)
    (local $d v128)
    (local.set $off (i32.shl (local.get $q) (i32.const 11)))
    (local.set $prev (i32.sub (local.get $rec) (i32.const 48)))
    (local.set $pairs (i32.shr_u (i32.load offset=4 (local.get $prev)) (i32.const 1)))
    (local.set $nr (i32.load (local.get $rec)))
    (local.set $pg (i32.load offset=20 (local.get $rec)))
    (local.set $pd (i32.add (i32.load offset=32 (local.get $rec)) (local.get $off)))
    (local.set $in (i32.add (i32.load offset=28 (local.get $prev)) (local.get $off)))
    (loop $rows
      (local.set $d (v128.load64_splat (local.get $pd)))
      (local.set $pa (local.get $in))
      (local.set $k (local.get $pairs))
      (loop $cols
        (v128.store (local.get $pg)
          (f64x2.add (v128.load (local.get $pg)) (f64x2.mul (local.get $d) (v128.load (local.get $pa)))))
        (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (br_if $cols (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
      (br_if $rows (local.tee $nr (i32.sub (local.get $nr) (i32.const 1)))))
    (local.set $pairs (i32.shr_u (i32.load offset=4 (local.get $rec)) (i32.const 1)))
    (local.set $ph (i32.load offset=24 (local.get $rec)))
    (local.set $pd (i32.add (i32.load offset=32 (local.get $rec)) (local.get $off)))
    (loop $bias
      (v128.store (local.get $ph) (f64x2.add (v128.load (local.get $ph)) (v128.load (local.get $pd))))
      (local.set $ph (i32.add (local.get $ph) (i32.const 16)))
      (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
      (br_if $bias (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; --------------------------------------------------------------------
  ;; Update of layer l from the accumulated gradients, which are then zeroed:
  ;;   Wr = Wr - lr·g,  b = b - lr·h;  Wc ← the transpose of Wr's real rows
  ;; --------------------------------------------------------------------
  (func $update (param $rec i32) (param $lr v128)
    (local $pairs i32) (local $nr i32) (local $k i32) (local $sb i32) (local $back i32)
    (local $pw i32) (local $pg i32) (local $pc i32) (local $ph i32) (local $pb i32)
    (local $w v128) (local $zero v128)
    (local.set $pairs (i32.shr_u (i32.load offset=4 (i32.sub (local.get $rec) (i32.const 48))) (i32.const 1)))
    (local.set $sb (i32.shl (i32.load offset=4 (local.get $rec)) (i32.const 3)))
    ;; from the bottom of column r of Wc back to the top of column r + 1
    (local.set $back (i32.sub (i32.const 8) (i32.mul (local.get $pairs) (i32.shl (local.get $sb) (i32.const 1)))))
    (local.set $nr (i32.load (local.get $rec)))
    (local.set $pw (i32.load offset=8 (local.get $rec)))
    (local.set $pg (i32.load offset=20 (local.get $rec)))
    (local.set $pc (i32.load offset=12 (local.get $rec)))
    (loop $rows
      (local.set $k (local.get $pairs))
      (loop $cols
        (local.set $w (f64x2.sub (v128.load (local.get $pw)) (f64x2.mul (local.get $lr) (v128.load (local.get $pg)))))
        (v128.store (local.get $pw) (local.get $w))
        (v128.store (local.get $pg) (local.get $zero))
        ;; Wc[k, r] and Wc[k+1, r]
        (f64.store (local.get $pc) (f64x2.extract_lane 0 (local.get $w)))
        (f64.store (i32.add (local.get $pc) (local.get $sb)) (f64x2.extract_lane 1 (local.get $w)))
        (local.set $pw (i32.add (local.get $pw) (i32.const 16)))
        (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
        (local.set $pc (i32.add (local.get $pc) (i32.shl (local.get $sb) (i32.const 1))))
        (br_if $cols (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $pc (i32.add (local.get $pc) (local.get $back)))
      (br_if $rows (local.tee $nr (i32.sub (local.get $nr) (i32.const 1)))))
    (local.set $pairs (i32.shr_u (i32.load offset=4 (local.get $rec)) (i32.const 1)))
    (local.set $pb (i32.load offset=16 (local.get $rec)))
    (local.set $ph (i32.load offset=24 (local.get $rec)))
    (loop $bias
      (v128.store (local.get $pb) (f64x2.sub (v128.load (local.get $pb)) (f64x2.mul (local.get $lr) (v128.load (local.get $ph)))))
      (v128.store (local.get $ph) (local.get $zero))
      (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
      (local.set $ph (i32.add (local.get $ph) (i32.const 16)))
      (br_if $bias (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; --------------------------------------------------------------------
  ;; Samples j … j+count-1 (count 1..6): forward through the hidden layers,
  ;; the output and its delta, then back layer by layer, accumulating the
  ;; gradients sample after sample. One function: the passes are written out
  ;; here, in place, rather than called (V8 does not inline wasm calls, and
  ;; each call paid a frame, a stack check and its set-up again).
  ;; --------------------------------------------------------------------
  (func $samples (param $j i32) (param $count i32) (param $invM v128)
    (local $top i32) (local $rec i32) (local $q i32)
    (local $in_sb i32) (local $in_pairs i32) (local $in_dst i32) (local $in_pA i32) (local $in_pB i32)
    (local $in_pC i32) (local $in_pD i32) (local $in_pE i32) (local $in_pF i32) (local $fw_prev i32)
    (local $fw_pairs i32) (local $fw_sb i32) (local $fw_nk i32) (local $fw_back i32) (local $fw_pw i32)
    (local $fw_pb i32) (local $fw_po i32) (local $fw_in i32) (local $fw_pa i32) (local $fw_end i32)
    (local $fw_poEnd i32) (local $fw_w v128) (local $fw_b v128) (local $fw_zero v128) (local $fw_accA v128)
    (local $fw_accB v128) (local $fw_accC v128) (local $fw_accD v128) (local $fw_accE v128)
    (local $fw_accF v128) (local $out_prev i32) (local $out_end i32) (local $out_pw i32) (local $out_pa i32)
    (local $out_w v128) (local $out_b v128) (local $out_one v128) (local $out_zAB v128) (local $out_zCD v128)
    (local $out_zEF v128) (local $out_out i32) (local $out_y i32) (local $out_pd i32) (local $br_prev i32)
    (local $br_pairs i32) (local $br_sb i32) (local $br_nr i32) (local $br_back i32) (local $br_pw i32)
    (local $br_dz i32) (local $br_pd i32) (local $br_pa i32) (local $br_po i32) (local $br_end i32)
    (local $br_poEnd i32) (local $br_w v128) (local $br_zero v128) (local $br_one v128) (local $br_sA v128)
    (local $br_sB v128) (local $br_sC v128) (local $br_sD v128) (local $br_sE v128) (local $br_sF v128)
    (local $gr_prev i32) (local $gr_pairs i32) (local $gr_rowBytes i32) (local $gr_end i32) (local $gr_dz i32)
    (local $gr_dzEnd i32) (local $gr_pg0 i32) (local $gr_pg i32) (local $gr_pd i32) (local $gr_pa i32)
    (local $gr_ph i32) (local $gr_aA v128) (local $gr_aB v128) (local $gr_aC v128) (local $gr_aD v128)
    (local $gr_aE v128) (local $gr_aF v128)
    ;; the output layer's record
    (local.set $top (i32.add (i32.const 64) (i32.mul (i32.load (i32.const 0)) (i32.const 48))))
    ;; act_0 ← the inputs of samples j … j+5 (sample q's row at +2048·q), a pair
    ;; of inputs at a time (X rows have the even stride s_0, the pad is 0).
    ;; Past the `count` real samples, the rows repeat sample j: phantoms.
    (local.set $in_pairs (i32.shr_u (i32.load offset=4 (i32.const 64)) (i32.const 1)))
    (local.set $in_sb (i32.shl (i32.load offset=4 (i32.const 64)) (i32.const 3)))
    (local.set $in_dst (i32.load offset=28 (i32.const 64)))
    (local.set $in_pA (i32.add (i32.load (i32.const 8)) (i32.mul (local.get $j) (local.get $in_sb))))
    (local.set $in_pB (i32.add (local.get $in_pA) (select (i32.mul (local.get $in_sb) (i32.const 1)) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 1)))))
    (local.set $in_pC (i32.add (local.get $in_pA) (select (i32.mul (local.get $in_sb) (i32.const 2)) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 2)))))
    (local.set $in_pD (i32.add (local.get $in_pA) (select (i32.mul (local.get $in_sb) (i32.const 3)) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 3)))))
    (local.set $in_pE (i32.add (local.get $in_pA) (select (i32.mul (local.get $in_sb) (i32.const 4)) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 4)))))
    (local.set $in_pF (i32.add (local.get $in_pA) (select (i32.mul (local.get $in_sb) (i32.const 5)) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 5)))))
    (loop $k
      (v128.store (local.get $in_dst) (v128.load (local.get $in_pA)))
      (v128.store offset=2048 (local.get $in_dst) (v128.load (local.get $in_pB)))
      (v128.store offset=4096 (local.get $in_dst) (v128.load (local.get $in_pC)))
      (v128.store offset=6144 (local.get $in_dst) (v128.load (local.get $in_pD)))
      (v128.store offset=8192 (local.get $in_dst) (v128.load (local.get $in_pE)))
      (v128.store offset=10240 (local.get $in_dst) (v128.load (local.get $in_pF)))
      (local.set $in_dst (i32.add (local.get $in_dst) (i32.const 16)))
      (local.set $in_pA (i32.add (local.get $in_pA) (i32.const 16)))
      (local.set $in_pB (i32.add (local.get $in_pB) (i32.const 16)))
      (local.set $in_pC (i32.add (local.get $in_pC) (i32.const 16)))
      (local.set $in_pD (i32.add (local.get $in_pD) (i32.const 16)))
      (local.set $in_pE (i32.add (local.get $in_pE) (i32.const 16)))
      (local.set $in_pF (i32.add (local.get $in_pF) (i32.const 16)))
      (br_if $k (local.tee $in_pairs (i32.sub (local.get $in_pairs) (i32.const 1)))))
    (local.set $rec (i32.const 112))
    (block $fwdDone
      (loop $fwd
        (br_if $fwdDone (i32.ge_u (local.get $rec) (local.get $top)))
        ;; Hidden layer l, six samples, units r, r+1 in the lanes:
        ;;   a_l[r..r+1] = relu((0 + Σ_k Wc[k, r..r+1]·a_{l-1}[k]) + b[r..r+1])
        (local.set $fw_prev (i32.sub (local.get $rec) (i32.const 48)))
        (local.set $fw_pairs (i32.shr_u (i32.load offset=4 (local.get $rec)) (i32.const 1)))
        (local.set $fw_sb (i32.shl (i32.load offset=4 (local.get $rec)) (i32.const 3)))
        (local.set $fw_nk (i32.load (local.get $fw_prev)))
        ;; from the bottom of a Wc column pair back to the top of the next one
        (local.set $fw_back (i32.sub (i32.const 16) (i32.mul (local.get $fw_nk) (local.get $fw_sb))))
        (local.set $fw_pw (i32.load offset=12 (local.get $rec)))
        (local.set $fw_pb (i32.load offset=16 (local.get $rec)))
        (local.set $fw_po (i32.load offset=28 (local.get $rec)))
        (local.set $fw_in (i32.load offset=28 (local.get $fw_prev)))
        ;; the ends of a row of act_{l-1} and of act_l: the loops run while pa < end, po < poEnd
        (local.set $fw_end (i32.add (local.get $fw_in) (i32.shl (local.get $fw_nk) (i32.const 3))))
        (local.set $fw_poEnd (i32.add (local.get $fw_po) (i32.shl (local.get $fw_pairs) (i32.const 4))))
        (loop $units
          (local.set $fw_accA (local.get $fw_zero))
          (local.set $fw_accB (local.get $fw_zero))
          (local.set $fw_accC (local.get $fw_zero))
          (local.set $fw_accD (local.get $fw_zero))
          (local.set $fw_accE (local.get $fw_zero))
          (local.set $fw_accF (local.get $fw_zero))
          (local.set $fw_pa (local.get $fw_in))
          ;; one row of Wc per input k: the weights from k into units r and r+1
          (loop $terms
            (local.set $fw_w (v128.load (local.get $fw_pw)))
            (local.set $fw_accA (f64x2.add (local.get $fw_accA) (f64x2.mul (local.get $fw_w) (v128.load64_splat (local.get $fw_pa)))))
            (local.set $fw_accB (f64x2.add (local.get $fw_accB) (f64x2.mul (local.get $fw_w) (v128.load64_splat offset=2048 (local.get $fw_pa)))))
            (local.set $fw_accC (f64x2.add (local.get $fw_accC) (f64x2.mul (local.get $fw_w) (v128.load64_splat offset=4096 (local.get $fw_pa)))))
            (local.set $fw_accD (f64x2.add (local.get $fw_accD) (f64x2.mul (local.get $fw_w) (v128.load64_splat offset=6144 (local.get $fw_pa)))))
            (local.set $fw_accE (f64x2.add (local.get $fw_accE) (f64x2.mul (local.get $fw_w) (v128.load64_splat offset=8192 (local.get $fw_pa)))))
            (local.set $fw_accF (f64x2.add (local.get $fw_accF) (f64x2.mul (local.get $fw_w) (v128.load64_splat offset=10240 (local.get $fw_pa)))))
            (local.set $fw_pw (i32.add (local.get $fw_pw) (local.get $fw_sb)))
            (br_if $terms (i32.ne (local.tee $fw_pa (i32.add (local.get $fw_pa) (i32.const 8))) (local.get $fw_end))))
          (local.set $fw_pw (i32.add (local.get $fw_pw) (local.get $fw_back)))
          (local.set $fw_b (v128.load (local.get $fw_pb)))
          ;; relu: pmax(z, 0) = z < 0 ? 0 : z
          (v128.store (local.get $fw_po) (f64x2.pmax (f64x2.add (local.get $fw_accA) (local.get $fw_b)) (local.get $fw_zero)))
          (v128.store offset=2048 (local.get $fw_po) (f64x2.pmax (f64x2.add (local.get $fw_accB) (local.get $fw_b)) (local.get $fw_zero)))
          (v128.store offset=4096 (local.get $fw_po) (f64x2.pmax (f64x2.add (local.get $fw_accC) (local.get $fw_b)) (local.get $fw_zero)))
          (v128.store offset=6144 (local.get $fw_po) (f64x2.pmax (f64x2.add (local.get $fw_accD) (local.get $fw_b)) (local.get $fw_zero)))
          (v128.store offset=8192 (local.get $fw_po) (f64x2.pmax (f64x2.add (local.get $fw_accE) (local.get $fw_b)) (local.get $fw_zero)))
          (v128.store offset=10240 (local.get $fw_po) (f64x2.pmax (f64x2.add (local.get $fw_accF) (local.get $fw_b)) (local.get $fw_zero)))
          (local.set $fw_pb (i32.add (local.get $fw_pb) (i32.const 16)))
          (br_if $units (i32.ne (local.tee $fw_po (i32.add (local.get $fw_po) (i32.const 16))) (local.get $fw_poEnd))))
        (local.set $rec (i32.add (local.get $rec) (i32.const 48)))
        (br $fwd)))
    ;; Output layer L (one sigmoid unit), samples j … j+5, two samples in the
    ;; lanes of each f64x2 (A with B, C with D, …), one chain per sample:
    ;;   a = 1 / (1 + exp(-((0 + Σ_k W[0,k]·a_{L-1}[k]) + b))),  OUT[j] = a,  dz_L = invM·(a - y)
    ;; the sums start at 0 in every lane
    (local.set $out_zAB (v128.const i64x2 0 0))
    (local.set $out_zCD (v128.const i64x2 0 0))
    (local.set $out_zEF (v128.const i64x2 0 0))
    (local.set $out_prev (i32.sub (local.get $top) (i32.const 48)))
    (local.set $out_pw (i32.load offset=8 (local.get $top)))
    (local.set $out_pa (i32.load offset=28 (local.get $out_prev)))
    ;; the end of a row of act_{L-1}
    (local.set $out_end (i32.add (local.get $out_pa) (i32.shl (i32.load (local.get $out_prev)) (i32.const 3))))
    (loop $terms
      (local.set $out_w (v128.load64_splat (local.get $out_pw)))
      (local.set $out_zAB (f64x2.add (local.get $out_zAB) (f64x2.mul (local.get $out_w)
        (v128.load64_lane offset=2048 1 (local.get $out_pa) (v128.load64_zero (local.get $out_pa))))))
      (local.set $out_zCD (f64x2.add (local.get $out_zCD) (f64x2.mul (local.get $out_w)
        (v128.load64_lane offset=6144 1 (local.get $out_pa) (v128.load64_zero offset=4096 (local.get $out_pa))))))
      (local.set $out_zEF (f64x2.add (local.get $out_zEF) (f64x2.mul (local.get $out_w)
        (v128.load64_lane offset=10240 1 (local.get $out_pa) (v128.load64_zero offset=8192 (local.get $out_pa))))))
      (local.set $out_pw (i32.add (local.get $out_pw) (i32.const 8)))
      (br_if $terms (i32.ne (local.tee $out_pa (i32.add (local.get $out_pa) (i32.const 8))) (local.get $out_end))))
    (local.set $out_b (v128.load64_splat (i32.load offset=16 (local.get $top))))
    (local.set $out_one (f64x2.splat (f64.const 1)))
    ;; e = exp(-(z + b)) in every lane at once, then a = 1 / (1 + e)
    (call $expvN (f64x2.neg (f64x2.add (local.get $out_zAB) (local.get $out_b))) (f64x2.neg (f64x2.add (local.get $out_zCD) (local.get $out_b))) (f64x2.neg (f64x2.add (local.get $out_zEF) (local.get $out_b))))
    (local.set $out_zEF)
    (local.set $out_zCD)
    (local.set $out_zAB)
    (local.set $out_zAB (f64x2.div (local.get $out_one) (f64x2.add (local.get $out_one) (local.get $out_zAB))))
    (local.set $out_zCD (f64x2.div (local.get $out_one) (f64x2.add (local.get $out_one) (local.get $out_zCD))))
    (local.set $out_zEF (f64x2.div (local.get $out_one) (f64x2.add (local.get $out_one) (local.get $out_zEF))))
    (local.set $out_out (i32.add (i32.load (i32.const 16)) (i32.shl (local.get $j) (i32.const 3))))
    (local.set $out_y (i32.add (i32.load (i32.const 12)) (i32.shl (local.get $j) (i32.const 3))))
    ;; OUT[j … j+5] = a
    (v128.store (local.get $out_out) (local.get $out_zAB))
    (v128.store offset=16 (local.get $out_out) (local.get $out_zCD))
    (v128.store offset=32 (local.get $out_out) (local.get $out_zEF))
    ;; dz_L = invM·(a - y), lane by lane to each sample's row
    (local.set $out_pd (i32.load offset=32 (local.get $top)))
    (local.set $out_zAB (f64x2.mul (local.get $invM) (f64x2.sub (local.get $out_zAB) (v128.load (local.get $out_y)))))
    (v128.store64_lane 0 (local.get $out_pd) (local.get $out_zAB))
    (v128.store64_lane offset=2048 1 (local.get $out_pd) (local.get $out_zAB))
    (local.set $out_zCD (f64x2.mul (local.get $invM) (f64x2.sub (local.get $out_zCD) (v128.load offset=16 (local.get $out_y)))))
    (v128.store64_lane offset=4096 0 (local.get $out_pd) (local.get $out_zCD))
    (v128.store64_lane offset=6144 1 (local.get $out_pd) (local.get $out_zCD))
    (local.set $out_zEF (f64x2.mul (local.get $invM) (f64x2.sub (local.get $out_zEF) (v128.load offset=32 (local.get $out_y)))))
    (v128.store64_lane offset=8192 0 (local.get $out_pd) (local.get $out_zEF))
    (v128.store64_lane offset=10240 1 (local.get $out_pd) (local.get $out_zEF))
    (local.set $rec (local.get $top))
    (loop $back
      (if (i32.gt_u (local.get $rec) (i32.const 112))
        (then
          ;; Back through layer l's weights and the ReLU below it, six samples,
          ;; units k, k+1 of layer l-1 in the lanes:
          ;;   s = 0 + Σ_r Wr[r, k..k+1]·dz_l[r];  dz_{l-1}[k..k+1] = s·(a_{l-1} > 0 ? 1 : 0)
          (local.set $br_one (f64x2.splat (f64.const 1)))
          (local.set $br_prev (i32.sub (local.get $rec) (i32.const 48)))
          (local.set $br_pairs (i32.shr_u (i32.load offset=4 (local.get $br_prev)) (i32.const 1)))
          (local.set $br_sb (i32.shl (i32.load offset=4 (local.get $br_prev)) (i32.const 3)))
          (local.set $br_nr (i32.load (local.get $rec)))
          (local.set $br_back (i32.sub (i32.const 16) (i32.mul (local.get $br_nr) (local.get $br_sb))))
          (local.set $br_pw (i32.load offset=8 (local.get $rec)))
          (local.set $br_dz (i32.load offset=32 (local.get $rec)))
          (local.set $br_pa (i32.load offset=28 (local.get $br_prev)))
          (local.set $br_po (i32.load offset=32 (local.get $br_prev)))
          ;; the ends of a row of dz_l and of dz_{l-1}: the loops run while pd < end, po < poEnd
          (local.set $br_end (i32.add (local.get $br_dz) (i32.shl (local.get $br_nr) (i32.const 3))))
          (local.set $br_poEnd (i32.add (local.get $br_po) (i32.shl (local.get $br_pairs) (i32.const 4))))
          (loop $units
            (local.set $br_sA (local.get $br_zero))
            (local.set $br_sB (local.get $br_zero))
            (local.set $br_sC (local.get $br_zero))
            (local.set $br_sD (local.get $br_zero))
            (local.set $br_sE (local.get $br_zero))
            (local.set $br_sF (local.get $br_zero))
            (local.set $br_pd (local.get $br_dz))
            ;; down the column pair (k, k+1) of Wr: one row per unit r of layer l
            (loop $terms
              (local.set $br_w (v128.load (local.get $br_pw)))
              (local.set $br_sA (f64x2.add (local.get $br_sA) (f64x2.mul (local.get $br_w) (v128.load64_splat (local.get $br_pd)))))
              (local.set $br_sB (f64x2.add (local.get $br_sB) (f64x2.mul (local.get $br_w) (v128.load64_splat offset=2048 (local.get $br_pd)))))
              (local.set $br_sC (f64x2.add (local.get $br_sC) (f64x2.mul (local.get $br_w) (v128.load64_splat offset=4096 (local.get $br_pd)))))
              (local.set $br_sD (f64x2.add (local.get $br_sD) (f64x2.mul (local.get $br_w) (v128.load64_splat offset=6144 (local.get $br_pd)))))
              (local.set $br_sE (f64x2.add (local.get $br_sE) (f64x2.mul (local.get $br_w) (v128.load64_splat offset=8192 (local.get $br_pd)))))
              (local.set $br_sF (f64x2.add (local.get $br_sF) (f64x2.mul (local.get $br_w) (v128.load64_splat offset=10240 (local.get $br_pd)))))
              (local.set $br_pw (i32.add (local.get $br_pw) (local.get $br_sb)))
              (br_if $terms (i32.ne (local.tee $br_pd (i32.add (local.get $br_pd) (i32.const 8))) (local.get $br_end))))
            (local.set $br_pw (i32.add (local.get $br_pw) (local.get $br_back)))
            (v128.store (local.get $br_po)
              (f64x2.mul (local.get $br_sA) (v128.and (f64x2.gt (v128.load (local.get $br_pa)) (local.get $br_zero)) (local.get $br_one))))
            (v128.store offset=2048 (local.get $br_po)
              (f64x2.mul (local.get $br_sB) (v128.and (f64x2.gt (v128.load offset=2048 (local.get $br_pa)) (local.get $br_zero)) (local.get $br_one))))
            (v128.store offset=4096 (local.get $br_po)
              (f64x2.mul (local.get $br_sC) (v128.and (f64x2.gt (v128.load offset=4096 (local.get $br_pa)) (local.get $br_zero)) (local.get $br_one))))
            (v128.store offset=6144 (local.get $br_po)
              (f64x2.mul (local.get $br_sD) (v128.and (f64x2.gt (v128.load offset=6144 (local.get $br_pa)) (local.get $br_zero)) (local.get $br_one))))
            (v128.store offset=8192 (local.get $br_po)
              (f64x2.mul (local.get $br_sE) (v128.and (f64x2.gt (v128.load offset=8192 (local.get $br_pa)) (local.get $br_zero)) (local.get $br_one))))
            (v128.store offset=10240 (local.get $br_po)
              (f64x2.mul (local.get $br_sF) (v128.and (f64x2.gt (v128.load offset=10240 (local.get $br_pa)) (local.get $br_zero)) (local.get $br_one))))
            (local.set $br_pa (i32.add (local.get $br_pa) (i32.const 16)))
            (br_if $units (i32.ne (local.tee $br_po (i32.add (local.get $br_po) (i32.const 16))) (local.get $br_poEnd))))))
      (if (i32.eq (local.get $count) (i32.const 6))
        (then
          ;; Gradient accumulators of layer l, the six samples in order:
          ;;   g[r, k..k+1] = ((g + dz_A[r]·a_A[k..k+1]) + dz_B[r]·a_B[k..k+1]) + … + dz_F[r]·a_F[k..k+1]
          ;;   h[r..r+1]    = ((h + dz_A[r..r+1]) + dz_B[r..r+1]) + … + dz_F[r..r+1]
          (local.set $gr_prev (i32.sub (local.get $rec) (i32.const 48)))
          ;; g is n_l rows of s_{l-1} float64s, rowBytes apart
          (local.set $gr_rowBytes (i32.shl (i32.load offset=4 (local.get $gr_prev)) (i32.const 3)))
          (local.set $gr_pg0 (i32.load offset=20 (local.get $rec)))
          (local.set $gr_dz (i32.load offset=32 (local.get $rec)))
          (local.set $gr_pa (i32.load offset=28 (local.get $gr_prev)))
          ;; the ends of a row of act_{l-1} and of dz_l
          (local.set $gr_end (i32.add (local.get $gr_pa) (local.get $gr_rowBytes)))
          (local.set $gr_dzEnd (i32.add (local.get $gr_dz) (i32.shl (i32.load (local.get $rec)) (i32.const 3))))
          ;; column pair by column pair (k, k+1): the samples' a_q[k..k+1] held, down the rows r
          (loop $cols
            (local.set $gr_aA (v128.load (local.get $gr_pa)))
            (local.set $gr_aB (v128.load offset=2048 (local.get $gr_pa)))
            (local.set $gr_aC (v128.load offset=4096 (local.get $gr_pa)))
            (local.set $gr_aD (v128.load offset=6144 (local.get $gr_pa)))
            (local.set $gr_aE (v128.load offset=8192 (local.get $gr_pa)))
            (local.set $gr_aF (v128.load offset=10240 (local.get $gr_pa)))
            (local.set $gr_pg (local.get $gr_pg0))
            (local.set $gr_pd (local.get $gr_dz))
            (loop $rows
              (v128.store (local.get $gr_pg)
                (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add
                  (v128.load (local.get $gr_pg))
                  (f64x2.mul (v128.load64_splat (local.get $gr_pd)) (local.get $gr_aA)))
                  (f64x2.mul (v128.load64_splat offset=2048 (local.get $gr_pd)) (local.get $gr_aB)))
                  (f64x2.mul (v128.load64_splat offset=4096 (local.get $gr_pd)) (local.get $gr_aC)))
                  (f64x2.mul (v128.load64_splat offset=6144 (local.get $gr_pd)) (local.get $gr_aD)))
                  (f64x2.mul (v128.load64_splat offset=8192 (local.get $gr_pd)) (local.get $gr_aE)))
                  (f64x2.mul (v128.load64_splat offset=10240 (local.get $gr_pd)) (local.get $gr_aF))))
              (local.set $gr_pg (i32.add (local.get $gr_pg) (local.get $gr_rowBytes)))
              (br_if $rows (i32.ne (local.tee $gr_pd (i32.add (local.get $gr_pd) (i32.const 8))) (local.get $gr_dzEnd))))
            (local.set $gr_pg0 (i32.add (local.get $gr_pg0) (i32.const 16)))
            (br_if $cols (i32.ne (local.tee $gr_pa (i32.add (local.get $gr_pa) (i32.const 16))) (local.get $gr_end))))
          (local.set $gr_pairs (i32.shr_u (i32.load offset=4 (local.get $rec)) (i32.const 1)))
          (local.set $gr_ph (i32.load offset=24 (local.get $rec)))
          (local.set $gr_pd (i32.load offset=32 (local.get $rec)))
          (loop $bias
            (v128.store (local.get $gr_ph)
              (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add
                (v128.load (local.get $gr_ph))
                (v128.load (local.get $gr_pd)))
                (v128.load offset=2048 (local.get $gr_pd)))
                (v128.load offset=4096 (local.get $gr_pd)))
                (v128.load offset=6144 (local.get $gr_pd)))
                (v128.load offset=8192 (local.get $gr_pd)))
                (v128.load offset=10240 (local.get $gr_pd))))
            (local.set $gr_ph (i32.add (local.get $gr_ph) (i32.const 16)))
            (local.set $gr_pd (i32.add (local.get $gr_pd) (i32.const 16)))
            (br_if $bias (local.tee $gr_pairs (i32.sub (local.get $gr_pairs) (i32.const 1))))))
        (else
          (local.set $q (i32.const 0))
          (loop $each
            (call $grads1 (local.get $rec) (local.get $q))
            (br_if $each (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $count))))))
      (br_if $back (i32.ge_u (local.tee $rec (i32.sub (local.get $rec) (i32.const 48))) (i32.const 112)))))

  ;; One full-batch gradient-descent step; the outputs a_L[j] are left in OUT
  ;; for the cost, which the caller computes with Math.log.
  (func (export "step") (param $lr f64)
    (local $m i32) (local $j i32) (local $invM v128) (local $rec i32) (local $top i32) (local $lrv v128)
    (local.set $m (i32.load (i32.const 4)))
    (local.set $top (i32.add (i32.const 64) (i32.mul (i32.load (i32.const 0)) (i32.const 48))))
    ;; invM = 1 / m, as the scalar kernels, in both lanes
    (local.set $invM (f64x2.splat (f64.div (f64.const 1) (f64.convert_i32_u (local.get $m)))))
    (block $groupsDone
      (loop $groups
        (br_if $groupsDone (i32.gt_u (i32.add (local.get $j) (i32.const 6)) (local.get $m)))
        (call $samples (local.get $j) (i32.const 6) (local.get $invM))
        (local.set $j (i32.add (local.get $j) (i32.const 6)))
        (br $groups)))
    (if (i32.lt_u (local.get $j) (local.get $m))
      (then (call $samples (local.get $j) (i32.sub (local.get $m) (local.get $j)) (local.get $invM))))
    (local.set $lrv (f64x2.splat (local.get $lr)))
    (local.set $rec (i32.const 112))
    (loop $upd
      (call $update (local.get $rec) (local.get $lrv))
      (br_if $upd (i32.le_u (local.tee $rec (i32.add (local.get $rec) (i32.const 48))) (local.get $top)))))
)
