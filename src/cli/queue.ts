/**
 * `--queue redis://…`: the headless modes with the models trained by a
 * queue's workers instead of this machine's threads. Standard output is the
 * local run's, to the byte but for `seconds` (the same document or table, built
 * from the same FinishedRuns); what the queue does goes to stderr. Ctrl-C (or
 * SIGTERM, SIGHUP) stops following, removes the jobs no worker has started, and
 * exits 130 (143, 129) as a local run does. Loaded only with --queue.
 */
import type { TrainTest } from '../core/experiment.js';
import { unreachable } from '../engine/queue/connection.js';
import type { RaceStarter } from '../engine/race.js';
import { openSubmitter, startQueueRace, type QueueNote } from '../engine/queue/submit.js';
import type { Invocation } from './argv.js';
import { runJson, runPlain, type HeadlessIO } from './headless.js';

/** Progress lines at most this often (and always the last). */
const PROGRESS_EVERY_MS = 1000;

/** The queue's notes as lines on stderr, each naming --queue and the address. */
function noteLines(address: string, err: (line: string) => void): (n: QueueNote) => void {
  const say = (text: string): void => err(`init-tui: --queue ${address}: ${text}`);
  let lastProgress = -Infinity;
  return (n) => {
    switch (n.kind) {
      case 'submitted':
        return say(`${n.total} models: ${n.reused} already trained, ${n.added} submitted`);
      case 'workers':
        return n.count === 0
          ? say(
              `no worker is taking jobs; waiting (start one with: init-tui --worker ${address}; Ctrl-C stops and removes the jobs not started)`,
            )
          : say(`${n.count} worker${n.count === 1 ? '' : 's'} taking jobs`);
      case 'progress': {
        const now = performance.now();
        if (n.done < n.total && now - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now;
        return say(`${n.done}/${n.total} models done`);
      }
      case 'lost':
        return say(`lost the connection to Redis (${n.reason}); reconnecting`);
      case 'reconnected':
        return say('reconnected to Redis');
      case 'resubmitted':
        return say(
          `${n.count} job${n.count === 1 ? ' was' : 's were'} missing from the queue (Redis restarted without its data?): submitted again`,
        );
    }
  };
}

/**
 * The dashboard's race starter for --queue: every race (and every restart) is
 * submitted to the queue and its map fills from the queue's completion events,
 * as from local threads. The queue's notes (no worker, reconnected) go nowhere
 * while the dashboard owns the screen; the map shows what is done. A string:
 * why Redis cannot be reached.
 */
export async function queueRaceStarter(address: NonNullable<Invocation['queue']>): Promise<RaceStarter | string> {
  const why = await unreachable(address);
  if (why !== undefined) return `init-tui: --queue ${address.text}: cannot reach Redis: ${why}`;
  const submitter = await openSubmitter(address);
  return (config, _rc, onEvent) => startQueueRace(submitter, config, onEvent, () => {});
}

/** The headless run (plain text, or --json) on the queue; returns the exit status (1: Redis unreachable, or a model failed). */
export async function runQueued(options: Invocation, data: TrainTest, io: HeadlessIO): Promise<number> {
  const address = options.queue!;
  const why = await unreachable(address);
  if (why !== undefined) {
    io.err(`init-tui: --queue ${address.text}: cannot reach Redis: ${why}`);
    return 1;
  }
  const submitter = await openSubmitter(address);
  const note = noteLines(address.text, io.err);
  const queued: HeadlessIO = { ...io, start: (config, _rc, onEvent) => startQueueRace(submitter, config, onEvent, note) };
  return (options.json ? runJson : runPlain)(options, data, queued);
}
