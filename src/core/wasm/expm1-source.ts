/**
 * The expm1 and tanh of the WebAssembly kernels, as text: $expm1, a port of
 * V8's Math.expm1 (fdlibm's s_expm1.c, src/base/ieee754.cc) operation for
 * operation; $expm1vN, the same on the lanes of several f64x2 at once (a
 * vector form for every lane below 700, $expm1 lane by lane otherwise);
 * $tanhvN, V8's Math.tanh (fdlibm's s_tanh.c: tanh calls expm1) on several
 * f64x2 at once; and the exports the host checks them with against
 * Math.expm1 and Math.tanh (expm1Array, expm1ArrayN, tanhArrayN). They touch
 * no memory but the arrays the checks pass.
 */
import { inPlace, inPlaceN, nonFinite } from './wat.js';

/** fdlibm's expm1 constants, by name (hex: the bits s_expm1.c lists). */
const Q = [
  '-3.33333333333331316428e-02',
  '1.58730158725481460165e-03',
  '-7.93650757867487942473e-05',
  '4.00821782732936239552e-06',
  '-2.01099218183624371326e-07',
];
const LN2_HI = '6.93147180369123816490e-01';
const LN2_LO = '1.90821492927058770002e-10';
const INVLN2 = '1.44269504088896338700e+00';

/** r1 = 1 + hxs·(Q1 + hxs·(Q2 + hxs·(Q3 + hxs·(Q4 + hxs·Q5)))), for f64 or f64x2 (constants as given). */
function r1(type: 'f64' | 'f64x2', hxs: string, k: (i: number) => string): string {
  let inner = `(${type}.mul ${hxs} ${k(4)})`;
  for (let i = 3; i >= 0; i--) inner = `(${type}.mul ${hxs} (${type}.add ${k(i)} ${inner}))`;
  return `(${type}.add ${type === 'f64' ? '(f64.const 1)' : '(local.get $one)'} ${inner})`;
}

