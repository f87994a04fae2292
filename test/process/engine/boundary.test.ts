import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { makeData, type DoneRun } from '../../../src/core/experiment.ts';
import { classifyGrid } from '../../../src/engine/boundary.ts';
import { startRace } from '../../../src/engine/race.ts';
import { BOUNDARY_MS, type RunEvent } from '../../../src/engine/protocol.ts';

const DATA = makeData('circles');

test('a race with diagnostics sends boundary snapshots while it trains: the start, some on the way, the trained network last', async () => {
  // 5,000 iterations at 2,000 it/s: 2.5 s or more each, so snapshots come on the way even on a loaded machine (a slow snapshot spaces the next further).
  const config = { ...DEFAULT_CONFIG, iterations: 5000, every: 500, schemes: ['zeros', 'he'] };
  const events: RunEvent[] = [];
  const t0 = performance.now();
  const race = startRace(config, { data: DATA, diagnostics: true, pace: 2000 }, (e) => events.push(e));
  const outcomes = await race.finished;
  const ms = performance.now() - t0;
  for (const run of [0, 1]) {
    const snaps = events.flatMap((e) => (e.type === 'progress' && e.run === run && e.boundary ? [e.boundary] : []));
    assert.ok(snaps.length >= 3, `run ${run}: ${snaps.length} snapshots`);
    assert.equal(snaps[0]!.at, 0, 'the first is the untrained network');
    assert.ok(
      snaps.slice(1, -1).some((b) => b.at > 0 && b.at < 5000),
      `some while it trains: ${snaps.map((b) => b.at).join(', ')}`,
    );
    const last = snaps[snaps.length - 1]!;
    assert.equal(last.at, 5000, 'the last is the trained network');
    assert.deepEqual(last.classes, classifyGrid((outcomes[run] as DoneRun).params, last.cols, last.rows));
    for (let k = 1; k < snaps.length; k++) assert.ok(snaps[k]!.at >= snaps[k - 1]!.at);
    // At most one every BOUNDARY_MS, besides the start and the end.
    assert.ok(snaps.length <= 2 + Math.ceil(ms / BOUNDARY_MS), `${snaps.length} snapshots in ${Math.round(ms)} ms`);
  }
  const none: RunEvent[] = [];
  await startRace(config, { data: DATA, pace: 0 }, (e) => none.push(e)).finished;
  assert.ok(!none.some((e) => e.type === 'progress' && e.boundary), 'no diagnostics asked, no snapshots');
});
