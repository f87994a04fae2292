/**
 * One run's training loop, the same wherever it runs: the core's Run driven
 * in batches, typed events (at most MAX_EVENTS_PER_SECOND), and the control
 * block obeyed between batches (pause, single step, pace, cancel). It never
 * blocks: each call to `next()` does one piece of work and says what it needs
 * before the next. A worker thread (worker.ts) sleeps with Atomics.wait; the
 * inline runner (inline.ts), on the main thread, sleeps with a timer and
 * returns to the event loop between calls. One loop, so both give the same
 * events and the same numbers.
 */
import type { CostPoint } from '../core/experiment.js';
import { Run } from '../core/experiment.js';
import { diagnose, type Diagnostics } from '../core/diagnostics.js';
import { cloneParams } from '../core/network.js';
import { snapshot, type Boundary } from './boundary.js';
import { twoThreadKernel } from './layer-helper.js';
import {
  BOUNDARY_MS,
  BOUNDARY_SHARE,
  CANCELLED,
  CONTROL,
  MAX_EVENTS_PER_SECOND,
  PAUSED,
  type TrainTask,
  type WorkerMessage,
} from './protocol.js';

const POST_INTERVAL_MS = 1000 / MAX_EVENTS_PER_SECOND;
/** Unthrottled, a batch aims at this much work between looks at the control block. */
const BATCH_MS = 4;
/** A paced run this far behind its schedule drops the debt instead of bursting. */
const CATCH_UP_MS = 100;
/** Diagnostics at most this often (they cost a forward pass over the training set). */
const DIAG_MS = 100;
/**
 * And at most about this share of the run's time: after a diagnosis that took
 * d ms the next waits d·(1/DIAG_SHARE − 1) ms, if that is longer. At 8 hidden
 * layers of 256 a diagnosis (plain loops over 300 points) takes several steps
 * of the layer kernel, and every 100 ms it was most of the run.
 */
const DIAG_SHARE = 0.1;
/** Paused, a loop looks at the control block at least this often even when nothing wakes it. */
const PAUSED_WAIT_MS = 1000;

/** What a loop trains: a task without the thread's own parts (its port, its priority). */
export type LoopTask = Omit<TrainTask, 'control' | 'port' | 'yieldToMain'>;

/** Hands a message to the main thread's side of the race (transfer: buffers that may move). */
export type Post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void;

/** What the loop needs before its next call. */
export type Next =
  | { readonly kind: 'go' }
  /** Sleep until the control block's GEN word is no longer `gen`, or `ms` have passed; then call woke(). */
  | { readonly kind: 'sleep'; readonly gen: number; readonly ms: number; readonly paused: boolean }
  /** Finished (its last message posted) or cancelled (nothing more posted). */
  | { readonly kind: 'end' };

const GO: Next = { kind: 'go' };
const END: Next = { kind: 'end' };

export class TrainingLoop {
  private readonly task: LoopTask;
  private readonly ctrl: Int32Array;
  private readonly post: Post;
  private readonly run: Run;
  private samples: CostPoint[] = [];
  private busyMs = 0;
  /** Wall time of the run with its pauses left out: a finished lane's average speed. */
  private readonly startedAt: number;
  private pausedMs = 0;
  private lastPost: number;
  private itersSincePost = 0;
  /** Steps asked for before this loop started count too: the sequence starts at 0 with the race. */
  private seenStep = 0;
  private batch = 16;
  /**
   * Pacing: iteration `paceFrom + k` is due at paceStart + k / pace seconds. Every
   * iteration counts, the diagnosed steps included (they once doubled a slow pace).
   */
  private pace = 0;
  private paceStart = 0;
  private paceFrom = 0;
  private diag: Diagnostics | undefined;
  private diagAt = -1;
  private lastDiag = -Infinity;
  /** How long the last diagnosed step took, in ms. */
  private diagMs = 0;
  /** When the next boundary snapshot is due (diagnostics only). */
  private boundaryDue = -Infinity;
  private ended = false;