function scalar(): string {
  return `  ;; --------------------------------------------------------------------
  ;; expm1(x) = e^x - 1: V8's Math.expm1 (src/base/ieee754.cc \`expm1\`, fdlibm's
  ;; s_expm1.c), the same float64 operations in the same order.
  ;;   x = k·ln2 + r, |r| <= 0.5·ln2, r = hi - lo, c the rounding error of r;
  ;;   hfx = r/2, hxs = r·hfx, R1 = 1 + hxs·(Q1 + … hxs·Q5), t = 3 - R1·hfx,
  ;;   e = hxs·((R1 - t)/(6 - r·t)); k = 0: r - (r·e - hxs); else
  ;;   e = (r·(e - c) - c) - hxs and expm1(x) = 2^k·(expm1(r) + 1) - 1 in one of
  ;;   five forms by k (-1, 1, <= -2 or > 56, 2..19, 20..56).
  ;; --------------------------------------------------------------------
  (func $expm1 (export "expm1") (param $x f64) (result f64)
    (local $bits i64) (local $hx i32) (local $xsb i32) (local $k i32)
    (local $hi f64) (local $lo f64) (local $c f64) (local $t f64) (local $e f64)
    (local $hfx f64) (local $hxs f64) (local $r1 f64) (local $twopk f64) (local $y f64)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
    (local.set $xsb (i32.and (local.get $hx) (i32.const 0x80000000)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    ;; |x| >= 56·ln2
    (if (i32.ge_u (local.get $hx) (i32.const 0x4043687A))
      (then
        (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42))
          (then
${nonFinite('expm1', '-1', '            ')}
            ;; o_threshold 0x40862E42FEFA39EF: huge·huge = +∞
            (if (f64.gt (local.get $x) (f64.const 7.09782712893383973096e+02))
              (then (return (f64.const inf))))))
        ;; x < -56·ln2: tiny - one = -1 (x + tiny < 0 always holds here)
        (if (local.get $xsb) (then (return (f64.const -1))))))
    ;; argument reduction
    (if (i32.gt_u (local.get $hx) (i32.const 0x3FD62E42))
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
          (then
            (if (i32.eqz (local.get $xsb))
              (then
                (local.set $hi (f64.sub (local.get $x) (f64.const ${LN2_HI})))
                (local.set $lo (f64.const ${LN2_LO}))
                (local.set $k (i32.const 1)))
              (else
                (local.set $hi (f64.add (local.get $x) (f64.const ${LN2_HI})))
                (local.set $lo (f64.const -${LN2_LO}))
                (local.set $k (i32.const -1)))))
          (else
            ;; k = (int)(invln2·x + (x < 0 ? -0.5 : 0.5)), truncated toward 0
            (local.set $k (i32.trunc_f64_s
              (f64.add (f64.mul (f64.const ${INVLN2}) (local.get $x))
                       (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const ${LN2_HI}))))
            (local.set $lo (f64.mul (local.get $t) (f64.const ${LN2_LO})))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo)))
        (local.set $c (f64.sub (f64.sub (local.get $hi) (local.get $x)) (local.get $lo))))
      (else
        ;; |x| < 2^-54: x - ((huge + x) - (huge + x)) = x
        (if (i32.lt_u (local.get $hx) (i32.const 0x3C900000))
          (then (return (local.get $x))))))
    (local.set $hfx (f64.mul (f64.const 0.5) (local.get $x)))
    (local.set $hxs (f64.mul (local.get $x) (local.get $hfx)))
    (local.set $r1 ${r1('f64', '(local.get $hxs)', (i) => `(f64.const ${Q[i]})`)})
    (local.set $t (f64.sub (f64.const 3) (f64.mul (local.get $r1) (local.get $hfx))))
    (local.set $e (f64.mul (local.get $hxs)
      (f64.div (f64.sub (local.get $r1) (local.get $t)) (f64.sub (f64.const 6) (f64.mul (local.get $x) (local.get $t))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $x) (f64.sub (f64.mul (local.get $x) (local.get $e)) (local.get $hxs))))))
    ;; 2^k from its high word (k <= 1024; k = 1024 is treated below)
    (local.set $twopk (f64.reinterpret_i64 (i64.shl
      (i64.extend_i32_u (i32.add (i32.const 0x3FF00000) (i32.shl (local.get $k) (i32.const 20))))
      (i64.const 32))))
    (local.set $e (f64.sub (f64.sub (f64.mul (local.get $x) (f64.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
    (if (i32.eq (local.get $k) (i32.const -1))
      (then (return (f64.sub (f64.mul (f64.const 0.5) (f64.sub (local.get $x) (local.get $e))) (f64.const 0.5)))))
    (if (i32.eq (local.get $k) (i32.const 1))
      (then
        (if (f64.lt (local.get $x) (f64.const -0.25))
          (then (return (f64.mul (f64.const -2) (f64.sub (local.get $e) (f64.add (local.get $x) (f64.const 0.5)))))))
        (return (f64.add (f64.const 1) (f64.mul (f64.const 2) (f64.sub (local.get $x) (local.get $e)))))))
    (if (i32.or (i32.le_s (local.get $k) (i32.const -2)) (i32.gt_s (local.get $k) (i32.const 56)))
      (then
        (local.set $y (f64.sub (f64.const 1) (f64.sub (local.get $e) (local.get $x))))
        (if (i32.eq (local.get $k) (i32.const 1024))
          (then (local.set $y (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 8.98846567431158e+307))))
          (else (local.set $y (f64.mul (local.get $y) (local.get $twopk)))))
        (return (f64.sub (local.get $y) (f64.const 1)))))
    (if (i32.lt_s (local.get $k) (i32.const 20))
      (then
        ;; t = 1 - 2^-k: high word 0x3FF00000 - (0x200000 >> k), low word 0
        (local.set $t (f64.reinterpret_i64 (i64.shl
          (i64.extend_i32_u (i32.sub (i32.const 0x3FF00000) (i32.shr_s (i32.const 0x200000) (local.get $k))))
          (i64.const 32))))
        (return (f64.mul (f64.sub (local.get $t) (f64.sub (local.get $e) (local.get $x))) (local.get $twopk)))))
    ;; t = 2^-k: high word (0x3FF - k) << 20
    (local.set $t (f64.reinterpret_i64 (i64.shl
      (i64.extend_i32_u (i32.shl (i32.sub (i32.const 0x3FF) (local.get $k)) (i32.const 20)))
      (i64.const 32))))
    (f64.mul (f64.add (f64.sub (local.get $x) (f64.add (local.get $e) (local.get $t))) (f64.const 1)) (local.get $twopk))
  )

${inPlace('expm1 over n float64s in place at ptr (for the check).', 'expm1Array', '$expm1', 'f64')}`;
}

