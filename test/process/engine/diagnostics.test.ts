import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { makeData, type DoneRun } from '../../../src/core/experiment.ts';
import { startRace } from '../../../src/engine/race.ts';
import type { RunEvent } from '../../../src/engine/protocol.ts';

const DATA = makeData('circles');

test('a race asked for diagnostics streams them with the progress, and the numbers stay the same', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 3000, every: 500, schemes: ['zeros', 'he'] };
  const events: RunEvent[] = [];
  const race = startRace(config, { data: DATA, diagnostics: true, pace: 6000 }, (e) => events.push(e));
  const outcomes = await race.finished;
  const diags = events.filter((e) => e.type === 'progress' && e.diag !== undefined);
  assert.ok(diags.length >= 2, `${diags.length} diagnostics`);
  for (const run of [0, 1]) {
    const first = diags.find((e) => e.run === run);
    assert.ok(
      first?.type === 'progress' && first.diagAt === 0 && first.iteration === 0,
      `run ${run}: the first diagnostics are iteration 0's, sent before any step`,
    );
    assert.deepEqual(first.diag, (outcomes[run] as DoneRun).diagnostics.start);
  }
  for (const e of diags) {
    if (e.type !== 'progress' || !e.diag) continue;
    if (e.run === 0) assert.equal(e.diag.layers[0]!.distinct, 1);
    else assert.equal(e.diag.layers[0]!.distinct, 10);
  }
  const plain = await startRace(config, { data: DATA }, () => {}).finished;
  assert.deepEqual(
    outcomes.map((o) => (o.status === 'done' ? [o.costs, o.finalCost, o.trainAccuracy, o.testAccuracy, o.params, o.diagnostics] : o.error)),
    plain.map((o) => (o.status === 'done' ? [o.costs, o.finalCost, o.trainAccuracy, o.testAccuracy, o.params, o.diagnostics] : o.error)),
  );
});
