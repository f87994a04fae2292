/**
 * The dashboard's memory. V8 sizes the main thread's heap for speed: its young
 * generation grows to two 16 MB semi-spaces while Ink draws (each frame is
 * mostly short-lived strings), and the old generation grows by a factor of
 * 1.5 to 4 between full collections. Node's --max-semi-space-size and
 * --max-old-space-size would cap both, but only when given before the process
 * starts, which `node dist/cli.js` and `npx init-tui` do not do (and the bin's
 * shebang cannot carry them portably: `env -S` is not in BusyBox). Two V8
 * flags are read at every collection instead, so they still work when set at
 * run time: the young generation keeps its first 1 MB semi-spaces, and the
 * heap grows by 10 % between full collections.
 *
 * V8 flags are process-wide, but every new isolate puts the semi-space growth
 * factor back to at least 2 (Heap::ConfigureHeap clamps it): each worker
 * thread sets the flags again as the first thing it does (worker-entry.cts,
 * from the pool's workerData), before its task arrives; a collection on the
 * main thread in between may still grow its young generation once.
 */
import { setFlagsFromString } from 'node:v8';

export const SMALL_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=10'] as const;

let small = false;

/** Sets V8 flags (process-wide) from here on. */
export function setHeapFlags(flags: readonly string[]): void {
  for (const flag of flags) setFlagsFromString(flag);
}

/** From here on the heap stays close to what it holds (the dashboard calls it before Ink loads). */
export function keepHeapSmall(): void {
  small = true;
  setHeapFlags(SMALL_HEAP_FLAGS);
}

/** The flags a race's worker threads set again as they start: the small heap's, if this thread asked for it. */
export function heapFlagsForWorkers(): readonly string[] {
  return small ? SMALL_HEAP_FLAGS : [];
}