/** `(local $name0 v128) … (local $name{v-1} v128)` for each name. */
function vectorLocals(names: readonly string[], v: number): string {
  return names.map((n) => Array.from({ length: v }, (_, i) => `(local $${n}${i} v128)`).join(' ')).join('\n    ');
}

/** Each statement for vector 0, 1, …, v-1 in turn: v independent chains the CPU runs side by side. */
function interleave(v: number, statements: readonly ((i: number) => string)[]): string {
  return statements.map((st) => Array.from({ length: v }, (_, i) => `    ${st(i)}`).join('\n')).join('\n');
}

/** The shared constants of the vector expm1 and tanh, set once per call. */
const CONSTANTS: readonly [string, string][] = [
  ['one', '(f64x2.splat (f64.const 1))'],
  ['two', '(f64x2.splat (f64.const 2))'],
  ['half', '(f64x2.splat (f64.const 0.5))'],
  ['sign', '(v128.const i64x2 0x8000000000000000 0x8000000000000000)'],
  ['invln2', `(f64x2.splat (f64.const ${INVLN2}))`],
  ['ln2hi', `(f64x2.splat (f64.const ${LN2_HI}))`],
  ['ln2lo', `(f64x2.splat (f64.const ${LN2_LO}))`],
  ['kzero', '(v128.const i64x2 0x3FD62E4300000000 0x3FD62E4300000000)'],
  ['magic', '(f64x2.splat (f64.const 0x1.8p52))'],
  ['bias', '(v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)'],
  ...Q.map((v, i): [string, string] => [`q${i + 1}`, `(f64x2.splat (f64.const ${v}))`]),
  ['three', '(f64x2.splat (f64.const 3))'],
  ['six', '(f64x2.splat (f64.const 6))'],
  ['k20', '(f64x2.splat (f64.const 20))'],
  ['k56', '(f64x2.splat (f64.const 56))'],
  ['minus2', '(f64x2.splat (f64.const -2))'],
  ['minusQuarter', '(f64x2.splat (f64.const -0.25))'],
  ['minus1', '(f64x2.splat (f64.const -1))'],
  ['zero', '(v128.const i64x2 0 0)'],
  ['tiny54', '(v128.const i64x2 0x3C90000000000000 0x3C90000000000000)'],
  ['minus56ln2', '(v128.const i64x2 0xC043687A00000000 0xC043687A00000000)'],
  ['k22', '(f64x2.splat (f64.const 22))'],
  ['tiny28', '(v128.const i64x2 0x3E30000000000000 0x3E30000000000000)'],
];
const setConstants = (): string => CONSTANTS.map(([n, v]) => `    (local.set $${n} ${v})`).join('\n');
const constantLocals = (): string => CONSTANTS.map(([n]) => `(local $${n} v128)`).join(' ');

/** Per-vector locals of the expm1 core (and its input $x{i}, its result $res{i}). */
const CORE_LOCALS = ['ax', 't', 'hi', 'lo', 'r', 'c', 'hfx', 'hxs', 'r1', 'u', 'e', 'e2', 'k52', 'twopk', 'twomk', 'res'];

/**
 * Which of $expm1's result forms a caller's lanes can reach (all, by default):
 * `positive`: k >= 2 (the 2..19 and 20..56 forms, and k > 56 beside k <= -2);
 * `one`: k = 1; `filters`: |x| < 2^-54 and x <= -56·ln2. A form left out is
 * one no lane whose result is used can take (each caller says why).
 */
interface Forms {
  readonly positive: boolean;
  readonly one: boolean;
  readonly filters: boolean;
}
const ALL: Forms = { positive: true, one: true, filters: true };