  /** Builds the run (its kernel and its start diagnostics); with diagnostics, posts them at once. */
  constructor(task: LoopTask, ctrl: Int32Array, post: Post) {
    this.task = task;
    this.ctrl = ctrl;
    this.post = post;
    this.run = new Run(task.config, task.spec, task.data, {
      traceEvery: task.traceEvery,
      ...(task.twoThreads ? { kernel: twoThreadKernel } : {}),
    });
    this.startedAt = performance.now();
    this.lastPost = this.startedAt;
    if (task.diagnostics) {
      // The first diagnostics are the run's start (iteration 0, taken before any
      // step): posted at once, so a dashboard has its starting line even when the
      // race begins paused. The next come DIAG_MS later.
      this.diag = this.run.startDiagnostics;
      this.diagAt = 0;
      this.lastDiag = performance.now();
      this.flush(this.lastDiag);
    }
  }

  private readonly onSample = (i: number, c: number): void => {
    this.samples.push([i, c]);
  };

  /** Diagnostics: one ordinary training step between two snapshots gives its gradients without touching the kernel. */
  private diagnosedStep(alsoCostAt = -1): void {
    if (this.run.iteration === 0) {
      // At iteration 0 the run has them already, with the theory's prediction beside them (the same bits diagnose gives).
      this.advance(1, alsoCostAt);
      this.diag = this.run.startDiagnostics;
      this.diagAt = 0;
      return;
    }
    const before = cloneParams(this.run.params());
    this.advance(1, alsoCostAt);
    this.diag = diagnose(before, this.run.params(), this.task.config.learningRate, this.task.data.train, this.task.data.test);
    this.diagAt = this.run.iteration - 1;
  }

  private diagStep(now: number): void {
    if (!this.task.diagnostics || this.run.finished) return;
    if (now - this.lastDiag < Math.max(DIAG_MS, this.diagMs * (1 / DIAG_SHARE - 1))) return;
    this.diagnosedStep();
    this.lastDiag = performance.now();
    this.diagMs = this.lastDiag - now;
  }

  /**
   * A boundary snapshot when one is due: BOUNDARY_MS after the last, or later
   * when taking it was slow, so that snapshots stay under BOUNDARY_SHARE of the
   * run's time (a 2,10,5,1 network's takes ~1 ms; a wide one's can take 100s).
   */
  private boundary(now: number): Boundary | undefined {
    if (!this.task.diagnostics || now < this.boundaryDue) return undefined;
    const t0 = performance.now();
    const b = snapshot(this.run.params(), this.run.iteration);
    const took = performance.now() - t0;
    this.boundaryDue = now + Math.max(BOUNDARY_MS, took / BOUNDARY_SHARE);
    return b;
  }

  private flush(now: number): void {
    const dt = now - this.lastPost;
    const d = this.diag;
    this.diag = undefined;
    const b = this.boundary(now);
    this.post({
      ...(d ? { diag: d, diagAt: this.diagAt } : {}),
      ...(b ? { boundary: b } : {}),
      type: 'progress',
      run: this.task.run,
      iteration: this.run.iteration,
      cost: this.run.cost,
      costAt: this.run.costAt,
      samples: this.samples,
      itersPerSec: dt > 0 ? (this.itersSincePost * 1000) / dt : 0,
      elapsedMs: now - this.startedAt - this.pausedMs,
    });
    this.samples = [];
    this.lastPost = now;
    this.itersSincePost = 0;
  }

  private advance(count: number, alsoCostAt = -1): void {
    const { run } = this;
    const fault = this.task.fault;
    if (fault && fault.scheme === run.scheme && run.iteration <= fault.at && fault.at < run.iteration + count) {
      run.advance(fault.at - run.iteration, this.onSample);
      // In a worker thread process.exit() ends the thread, not the process (the inline runner takes no faults).
      if (fault.kind === 'exit') process.exit(1);
      throw new Error(`injected fault: ${run.scheme} failed on purpose at iteration ${fault.at}`);
    }
    const t0 = performance.now();
    this.itersSincePost += run.advance(count, this.onSample, alsoCostAt);
    this.busyMs += performance.now() - t0;
  }

