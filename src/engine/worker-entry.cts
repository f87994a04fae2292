/**
 * What piscina loads in each thread: a CommonJS file, so that piscina's
 * require() never instantiates an ES module synchronously. Node 20 aborts the
 * whole process ("FATAL ERROR: v8::Module::IsGraphAsync … must be used on an
 * instantiated module") when a thread is terminated while require() is
 * instantiating an ES module, and a cancelled race terminates threads that may
 * still be starting. The training code is loaded with import() instead, which a
 * termination simply stops. (Under tsx, in the tests, piscina loads worker.ts
 * itself: tsx's hooks do not reach import() in a worker thread on Node 20.)
 */
import { setFlagsFromString } from 'node:v8';
import { workerData } from 'node:worker_threads';
import type { TrainTask, WorkerData } from './protocol.js';

// The first thing the thread does: its start put the main thread's heap flags back
// (engine/heap.ts), so they are set again before the training code loads or allocates.
for (const flag of (workerData as WorkerData | undefined)?.heapFlags ?? []) setFlagsFromString(flag);

export = async function train(task: TrainTask): Promise<void> {
  const worker = await import('./worker.js');
  worker.default(task);
};