/** The expm1 core as statements on vector i: $x{i} in, $res{i} out ($expm1vN's comment says why each lane is $expm1's). */
function coreStatements(forms: Forms = ALL): ((i: number) => string)[] {
  const g =
    (name: string) =>
    (i: number): string =>
      `(local.get $${name}${i})`;
  const [x, ax, t, hi, lo, r, c, hfx, hxs, r1v, u, e, e2, k52, twopk, twomk, res] = [
    'x',
    'ax',
    't',
    'hi',
    'lo',
    'r',
    'c',
    'hfx',
    'hxs',
    'r1',
    'u',
    'e',
    'e2',
    'k52',
    'twopk',
    'twomk',
    'res',
  ].map(g) as ((i: number) => string)[];
  const one = '(local.get $one)';
  const sel = (i: number, value: string, test: string): string => `(local.set $res${i} (v128.bitselect ${value} ${res!(i)} ${test}))`;
  const statements: (((i: number) => string) | false)[] = [
    (i) => `(local.set $ax${i} (f64x2.abs ${x!(i)}))`,
    (i) =>
      `(local.set $t${i} (v128.andnot (f64x2.trunc (f64x2.add (f64x2.mul (local.get $invln2) ${x!(i)}) (v128.or (v128.and ${x!(i)} (local.get $sign)) (local.get $half)))) (f64x2.lt ${ax!(i)} (local.get $kzero))))`,
    (i) => `(local.set $hi${i} (f64x2.sub ${x!(i)} (f64x2.mul ${t!(i)} (local.get $ln2hi))))`,
    (i) => `(local.set $lo${i} (f64x2.mul ${t!(i)} (local.get $ln2lo)))`,
    (i) => `(local.set $r${i} (f64x2.sub ${hi!(i)} ${lo!(i)}))`,
    (i) => `(local.set $c${i} (f64x2.sub (f64x2.sub ${hi!(i)} ${r!(i)}) ${lo!(i)}))`,
    (i) => `(local.set $hfx${i} (f64x2.mul (local.get $half) ${r!(i)}))`,
    (i) => `(local.set $hxs${i} (f64x2.mul ${r!(i)} ${hfx!(i)}))`,
    (i) => `(local.set $r1${i} ${r1('f64x2', hxs!(i), (k) => `(local.get $q${k + 1})`)})`,
    (i) => `(local.set $u${i} (f64x2.sub (local.get $three) (f64x2.mul ${r1v!(i)} ${hfx!(i)})))`,
    (i) =>
      `(local.set $e${i} (f64x2.mul ${hxs!(i)} (f64x2.div (f64x2.sub ${r1v!(i)} ${u!(i)}) (f64x2.sub (local.get $six) (f64x2.mul ${r!(i)} ${u!(i)})))))`,
    (i) => `(local.set $e2${i} (f64x2.sub (f64x2.sub (f64x2.mul ${r!(i)} (f64x2.sub ${e!(i)} ${c!(i)})) ${c!(i)}) ${hxs!(i)}))`,
    // k·2^52 (mod 2^64), then 2^k and 2^-k in the exponent field
    (i) => `(local.set $k52${i} (i64x2.shl (f64x2.add ${t!(i)} (local.get $magic)) (i32.const 52)))`,
    (i) => `(local.set $twopk${i} (i64x2.add ${k52!(i)} (local.get $bias)))`,
    forms.positive && ((i) => `(local.set $twomk${i} (i64x2.sub (local.get $bias) ${k52!(i)}))`),
    // k <= -2 or k > 56: (1 - (e - r))·2^k - 1
    (i) => `(local.set $res${i} (f64x2.sub (f64x2.mul (f64x2.sub ${one} (f64x2.sub ${e2!(i)} ${r!(i)})) ${twopk!(i)}) ${one}))`,
    // 2 <= k < 20: ((1 - 2^-k) - (e - r))·2^k
    forms.positive &&
      ((i) =>
        sel(
          i,
          `(f64x2.mul (f64x2.sub (f64x2.sub ${one} ${twomk!(i)}) (f64x2.sub ${e2!(i)} ${r!(i)})) ${twopk!(i)})`,
          `(v128.and (f64x2.ge ${t!(i)} (local.get $two)) (f64x2.lt ${t!(i)} (local.get $k20)))`,
        )),
    // 20 <= k <= 56: ((r - (e + 2^-k)) + 1)·2^k
    forms.positive &&
      ((i) =>
        sel(
          i,
          `(f64x2.mul (f64x2.add (f64x2.sub ${r!(i)} (f64x2.add ${e2!(i)} ${twomk!(i)})) ${one}) ${twopk!(i)})`,
          `(v128.and (f64x2.ge ${t!(i)} (local.get $k20)) (f64x2.le ${t!(i)} (local.get $k56)))`,
        )),
    // k = 1: r < -0.25 ? -2·(e - (r + 0.5)) : 1 + 2·(r - e)
    forms.one &&
      ((i) =>
        sel(
          i,
          `(v128.bitselect (f64x2.mul (local.get $minus2) (f64x2.sub ${e2!(i)} (f64x2.add ${r!(i)} (local.get $half)))) (f64x2.add ${one} (f64x2.mul (local.get $two) (f64x2.sub ${r!(i)} ${e2!(i)}))) (f64x2.lt ${r!(i)} (local.get $minusQuarter)))`,
          `(f64x2.eq ${t!(i)} ${one})`,
        )),
    // k = -1: 0.5·(r - e) - 0.5
    (i) =>
      sel(
        i,
        `(f64x2.sub (f64x2.mul (local.get $half) (f64x2.sub ${r!(i)} ${e2!(i)})) (local.get $half))`,
        `(f64x2.eq ${t!(i)} (local.get $minus1))`,
      ),
    // k = 0: r - (r·e - hxs), with the e before the correction
    (i) => sel(i, `(f64x2.sub ${r!(i)} (f64x2.sub (f64x2.mul ${r!(i)} ${e!(i)}) ${hxs!(i)}))`, `(f64x2.eq ${t!(i)} (local.get $zero))`),
    // |x| < 2^-54: x; x <= -56·ln2: -1
    forms.filters && ((i) => sel(i, x!(i), `(f64x2.lt ${ax!(i)} (local.get $tiny54))`)),
    forms.filters && ((i) => sel(i, '(local.get $minus1)', `(f64x2.le ${x!(i)} (local.get $minus56ln2))`)),
  ];
  return statements.filter((st) => st !== false);
}

