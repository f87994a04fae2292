/**
 * Small pieces of WebAssembly text that the kernel generators share: memory
 * offsets, shift counts, lines repeated once per sample. Each returns text,
 * nothing more; the generators stay templates of the module they emit.
 */

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
