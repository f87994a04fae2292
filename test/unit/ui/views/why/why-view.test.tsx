import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { makeData, runScheme } from '../../../../../src/core/experiment.ts';
import { WhyView } from '../../../../../src/ui/views/why/WhyView.tsx';
import { initialState, reduce } from '../../../../../src/ui/state/reducer.ts';
import type { RunView } from '../../../../../src/ui/state/runs.ts';
import { plain } from '../../../../support/frames.ts';

const DATA = makeData('circles');

/** A finished run whose why history holds its start and its end, as the reducer keeps them. */
function finished(scheme: string): RunView {
  const config = { ...DEFAULT_CONFIG, iterations: 2000, schemes: [scheme] };
  const r = runScheme(config, scheme, DATA);
  let s = initialState(config, DATA);
  const progress = (iteration: number, at: number) => ({
    type: 'progress' as const,
    run: 0,
    iteration,
    cost: r.finalCost,
    costAt: iteration - 1,
    samples: [],
    itersPerSec: 5000,
    elapsedMs: 1000,
    diag: r.diagnostics.start,
    diagAt: at,
  });
  s = reduce(s, {
    type: 'events',
    raceId: 0,
    events: [progress(0, 0), progress(500, 0), { type: 'finished', run: 0, result: { ...r, seconds: 0.5 } }],
  });
  return s.runs[0]!;
}

function frameOf(run: RunView, width = 120): string {
  const { lastFrame, unmount } = render(
    <WhyView
      run={run}
      index={0}
      total={1}
      config={{ ...DEFAULT_CONFIG, iterations: 2000 }}
      width={width}
      height={30}
      paused={false}
      color={false}
    />,
  );
  const frame = plain(lastFrame());
  unmount();
  return frame;
}

test('in the why view a weight that stays zero draws no bar at all, and the note says the scale is zero-based and shared per column', () => {
  const frame = frameOf(finished('zeros'));
  const w1 = frame.split('\n').find((l) => /W1 2→10/.test(l));
  assert.ok(w1, frame);
  // zeros: |W1| is 0 at every point of the history: the sparkline after "0" is blank, not "▄▄▄".
  assert.match(w1, /W1 2→10\s+10\s+1\s+\S+\s+0\s{3,}0\s/, w1);
  assert.doesNotMatch(w1, /[▁▂▃▄▅▆▇█]/);
  assert.match(frame, /sparklines cover iterations 0–2,000, from 0 \(blank\), one scale per column$/m);
  assert.match(frame, /\|W\| 0–0\s+\|∇W\| 0–0/, 'each column’s heading is its scale');
});

test('the why view draws every layer’s |W| against one scale: the largest layer’s line reaches the top bar, the others do not have to', () => {
  const frame = frameOf(finished('he'));
  const rows = frame.split('\n').filter((l) => /W\d \d+→\d+/.test(l));
  assert.equal(rows.length, 3);
  const bars = rows.map((l) => l.match(/[▁▂▃▄▅▆▇█]+/)?.[0] ?? '');
  assert.ok(
    bars.some((b) => b.includes('█')),
    bars.join(' | '),
  );
  assert.ok(
    bars.some((b) => !b.includes('█')),
    `one scale for the column, so not every layer is full height: ${bars.join(' | ')}`,
  );
});

test('at 80 columns the why view says the sparklines’ span and scale in a line that fits, not cut', () => {
  const line = frameOf(finished('he'), 80)
    .split('\n')
    .find((l) => /sparklines/.test(l));
  assert.equal(line, 'sparklines: iterations 0–2,000, from 0 (blank), one scale per column');
});
