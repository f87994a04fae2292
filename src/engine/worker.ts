/**
 * Worker entry (run by piscina): trains one run with the shared training loop
 * (training-loop.ts) and streams its typed events over the task's MessagePort.
 * The thread decides nothing about the race: it obeys the shared control
 * block and reports, and sleeps on it with Atomics.wait.
 */
import { setPriority } from 'node:os';
import { keepHeapSmall } from './heap.js';
import { CONTROL, type TrainTask } from './protocol.js';
import { TrainingLoop } from './training-loop.js';

export default function train(task: TrainTask): void {
  const { port } = task;
  if (task.yieldToMain) {
    // On Linux setpriority(PRIO_PROCESS, 0) applies to the calling thread only:
    // this worker, not the main thread that draws. Elsewhere it may apply to the
    // whole process, which is harmless; where it is refused, nothing changes.
    try {
      setPriority(10);
    } catch {
      // not permitted here: train at the normal priority
    }
  }
  if (task.smallHeap) keepHeapSmall();
  const ctrl = new Int32Array(task.control);
  const loop = new TrainingLoop(task, ctrl, (e, transfer = []) => port.postMessage(e, transfer));
  for (;;) {
    const next = loop.next();
    if (next.kind === 'end') return;
    if (next.kind === 'sleep') {
      const from = performance.now();
      Atomics.wait(ctrl, CONTROL.GEN, next.gen, next.ms);
      loop.woke(next, performance.now() - from);
    }
  }
}
