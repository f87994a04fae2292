/**
 * A race's control block seen from the main thread: the words the training
 * loops read between batches (protocol.ts CONTROL), and the four changes the
 * main thread makes to them. The pool and the inline runner share it; only
 * how a sleeping loop is woken differs (Atomics.notify for threads, a
 * callback for the loop on this thread).
 */
import { CANCELLED, CONTROL, PAUSED, RUNNING } from './protocol.js';
import type { FinishedRun } from '../core/experiment.js';
import type { Race } from './race.js';

export class Control {
  /** Shared with every worker of a race. */
  readonly buffer = new SharedArrayBuffer(CONTROL.LENGTH * Int32Array.BYTES_PER_ELEMENT);
  readonly words = new Int32Array(this.buffer);
  private readonly onChange: () => void;

  constructor(paused: boolean, pace: number, onChange: () => void = () => {}) {
    this.words[CONTROL.STATE] = paused ? PAUSED : RUNNING;
    this.words[CONTROL.PACE] = Math.max(0, Math.round(pace));
    this.onChange = onChange;
  }

  /** Wakes every sleeper: the GEN word changes, and whoever waits on it returns. */
  private signal(): void {
    Atomics.add(this.words, CONTROL.GEN, 1);
    Atomics.notify(this.words, CONTROL.GEN);
    this.onChange();
  }

  get paused(): boolean {
    return Atomics.load(this.words, CONTROL.STATE) === PAUSED;
  }

  get pace(): number {
    return Atomics.load(this.words, CONTROL.PACE);
  }

  pause(): void {
    if (Atomics.compareExchange(this.words, CONTROL.STATE, RUNNING, PAUSED) === RUNNING) this.signal();
  }

  resume(): void {
    if (Atomics.compareExchange(this.words, CONTROL.STATE, PAUSED, RUNNING) === PAUSED) this.signal();
  }

  /** One iteration for every run (only while paused). */
  step(): void {
    if (Atomics.load(this.words, CONTROL.STATE) !== PAUSED) return;
    Atomics.add(this.words, CONTROL.STEP_SEQ, 1);
    this.signal();
  }

  setPace(itersPerSec: number): void {
    Atomics.store(this.words, CONTROL.PACE, Math.max(0, Math.min(2 ** 31 - 1, Math.round(itersPerSec))));
    this.signal();
  }

  /** Loops between two batches see this and stop. */
  cancel(): void {
    Atomics.store(this.words, CONTROL.STATE, CANCELLED);
    this.signal();
  }
}

/**
 * A race's handle over its control block: pause, resume, single steps and pace
 * go to the control (and so to every run); `finished` and `cancel` are the
 * race's own (a pool of workers, or one run on this thread).
 */
export function raceHandle(control: Control, finished: Promise<readonly FinishedRun[]>, cancel: () => Promise<void>): Race {
  return {
    finished,
    get paused() {
      return control.paused;
    },
    get pace() {
      return control.pace;
    },
    pause: () => control.pause(),
    resume: () => control.resume(),
    step: () => control.step(),
    setPace: (itersPerSec) => control.setPace(itersPerSec),
    cancel,
  };
}
