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
 * thread, once started, sets the flags again (worker.ts, task.smallHeap).
 */
import { setFlagsFromString } from 'node:v8';

export const SMALL_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=10'] as const;

let small = false;

/** From here on the heap stays close to what it holds (the dashboard calls it before Ink loads). */
export function keepHeapSmall(): void {
  small = true;
  for (const flag of SMALL_HEAP_FLAGS) setFlagsFromString(flag);
}

/** Whether this thread asked for a small heap: a race then asks its workers to set the flags again as they start. */
export function heapKeptSmall(): boolean {
  return small;
}
