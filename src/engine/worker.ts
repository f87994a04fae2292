/**
 * Worker entry (run by piscina): trains one run with the shared training loop
 * (training-loop.ts) and streams its typed events over the task's MessagePort.
 * The thread decides nothing about the race: it obeys the shared control
 * block and reports, and sleeps on it with Atomics.wait.
 */
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { setHeapFlags } from './heap.js';
import { CONTROL, type TrainTask, type WorkerData } from './protocol.js';
import { TrainingLoop } from './training-loop.js';

// Where piscina loads this file itself (under tsx, in the tests), this is the thread's start
// (worker-entry.cts does it otherwise): the heap flags again, before anything allocates.
setHeapFlags((workerData as WorkerData | undefined)?.heapFlags ?? []);

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
  const ctrl = new Int32Array(task.control);
  const loop = new TrainingLoop(task, ctrl, (e, transfer = []) => port.postMessage(e, transfer));
  try {
    for (;;) {
      const next = loop.next();
      if (next.kind === 'end') return;
      if (next.kind === 'sleep') {
        const from = performance.now();
        Atomics.wait(ctrl, CONTROL.GEN, next.gen, next.ms);
        loop.woke(next, performance.now() - from);
      }
    }
  } finally {
    // A run that failed leaves no second thread behind either.
    loop.close();
  }
}
