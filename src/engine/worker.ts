/**
 * Worker entry (run by piscina): trains one scheme with the core and streams
 * typed events over the task's MessagePort. The thread decides nothing about
 * the race: it obeys the shared control block and reports.
 */
import { setPriority } from 'node:os';
import type { CostPoint } from '../core/experiment.js';
import { Run } from '../core/experiment.js';
import { diagnose, type Diagnostics } from '../core/diagnostics.js';
import { cloneParams } from '../core/network.js';
import { CANCELLED, CONTROL, MAX_EVENTS_PER_SECOND, PAUSED, type TrainTask, type WorkerMessage } from './protocol.js';

const POST_INTERVAL_MS = 1000 / MAX_EVENTS_PER_SECOND;
/** Unthrottled, a batch aims at this much work between looks at the control block. */
const BATCH_MS = 4;
/** A paced run this far behind its schedule drops the debt instead of bursting. */
const CATCH_UP_MS = 100;
/** Diagnostics at most this often (they cost a forward pass over the training set). */
const DIAG_MS = 100;

export default function train(task: TrainTask): void {
  const { port, config, run: index } = task;
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
  const post = (e: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(e, transfer);
  const run = new Run(config, task.spec, task.data, { traceEvery: task.traceEvery });

  let samples: CostPoint[] = [];
  const onSample = (i: number, c: number): void => {
    samples.push([i, c]);
  };
  let busyMs = 0;
  // Wall time of the run with its pauses left out: a finished lane's average speed.
  const startedAt = performance.now();
  let pausedMs = 0;
  let lastPost = performance.now();
  let itersSincePost = 0;
  // Steps asked for before this thread started count too: the sequence starts at 0 with the race.
  let seenStep = 0;
  let batch = 16;
  // Pacing: iteration k of a paced stretch is due at paceStart + k / pace seconds.
  let pace = 0;
  let paceStart = 0;
  let paceDone = 0;

  // Diagnostics: at most every DIAG_MS, one ordinary training step is taken
  // between two snapshots, which gives its gradients without touching the kernel.
  let diag: Diagnostics | undefined;
  let diagAt = -1;
  let lastDiag = -Infinity;
  const diagnosedStep = (alsoCostAt = -1): void => {
    const before = cloneParams(run.params());
    advance(1, alsoCostAt);
    diag = diagnose(before, run.params(), config.learningRate, task.data.train, task.data.test);
    diagAt = run.iteration - 1;
  };
  const diagStep = (now: number): void => {
    if (!task.diagnostics || run.finished || now - lastDiag < DIAG_MS) return;
    lastDiag = now;
    diagnosedStep();
  };

  const flush = (now: number): void => {
    const dt = now - lastPost;
    const d = diag;
    diag = undefined;
    post({
      ...(d ? { diag: d, diagAt } : {}),
      type: 'progress',
      run: index,
      iteration: run.iteration,
      cost: run.cost,
      costAt: run.costAt,
      samples,
      itersPerSec: dt > 0 ? (itersSincePost * 1000) / dt : 0,
      elapsedMs: now - startedAt - pausedMs,
    });
    samples = [];
    lastPost = now;
    itersSincePost = 0;
  };

  const advance = (count: number, alsoCostAt = -1): void => {
    const fault = task.fault;
    if (fault && fault.scheme === run.scheme && run.iteration <= fault.at && fault.at < run.iteration + count) {
      run.advance(fault.at - run.iteration, onSample);
      if (fault.kind === 'exit') process.exit(1);
      throw new Error(`injected fault: ${run.scheme} failed on purpose at iteration ${fault.at}`);
    }
    const t0 = performance.now();
    itersSincePost += run.advance(count, onSample, alsoCostAt);
    busyMs += performance.now() - t0;
  };

  if (task.diagnostics) {
    // The first diagnostics are the run's start (iteration 0, taken before any
    // step): posted at once, so a dashboard has its starting line even when the
    // race begins paused. The next come DIAG_MS later.
    diag = run.startDiagnostics;
    diagAt = 0;
    lastDiag = performance.now();
    flush(lastDiag);
  }

  while (!run.finished) {
    const gen = Atomics.load(ctrl, CONTROL.GEN);
    const state = Atomics.load(ctrl, CONTROL.STATE);
    if (state === CANCELLED) return;
    if (state === PAUSED) {
      const stepSeq = Atomics.load(ctrl, CONTROL.STEP_SEQ);
      if (stepSeq !== seenStep) {
        seenStep = (seenStep + 1) | 0;
        if (task.diagnostics) diagnosedStep(run.iteration);
        else advance(1, run.iteration);
        flush(performance.now());
        continue;
      }
      if (itersSincePost > 0 || samples.length > 0) flush(performance.now());
      const waitFrom = performance.now();
      Atomics.wait(ctrl, CONTROL.GEN, gen, 1000);
      pausedMs += performance.now() - waitFrom;
      pace = -1; // restart the pacing schedule after a pause
      lastPost = performance.now(); // and measure speed from here, not across the pause
      continue;
    }
    seenStep = Atomics.load(ctrl, CONTROL.STEP_SEQ);
    const wanted = Atomics.load(ctrl, CONTROL.PACE);
    if (wanted !== pace) {
      pace = wanted;
      paceStart = performance.now();
      paceDone = 0;
    }
    if (pace > 0) {
      // Paced: small batches, each posted, each with its own cost for the display.
      const n = Math.max(1, Math.ceil(pace / MAX_EVENTS_PER_SECOND));
      const before = run.iteration;
      advance(n, Math.min(run.iteration + n, config.iterations) - 1);
      paceDone += run.iteration - before;
      const now = performance.now();
      if (now - lastPost >= POST_INTERVAL_MS || run.finished) {
        diagStep(now);
        flush(now);
      }
      let due = paceStart + (paceDone * 1000) / pace;
      if (now - due > CATCH_UP_MS) {
        // Far behind (the cores were busy elsewhere): start the schedule again from
        // here rather than race to catch up, so the pace a person watches stays even.
        paceStart = now;
        paceDone = 0;
        due = now;
      }
      if (!run.finished && due > now) Atomics.wait(ctrl, CONTROL.GEN, gen, due - now);
    } else {
      const t0 = performance.now();
      advance(batch);
      const took = performance.now() - t0;
      // Grow or shrink the batch towards BATCH_MS of work per look at the control block.
      if (took < BATCH_MS / 2 && batch < 1 << 20) batch *= 2;
      else if (took > BATCH_MS * 2 && batch > 1) batch = Math.max(1, batch >> 1);
      const now = performance.now();
      if (now - lastPost >= POST_INTERVAL_MS) {
        diagStep(now);
        flush(now);
      }
    }
  }
  flush(performance.now());
  const costs = run.recordedCosts();
  post({ type: 'finished', run: index, result: run.outcome(busyMs / 1000), costs }, [costs.buffer as ArrayBuffer]);
}
