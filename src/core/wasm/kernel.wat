;; The simd training kernel: one full-batch gradient-descent step of a
;; ReLU/sigmoid network, with the hidden units of a layer two at a time in the
;; f64 lanes of an f64x2 and four samples at a time, bit-identical to
;; GenericKernel and FusedKernel.
;;
;; Why the numbers are the same float64s as the scalar kernels':
;;  - Every sum is a chain of IEEE-754 binary64 additions in the scalar order:
;;    lane i of a vector only ever meets lane i of another vector (f64x2.add,
;;    f64x2.mul, f64x2.sub are exact per-lane IEEE operations, as JS's + * -),
;;    and there is no fused multiply-add, no horizontal add, no reassociation.
;;      z[r]  = (0 + W[r,0]·a[0] + W[r,1]·a[1] + …) + b[r]   units r, r+1 in the lanes
;;      dW    = 0 + dz_0·a_0 + dz_1·a_1 + …                  samples in order j = 0, 1, …
;;      da[k] = (0 + W[0,k]·dz[0] + W[1,k]·dz[1] + …)        units k, k+1 of the layer below in the lanes
;;  - ReLU is f64x2.pmax(z, 0) = (z < 0 ? 0 : z), the scalar `if (z < 0) z = 0`:
;;    -0 and NaN pass through. Its derivative is the select a > 0 ? s : s·0.
;;  - The sigmoid uses $exp below, V8's Math.exp algorithm operation for
;;    operation, so 1 / (1 + exp(-z)) is the scalar kernels' value.
;;  - Four samples (A, B, C, D) go through the network together; they share
;;    the weight loads and give the CPU independent work. Every gradient
;;    accumulator adds sample j, then j + 1, j + 2, j + 3, as the scalar kernels do.
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
;; Phantom samples. When m is not a multiple of 4, the last group runs the
;; forward and backReLU passes with phantom samples (copies of a real one),
;; which are per-sample work; the gradients of that group are accumulated one
;; real sample at a time ($grads1), so no phantom is ever added to a sum.
;; So each real value is computed by exactly the scalar kernels' operations.
;;
;; Memory (laid out by simd-kernel.ts; byte addresses, all f64 arrays):
;;   header at 0:    i32 L, i32 m, i32 X, i32 Y, i32 OUT
;;   layer records at 64 + 48·l, l = 0..L (layer 1's at 112):
;;     +0 n_l  +4 s_l (even stride)  +8 Wr (n_l × s_{l-1}, row-major)
;;     +12 Wc (s_{l-1} × s_l, the transpose)  +16 b (s_l)  +20 g (like Wr)
;;     +24 h (s_l)  +28 act (sample q's row at +2048·q, q = 0..3)  +32 dz (idem)
;;   X: m × s_0 inputs, sample-major (pad 0); Y: m + 3 labels; OUT: m + 3 outputs a_L
;;   (the 3 extra slots of Y and OUT serve the phantom samples).
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
  ;; act_0 ← the inputs of samples j … j+3 (sample q's row at +2048·q), a pair
  ;; of inputs at a time (X rows have the even stride s_0, the pad is 0).
  ;; Past the `count` real samples, the rows repeat sample j: phantoms.
  ;; --------------------------------------------------------------------
  (func $inputs (param $j i32) (param $count i32)
    (local $sb i32) (local $pairs i32) (local $dst i32)
    (local $pA i32) (local $pB i32) (local $pC i32) (local $pD i32)
    (local.set $pairs (i32.shr_u (i32.load offset=4 (i32.const 64)) (i32.const 1)))
    (local.set $sb (i32.shl (i32.load offset=4 (i32.const 64)) (i32.const 3)))
    (local.set $dst (i32.load offset=28 (i32.const 64)))
    (local.set $pA (i32.add (i32.load (i32.const 8)) (i32.mul (local.get $j) (local.get $sb))))
    (local.set $pB (i32.add (local.get $pA) (select (local.get $sb) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 1)))))
    (local.set $pC (i32.add (local.get $pA) (select (i32.shl (local.get $sb) (i32.const 1)) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 2)))))
    (local.set $pD (i32.add (local.get $pA) (select (i32.mul (local.get $sb) (i32.const 3)) (i32.const 0) (i32.gt_u (local.get $count) (i32.const 3)))))
    (loop $k
      (v128.store (local.get $dst) (v128.load (local.get $pA)))
      (v128.store offset=2048 (local.get $dst) (v128.load (local.get $pB)))
      (v128.store offset=4096 (local.get $dst) (v128.load (local.get $pC)))
      (v128.store offset=6144 (local.get $dst) (v128.load (local.get $pD)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $pA (i32.add (local.get $pA) (i32.const 16)))
      (local.set $pB (i32.add (local.get $pB) (i32.const 16)))
      (local.set $pC (i32.add (local.get $pC) (i32.const 16)))
      (local.set $pD (i32.add (local.get $pD) (i32.const 16)))
      (br_if $k (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; --------------------------------------------------------------------
  ;; Hidden layer l, four samples, units r, r+1 in the lanes:
  ;;   a_l[r..r+1] = relu((0 + Σ_k Wc[k, r..r+1]·a_{l-1}[k]) + b[r..r+1])
  ;; --------------------------------------------------------------------
  (func $forward (param $rec i32)
    (local $prev i32) (local $pairs i32) (local $sb i32) (local $nk i32) (local $back i32)
    (local $pw i32) (local $pb i32) (local $po i32) (local $in i32) (local $pa i32) (local $k i32)
    (local $w v128) (local $b v128) (local $zero v128)
    (local $accA v128) (local $accB v128) (local $accC v128) (local $accD v128)
    (local.set $prev (i32.sub (local.get $rec) (i32.const 48)))
    (local.set $pairs (i32.shr_u (i32.load offset=4 (local.get $rec)) (i32.const 1)))
    (local.set $sb (i32.shl (i32.load offset=4 (local.get $rec)) (i32.const 3)))
    (local.set $nk (i32.load (local.get $prev)))
    ;; from the bottom of a Wc column pair back to the top of the next one
    (local.set $back (i32.sub (i32.const 16) (i32.mul (local.get $nk) (local.get $sb))))
    (local.set $pw (i32.load offset=12 (local.get $rec)))
    (local.set $pb (i32.load offset=16 (local.get $rec)))
    (local.set $po (i32.load offset=28 (local.get $rec)))
    (local.set $in (i32.load offset=28 (local.get $prev)))
    (loop $units
      (local.set $accA (local.get $zero))
      (local.set $accB (local.get $zero))
      (local.set $accC (local.get $zero))
      (local.set $accD (local.get $zero))
      (local.set $pa (local.get $in))
      (local.set $k (local.get $nk))
      ;; one row of Wc per input k: the weights from k into units r and r+1
      (loop $terms
        (local.set $w (v128.load (local.get $pw)))
        (local.set $accA (f64x2.add (local.get $accA) (f64x2.mul (local.get $w) (v128.load64_splat (local.get $pa)))))
        (local.set $accB (f64x2.add (local.get $accB) (f64x2.mul (local.get $w) (v128.load64_splat offset=2048 (local.get $pa)))))
        (local.set $accC (f64x2.add (local.get $accC) (f64x2.mul (local.get $w) (v128.load64_splat offset=4096 (local.get $pa)))))
        (local.set $accD (f64x2.add (local.get $accD) (f64x2.mul (local.get $w) (v128.load64_splat offset=6144 (local.get $pa)))))
        (local.set $pw (i32.add (local.get $pw) (local.get $sb)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
        (br_if $terms (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $pw (i32.add (local.get $pw) (local.get $back)))
      (local.set $b (v128.load (local.get $pb)))
      ;; relu: pmax(z, 0) = z < 0 ? 0 : z
      (v128.store (local.get $po) (f64x2.pmax (f64x2.add (local.get $accA) (local.get $b)) (local.get $zero)))
      (v128.store offset=2048 (local.get $po) (f64x2.pmax (f64x2.add (local.get $accB) (local.get $b)) (local.get $zero)))
      (v128.store offset=4096 (local.get $po) (f64x2.pmax (f64x2.add (local.get $accC) (local.get $b)) (local.get $zero)))
      (v128.store offset=6144 (local.get $po) (f64x2.pmax (f64x2.add (local.get $accD) (local.get $b)) (local.get $zero)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
      (local.set $po (i32.add (local.get $po) (i32.const 16)))
      (br_if $units (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; --------------------------------------------------------------------
  ;; Output layer L (one sigmoid unit), samples j … j+3, one scalar chain each:
  ;;   a = 1 / (1 + exp(-((0 + Σ_k W[0,k]·a_{L-1}[k]) + b))),  OUT[j] = a,  dz_L = invM·(a - y)
  ;; --------------------------------------------------------------------
  (func $output (param $rec i32) (param $j i32) (param $invM f64)
    (local $prev i32) (local $k i32) (local $pw i32) (local $pa i32) (local $w f64) (local $b f64)
    (local $zA f64) (local $zB f64) (local $zC f64) (local $zD f64)
    (local $out i32) (local $y i32) (local $pd i32)
    (local.set $prev (i32.sub (local.get $rec) (i32.const 48)))
    (local.set $k (i32.load (local.get $prev)))
    (local.set $pw (i32.load offset=8 (local.get $rec)))
    (local.set $pa (i32.load offset=28 (local.get $prev)))
    (loop $terms
      (local.set $w (f64.load (local.get $pw)))
      (local.set $zA (f64.add (local.get $zA) (f64.mul (local.get $w) (f64.load (local.get $pa)))))
      (local.set $zB (f64.add (local.get $zB) (f64.mul (local.get $w) (f64.load offset=2048 (local.get $pa)))))
      (local.set $zC (f64.add (local.get $zC) (f64.mul (local.get $w) (f64.load offset=4096 (local.get $pa)))))
      (local.set $zD (f64.add (local.get $zD) (f64.mul (local.get $w) (f64.load offset=6144 (local.get $pa)))))
      (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (br_if $terms (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (local.set $b (f64.load (i32.load offset=16 (local.get $rec))))
    (local.set $zA (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (f64.add (local.get $zA) (local.get $b)))))))
    (local.set $zB (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (f64.add (local.get $zB) (local.get $b)))))))
    (local.set $zC (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (f64.add (local.get $zC) (local.get $b)))))))
    (local.set $zD (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (f64.add (local.get $zD) (local.get $b)))))))
    (local.set $out (i32.add (i32.load (i32.const 16)) (i32.shl (local.get $j) (i32.const 3))))
    (local.set $y (i32.add (i32.load (i32.const 12)) (i32.shl (local.get $j) (i32.const 3))))
    (f64.store (local.get $out) (local.get $zA))
    (f64.store offset=8 (local.get $out) (local.get $zB))
    (f64.store offset=16 (local.get $out) (local.get $zC))
    (f64.store offset=24 (local.get $out) (local.get $zD))
    (local.set $pd (i32.load offset=32 (local.get $rec)))
    (f64.store (local.get $pd) (f64.mul (local.get $invM) (f64.sub (local.get $zA) (f64.load (local.get $y)))))
    (f64.store offset=2048 (local.get $pd) (f64.mul (local.get $invM) (f64.sub (local.get $zB) (f64.load offset=8 (local.get $y)))))
    (f64.store offset=4096 (local.get $pd) (f64.mul (local.get $invM) (f64.sub (local.get $zC) (f64.load offset=16 (local.get $y)))))
    (f64.store offset=6144 (local.get $pd) (f64.mul (local.get $invM) (f64.sub (local.get $zD) (f64.load offset=24 (local.get $y))))))

  ;; --------------------------------------------------------------------
  ;; Back through layer l's weights and the ReLU below it, four samples,
  ;; units k, k+1 of layer l-1 in the lanes:
  ;;   s = 0 + Σ_r Wr[r, k..k+1]·dz_l[r];  dz_{l-1}[k..k+1] = a_{l-1} > 0 ? s : s·0
  ;; --------------------------------------------------------------------
  (func $backReLU (param $rec i32)
    (local $prev i32) (local $pairs i32) (local $sb i32) (local $nr i32) (local $back i32)
    (local $pw i32) (local $dz i32) (local $pd i32) (local $pa i32) (local $po i32) (local $r i32)
    (local $w v128) (local $zero v128) (local $sA v128) (local $sB v128) (local $sC v128) (local $sD v128)
    (local.set $prev (i32.sub (local.get $rec) (i32.const 48)))
    (local.set $pairs (i32.shr_u (i32.load offset=4 (local.get $prev)) (i32.const 1)))
    (local.set $sb (i32.shl (i32.load offset=4 (local.get $prev)) (i32.const 3)))
    (local.set $nr (i32.load (local.get $rec)))
    (local.set $back (i32.sub (i32.const 16) (i32.mul (local.get $nr) (local.get $sb))))
    (local.set $pw (i32.load offset=8 (local.get $rec)))
    (local.set $dz (i32.load offset=32 (local.get $rec)))
    (local.set $pa (i32.load offset=28 (local.get $prev)))
    (local.set $po (i32.load offset=32 (local.get $prev)))
    (loop $units
      (local.set $sA (local.get $zero))
      (local.set $sB (local.get $zero))
      (local.set $sC (local.get $zero))
      (local.set $sD (local.get $zero))
      (local.set $pd (local.get $dz))
      (local.set $r (local.get $nr))
      ;; down the column pair (k, k+1) of Wr: one row per unit r of layer l
      (loop $terms
        (local.set $w (v128.load (local.get $pw)))
        (local.set $sA (f64x2.add (local.get $sA) (f64x2.mul (local.get $w) (v128.load64_splat (local.get $pd)))))
        (local.set $sB (f64x2.add (local.get $sB) (f64x2.mul (local.get $w) (v128.load64_splat offset=2048 (local.get $pd)))))
        (local.set $sC (f64x2.add (local.get $sC) (f64x2.mul (local.get $w) (v128.load64_splat offset=4096 (local.get $pd)))))
        (local.set $sD (f64x2.add (local.get $sD) (f64x2.mul (local.get $w) (v128.load64_splat offset=6144 (local.get $pd)))))
        (local.set $pw (i32.add (local.get $pw) (local.get $sb)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (br_if $terms (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
      (local.set $pw (i32.add (local.get $pw) (local.get $back)))
      (v128.store (local.get $po)
        (v128.bitselect (local.get $sA) (f64x2.mul (local.get $sA) (local.get $zero))
                        (f64x2.gt (v128.load (local.get $pa)) (local.get $zero))))
      (v128.store offset=2048 (local.get $po)
        (v128.bitselect (local.get $sB) (f64x2.mul (local.get $sB) (local.get $zero))
                        (f64x2.gt (v128.load offset=2048 (local.get $pa)) (local.get $zero))))
      (v128.store offset=4096 (local.get $po)
        (v128.bitselect (local.get $sC) (f64x2.mul (local.get $sC) (local.get $zero))
                        (f64x2.gt (v128.load offset=4096 (local.get $pa)) (local.get $zero))))
      (v128.store offset=6144 (local.get $po)
        (v128.bitselect (local.get $sD) (f64x2.mul (local.get $sD) (local.get $zero))
                        (f64x2.gt (v128.load offset=6144 (local.get $pa)) (local.get $zero))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $po (i32.add (local.get $po) (i32.const 16)))
      (br_if $units (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; --------------------------------------------------------------------
  ;; Gradient accumulators of layer l, the four samples in order:
  ;;   g[r, k..k+1] = (((g + dz_A[r]·a_A[k..k+1]) + dz_B[r]·a_B[k..k+1]) + …C) + …D
  ;;   h[r..r+1]    = (((h + dz_A[r..r+1]) + dz_B[r..r+1]) + …C) + …D
  ;; --------------------------------------------------------------------
  (func $grads4 (param $rec i32)
    (local $prev i32) (local $pairs i32) (local $nr i32) (local $k i32)
    (local $pg i32) (local $pd i32) (local $pa i32) (local $in i32) (local $ph i32)
    (local $dA v128) (local $dB v128) (local $dC v128) (local $dD v128)
    (local.set $prev (i32.sub (local.get $rec) (i32.const 48)))
    (local.set $pairs (i32.shr_u (i32.load offset=4 (local.get $prev)) (i32.const 1)))
    (local.set $nr (i32.load (local.get $rec)))
    (local.set $pg (i32.load offset=20 (local.get $rec)))
    (local.set $pd (i32.load offset=32 (local.get $rec)))
    (local.set $in (i32.load offset=28 (local.get $prev)))
    (loop $rows
      (local.set $dA (v128.load64_splat (local.get $pd)))
      (local.set $dB (v128.load64_splat offset=2048 (local.get $pd)))
      (local.set $dC (v128.load64_splat offset=4096 (local.get $pd)))
      (local.set $dD (v128.load64_splat offset=6144 (local.get $pd)))
      (local.set $pa (local.get $in))
      (local.set $k (local.get $pairs))
      (loop $cols
        (v128.store (local.get $pg)
          (f64x2.add (f64x2.add (f64x2.add (f64x2.add
            (v128.load (local.get $pg))
            (f64x2.mul (local.get $dA) (v128.load (local.get $pa))))
            (f64x2.mul (local.get $dB) (v128.load offset=2048 (local.get $pa))))
            (f64x2.mul (local.get $dC) (v128.load offset=4096 (local.get $pa))))
            (f64x2.mul (local.get $dD) (v128.load offset=6144 (local.get $pa)))))
        (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (br_if $cols (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
      (br_if $rows (local.tee $nr (i32.sub (local.get $nr) (i32.const 1)))))
    (local.set $pairs (i32.shr_u (i32.load offset=4 (local.get $rec)) (i32.const 1)))
    (local.set $ph (i32.load offset=24 (local.get $rec)))
    (local.set $pd (i32.load offset=32 (local.get $rec)))
    (loop $bias
      (v128.store (local.get $ph)
        (f64x2.add (f64x2.add (f64x2.add (f64x2.add
          (v128.load (local.get $ph))
          (v128.load (local.get $pd)))
          (v128.load offset=2048 (local.get $pd)))
          (v128.load offset=4096 (local.get $pd)))
          (v128.load offset=6144 (local.get $pd))))
      (local.set $ph (i32.add (local.get $ph) (i32.const 16)))
      (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
      (br_if $bias (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))

  ;; The same for sample q alone (the last m mod 4 samples, one at a time):
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

  ;; Samples j … j+count-1 (count 1..4): forward through the hidden layers,
  ;; the output and its delta, then back layer by layer, accumulating the
  ;; gradients sample after sample.
  (func $samples (param $j i32) (param $count i32) (param $invM f64)
    (local $top i32) (local $rec i32) (local $q i32)
    ;; the output layer's record
    (local.set $top (i32.add (i32.const 64) (i32.mul (i32.load (i32.const 0)) (i32.const 48))))
    (call $inputs (local.get $j) (local.get $count))
    (local.set $rec (i32.const 112))
    (block $fwdDone
      (loop $fwd
        (br_if $fwdDone (i32.ge_u (local.get $rec) (local.get $top)))
        (call $forward (local.get $rec))
        (local.set $rec (i32.add (local.get $rec) (i32.const 48)))
        (br $fwd)))
    (call $output (local.get $top) (local.get $j) (local.get $invM))
    (local.set $rec (local.get $top))
    (loop $back
      (if (i32.gt_u (local.get $rec) (i32.const 112)) (then (call $backReLU (local.get $rec))))
      (if (i32.eq (local.get $count) (i32.const 4))
        (then (call $grads4 (local.get $rec)))
        (else
          (local.set $q (i32.const 0))
          (loop $each
            (call $grads1 (local.get $rec) (local.get $q))
            (br_if $each (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $count))))))
      (br_if $back (i32.ge_u (local.tee $rec (i32.sub (local.get $rec) (i32.const 48))) (i32.const 112)))))

  ;; One full-batch gradient-descent step; the outputs a_L[j] are left in OUT
  ;; for the cost, which the caller computes with Math.log.
  (func (export "step") (param $lr f64)
    (local $m i32) (local $j i32) (local $invM f64) (local $rec i32) (local $top i32) (local $lrv v128)
    (local.set $m (i32.load (i32.const 4)))
    (local.set $top (i32.add (i32.const 64) (i32.mul (i32.load (i32.const 0)) (i32.const 48))))
    ;; invM = 1 / m, as the scalar kernels
    (local.set $invM (f64.div (f64.const 1) (f64.convert_i32_u (local.get $m))))
    (block $fourDone
      (loop $fours
        (br_if $fourDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $m)))
        (call $samples (local.get $j) (i32.const 4) (local.get $invM))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $fours)))
    (if (i32.lt_u (local.get $j) (local.get $m))
      (then (call $samples (local.get $j) (i32.sub (local.get $m) (local.get $j)) (local.get $invM))))
    (local.set $lrv (f64x2.splat (local.get $lr)))
    (local.set $rec (i32.const 112))
    (loop $upd
      (call $update (local.get $rec) (local.get $lrv))
      (br_if $upd (i32.le_u (local.tee $rec (i32.add (local.get $rec) (i32.const 48))) (local.get $top)))))
)
