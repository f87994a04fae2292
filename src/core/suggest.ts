/**
 * "Did you mean …?": the closest of a table's names to what was typed, by
 * edit distance (Damerau's optimal string alignment: an insertion, a deletion,
 * a substitution or two neighbours swapped each cost 1, so `jsno` is one step
 * from `json`). Pure and small: the names are an option table or a value table.
 */

/** The number of single-character edits (swaps of neighbours included) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic programme: i-2, i-1 and i (the swap looks two back).
  let older = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, older[j - 2]! + 1);
      row[j] = d;
    }
    older = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The one name of `names` that `typed` most likely meant, or undefined: the
 * nearest by edit distance when it is within a third of the name's length
 * (at least 1, at most 3 edits) and no other name is as near; else the one
 * name that starts with what was typed (`iter` → `iterations`).
 */
export function closest(typed: string, names: readonly string[]): string | undefined {
  if (typed === '' || names.includes(typed)) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const name of names) {
    const d = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (d < bestD) [best, bestD, tie] = [name, d, false];
    else if (d === bestD && name !== best) tie = true;
  }
  if (best !== undefined && best !== typed && !tie && bestD <= Math.min(3, Math.max(1, Math.floor(best.length / 3)))) return best;
  const starts = names.filter((n) => n.startsWith(typed));
  return starts.length === 1 ? starts[0] : undefined;
}

/** ` (did you mean X?)`, or nothing when no name is near enough: the tail of a one-line refusal. */
export function didYouMean(typed: string, names: readonly string[], prefix = ''): string {
  const near = closest(typed, names);
  return near === undefined ? '' : ` (did you mean ${prefix}${near}?)`;
}
