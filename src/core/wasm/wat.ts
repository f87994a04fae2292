/**
 * Small pieces of WebAssembly text that the kernel generators share: memory
 * offsets, shift counts, lines repeated once per sample. Each returns text,
 * nothing more; the generators stay templates of the module they emit.
 */
import { F64_BYTES, V128_BYTES } from './layout.js';

/** ` offset=N` for a load or store, nothing for 0 (wabt emits the same bytes either way). */
export function offset(bytes: number): string {
  return bytes === 0 ? '' : ` offset=${bytes}`;
}

/** A module or field name of an import or export, as WebAssembly text: a string (plain ASCII names only). */
export function name(text: string): string {
  if (!/^[\w.-]+$/.test(text)) throw new RangeError(`"${text}" is not a plain name`);
  return `"${text}"`;
}

/** The shift count that multiplies by bytes (a power of two). */
export function shift(bytes: number): number {
  const k = Math.log2(bytes);
  if (!Number.isInteger(k)) throw new RangeError(`${bytes} is not a power of two`);
  return k;
}

/** Sample q's letter in local names and comments: A, B, C, … */
export function letter(q: number): string {
  return String.fromCharCode(65 + q);
}

/** The samples' letters from first to last, "A … F". */
export function letterSpan(count: number): string {
  return `${letter(0)} … ${letter(count - 1)}`;
}

/** One line per index 0..count-1, joined with newlines. */
export function each(count: number, line: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => line(i)).join('\n');
}

/** `(local $name type)` declarations, perLine to a line, each line indented by indent. */
export function locals(decls: readonly (readonly [name: string, type: string])[], perLine: number, indent: string): string {
  const lines: string[] = [];
  for (let i = 0; i < decls.length; i += perLine) {
    lines.push(
      indent +
        decls
          .slice(i, i + perLine)
          .map(([name, type]) => `(local $${name} ${type})`)
          .join(' '),
    );
  }
  return lines.join('\n');
}

/** An export that applies fn to the n float64s at ptr in place, one f64 or one f64x2 at a time (a check's export). */
export function inPlace(comment: string, name: string, fn: string, type: 'f64' | 'v128'): string {
  const bytes = type === 'f64' ? F64_BYTES : V128_BYTES;
  return `  ;; ${comment}
  (func (export "${name}") (param $ptr i32) (param $n i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $each
        (${type}.store (local.get $ptr) (call ${fn} (${type}.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const ${bytes})))
        (br_if $each (local.tee $n (i32.sub (local.get $n) (i32.const ${bytes / F64_BYTES})))))))`;
}

/**
 * An export that applies fn, which takes and returns v f64x2s, to the n
 * float64s at ptr in place, 2v at a time (n a multiple of 2v; a check's export).
 */
export function inPlaceN(comment: string, name: string, fn: string, v: number): string {
  const lanes = v * (V128_BYTES / F64_BYTES);
  return `  ;; ${comment}
  (func (export "${name}") (param $ptr i32) (param $n i32)
    ${each(v, (i) => `(local $v${i} v128)`).replaceAll('\n', ' ')}
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $each
        (call ${fn} ${each(v, (i) => `(v128.load offset=${V128_BYTES * i} (local.get $ptr))`).replaceAll('\n', ' ')})
${each(v, (i) => `        (local.set $v${v - 1 - i})`)}
${each(v, (i) => `        (v128.store offset=${V128_BYTES * i} (local.get $ptr) (local.get $v${i}))`)}
        (local.set $ptr (i32.add (local.get $ptr) (i32.const ${V128_BYTES * v})))
        (br_if $each (local.tee $n (i32.sub (local.get $n) (i32.const ${lanes})))))))`;
}

/**
 * fdlibm's ∞ and NaN case in a scalar function fn of f64 $x: where $hx (the
 * high word of $bits without the sign) is 0x7FF00000 or more, NaN gives x + x
 * (a quiet NaN), +∞ itself and -∞ `atMinusInf`. Lines indented by indent.
 */
export function nonFinite(fn: string, atMinusInf: string, indent: string): string {
  return [
    '(if (i32.ge_u (local.get $hx) (i32.const 0x7FF00000))',
    '  (then',
    '    (if (i64.ne (i64.and (local.get $bits) (i64.const 0x000FFFFFFFFFFFFF)) (i64.const 0))',
    '      (then (return (f64.add (local.get $x) (local.get $x)))))',
    `    ;; ${fn}(+∞) = +∞, ${fn}(-∞) = ${atMinusInf}`,
    `    (if (local.get $xsb) (then (return (f64.const ${atMinusInf}))))`,
    '    (return (local.get $x))))',
  ]
    .map((line) => indent + line)
    .join('\n');
}