const params = (v: number): string => Array.from({ length: v }, (_, i) => `(param $in${i} v128)`).join(' ');
const results = (v: number): string => `(result${' v128'.repeat(v)})`;
const gets = (name: string, v: number): string => Array.from({ length: v }, (_, i) => `(local.get $${name}${i})`).join(' ');

/** $expm1vN and $tanhvN on v vectors, and their check exports over arrays 2v float64s at a time. */
function vector(v: number): string {
  const lanes = 2 * v;
  const checkExport = (name: string, fn: string): string =>
    inPlaceN(`${fn} over n float64s in place at ptr, ${lanes} at a time (n a multiple of ${lanes}; for the check).`, name, fn, v);
  return `  ;; --------------------------------------------------------------------
  ;; expm1 of ${v} vectors (${lanes} lanes) at once, lane by lane $expm1's bits, for
  ;; lanes below 700 (NaN included); if any lane is 700 or more (+∞, overflow,
  ;; k up to 1024), every lane goes through $expm1 instead. The vector form:
  ;;  - k as in $expv: t = trunc(invln2·x + copysign(0.5, x)), +0 where
  ;;    hx <= 0x3FD62E42 (|x| < 0x3FD62E4300000000 as a float). In $expm1's
  ;;    k = ±1 branch this is ±1, and hi = x - t·ln2_hi, lo = t·ln2_lo are its
  ;;    x ∓ ln2_hi, ±ln2_lo exactly ($expv says why; x - (-h) is x + h); where
  ;;    t = +0, hi = x, lo = +0, r = x, the k = 0 branch's r;
  ;;  - the five forms for k ≠ 0 are each computed and selected by t; 2^k and
  ;;    2^-k (for 2 <= k <= 56, where $expm1 builds them from a high word) come
  ;;    from k·2^52 in the exponent field as in $expv, and 1 - 2^-k is exact;
  ;;  - |x| < 2^-54 gives x; x <= -56·ln2 (high word 0x4043687A and up, -∞
  ;;    too) gives -1, as $expm1's filters; a NaN lane stays NaN throughout
  ;;    (every select's test is false for it).
  ;; The ${v} chains are interleaved, statement by statement, for the CPU to overlap.
  ;; --------------------------------------------------------------------
  (func $expm1vN ${params(v)} ${results(v)}
    ${vectorLocals(['x', ...CORE_LOCALS], v)}
    ${constantLocals()}
    (if (v128.any_true ${Array.from({ length: v }, (_, i) => `(f64x2.ge (local.get $in${i}) (f64x2.splat (f64.const 700)))`).reduce((a, b) => `(v128.or ${a} ${b})`)})
      (then
        (return ${Array.from({ length: v }, (_, i) => `(f64x2.replace_lane 1 (f64x2.splat (call $expm1 (f64x2.extract_lane 0 (local.get $in${i})))) (call $expm1 (f64x2.extract_lane 1 (local.get $in${i}))))`).join('\n          ')})))
${setConstants()}
${interleave(v, [(i) => `(local.set $x${i} (local.get $in${i}))`])}
${interleave(v, coreStatements())}
    ${gets('res', v)})

${checkExport('expm1ArrayN', '$expm1vN')}

  ;; $expm1vN for lanes <= 0 (or NaN), the selu's expm1(min(z, 0)): there
  ;; t = trunc(invln2·x - 0.5) <= 0, so only the forms k <= -2, -1, 0 and the
  ;; filters can be taken, and no lane reaches 700.
  (func $expm1negN ${params(v)} ${results(v)}
    ${vectorLocals(['x', ...CORE_LOCALS], v)}
    ${constantLocals()}
${setConstants()}
${interleave(v, [(i) => `(local.set $x${i} (local.get $in${i}))`])}
${interleave(v, coreStatements({ positive: false, one: false, filters: true }))}
    ${gets('res', v)})

${checkExport('expm1NegArrayN', '$expm1negN')}

  ;; --------------------------------------------------------------------
  ;; tanh of ${v} vectors at once: V8's Math.tanh (fdlibm's s_tanh.c) lane by lane:
  ;;   |x| < 2^-28: x;  2^-28 <= |x| < 1: -t/(t + 2), t = expm1(-2|x|);
  ;;   1 <= |x| < 22: 1 - 2/(t + 2), t = expm1(2|x|);  |x| >= 22 (∞ too): 1
  ;;   (one - tiny rounds to 1); negated for x < 0 (sign bit set).
  ;; One division serves both middle forms: q = (|x| >= 1 ? 2 : -t)/(t + 2),
  ;; then 1 - q or q. The expm1 arguments are below 44, where $expm1vN's
  ;; vector form is exact (in the lanes whose result is x or ±1 its value is
  ;; not used), so it runs here inline, interleaved, with the forms its
  ;; arguments reach: 2|x| >= 2 has k >= 3 and -2|x| in (-2, -2^-27] has
  ;; k in -3..0, so never k = 1, |x| < 2^-54 or x <= -56·ln2. NaN stays NaN.
  ;; --------------------------------------------------------------------
  (func $tanhvN ${params(v)} ${results(v)}
    ${vectorLocals(['x', ...CORE_LOCALS, 'big', 'quo', 'z'], v)}
    ${constantLocals()}
${setConstants()}
${interleave(v, [
  (i) => `(local.set $big${i} (f64x2.ge (f64x2.abs (local.get $in${i})) (local.get $one)))`,
  // 2·|x|, or -2·|x| (the same bits as -(2·|x|))
  (i) => `(local.set $x${i} (f64x2.mul (local.get $two) (f64x2.abs (local.get $in${i}))))`,
  (i) => `(local.set $x${i} (v128.bitselect (local.get $x${i}) (f64x2.neg (local.get $x${i})) (local.get $big${i})))`,
])}
${interleave(v, coreStatements({ positive: true, one: false, filters: false }))}
${interleave(v, [
  (i) =>
    `(local.set $quo${i} (f64x2.div (v128.bitselect (local.get $two) (f64x2.neg (local.get $res${i})) (local.get $big${i})) (f64x2.add (local.get $res${i}) (local.get $two))))`,
  (i) => `(local.set $z${i} (v128.bitselect (f64x2.sub (local.get $one) (local.get $quo${i})) (local.get $quo${i}) (local.get $big${i})))`,
  (i) =>
    `(local.set $z${i} (v128.bitselect (local.get $one) (local.get $z${i}) (f64x2.ge (f64x2.abs (local.get $in${i})) (local.get $k22))))`,
  // -z where x's sign bit is set
  (i) => `(local.set $z${i} (v128.xor (local.get $z${i}) (v128.and (local.get $in${i}) (local.get $sign))))`,
  (i) =>
    `(local.set $z${i} (v128.bitselect (local.get $in${i}) (local.get $z${i}) (f64x2.lt (f64x2.abs (local.get $in${i})) (local.get $tiny28))))`,
])}
    ${gets('z', v)})

${checkExport('tanhArrayN', '$tanhvN')}`;
}

/** $expm1, $expm1vN and $tanhvN on v vectors, and their check exports. */
export function expm1Source(v: number): string {
  return `${scalar()}\n\n${vector(v)}`;
}