  /** Ends the run's second thread, if it has one (the loop ends it itself at its end; this is for a run dropped before). */
  close(): void {
    this.run.close();
  }

  /** One piece of work: a batch, a single step, a paced batch, or the end. */
  next(): Next {
    const { run, ctrl, task } = this;
    if (this.ended) return END;
    if (run.finished) {
      this.ended = true;
      this.boundaryDue = -Infinity; // the trained network's boundary, whenever the last one was
      this.flush(performance.now());
      run.close(); // after the last boundary snapshot, which reads the trained parameters
      const costs = run.recordedCosts();
      this.post({ type: 'finished', run: task.run, result: run.outcome(this.busyMs / 1000), costs }, [costs.buffer as ArrayBuffer]);
      return END;
    }
    const gen = Atomics.load(ctrl, CONTROL.GEN);
    const state = Atomics.load(ctrl, CONTROL.STATE);
    if (state === CANCELLED) {
      this.ended = true;
      run.close();
      return END;
    }
    if (state === PAUSED) {
      const stepSeq = Atomics.load(ctrl, CONTROL.STEP_SEQ);
      if (stepSeq !== this.seenStep) {
        this.seenStep = (this.seenStep + 1) | 0;
        if (task.diagnostics) this.diagnosedStep(run.iteration);
        else this.advance(1, run.iteration);
        this.flush(performance.now());
        return GO;
      }
      if (this.itersSincePost > 0 || this.samples.length > 0) this.flush(performance.now());
      return { kind: 'sleep', gen, ms: PAUSED_WAIT_MS, paused: true };
    }
    this.seenStep = Atomics.load(ctrl, CONTROL.STEP_SEQ);
    const wanted = Atomics.load(ctrl, CONTROL.PACE);
    if (wanted !== this.pace) {
      this.pace = wanted;
      this.paceStart = performance.now();
      this.paceFrom = run.iteration;
    }
    if (this.pace > 0) {
      // Paced: small batches, each posted, each with its own cost for the display. A
      // pace beyond what the kernel does is capped by the batch the time allows, so the
      // run still posts ~30 times a second instead of vanishing into one huge batch.
      const n = Math.max(1, Math.min(Math.ceil(this.pace / MAX_EVENTS_PER_SECOND), this.batch));
      const t0 = performance.now();
      this.advance(n, Math.min(run.iteration + n, task.config.iterations) - 1);
      this.fitBatch(performance.now() - t0);
      const now = performance.now();
      if (now - this.lastPost >= POST_INTERVAL_MS || run.finished) {
        this.diagStep(now);
        this.flush(now);
      }
      let due = this.paceStart + ((run.iteration - this.paceFrom) * 1000) / this.pace;
      if (now - due > CATCH_UP_MS) {
        // Far behind (the cores were busy elsewhere): start the schedule again from
        // here rather than race to catch up, so the pace a person watches stays even.
        this.paceStart = now;
        this.paceFrom = run.iteration;
        due = now;
      }
      return !run.finished && due > now ? { kind: 'sleep', gen, ms: due - now, paused: false } : GO;
    }
    const t0 = performance.now();
    this.advance(this.batch);
    this.fitBatch(performance.now() - t0);
    const now = performance.now();
    if (now - this.lastPost >= POST_INTERVAL_MS) {
      this.diagStep(now);
      this.flush(now);
    }
    return GO;
  }

  /** Grows or shrinks the batch towards BATCH_MS of work per look at the control block. */
  private fitBatch(took: number): void {
    if (took < BATCH_MS / 2 && this.batch < 1 << 20) this.batch *= 2;
    else if (took > BATCH_MS * 2 && this.batch > 1) this.batch = Math.max(1, this.batch >> 1);
  }

  /** After a sleep of `sleptMs`: a pause is left out of the run's time, and pacing and speed start again from here. */
  woke(sleep: Extract<Next, { kind: 'sleep' }>, sleptMs: number): void {
    if (!sleep.paused) return;
    this.pausedMs += sleptMs;
    this.pace = -1; // restart the pacing schedule after a pause
    this.lastPost = performance.now(); // and measure speed from here, not across the pause
  }
}
