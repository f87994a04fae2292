import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { makeData, runScheme } from '../../../../../src/core/experiment.ts';
import { CompareView } from '../../../../../src/ui/views/compare/CompareView.tsx';
import { initialState, reduce } from '../../../../../src/ui/state/reducer.ts';
import { schemeGroups } from '../../../../../src/ui/state/selectors.ts';
import { plain } from '../../../../support/frames.ts';

const DATA = makeData('circles');

test('CompareView draws one column per scheme, each figure at 0 → now, within its width', () => {
  const config = { ...DEFAULT_CONFIG, iterations: 2000 };
  const results = ['zeros', 'random', 'he'].map((s) => runScheme(config, s, DATA));
  const s = reduce(initialState(config, DATA), {
    type: 'events',
    raceId: 0,
    events: results.map((result, run) => ({ type: 'finished' as const, run, result })),
  });
  for (const [width, height] of [
    [100, 37],
    [80, 19],
  ] as const) {
    const { lastFrame, unmount } = render(
      <CompareView
        groups={schemeGroups(s)}
        selected={2}
        config={config}
        train={DATA.train}
        width={width}
        height={height}
        paused={false}
        color
      />,
    );
    const frame = plain(lastFrame());
    unmount();
    assert.match(frame, /❮ compare · each figure at iteration 0 → now/);
    assert.match(frame, /zeros · done\s+random · done\s+he · done/);
    assert.match(frame, /iteration\s+0 → 2,000\s+0 → 2,000\s+0 → 2,000/);
    assert.match(frame, /(distinct units|L1 distinct)\s+1 → 1\s+10 → 10\s+10 → 10/);
    assert.match(frame, /(activation sd|L1 act\. sd)\s+0 → 0\s+5\.17 → [\d.]+\s+0\.517 → [\d.]+/);
    assert.match(frame, /saturated\s+0% → 0%\s+100% → \S+%/);
    // At 2,000 iterations: zeros symmetric, ×10 (62.0% train) ahead of He (58.0%), as the numbers above say.
    assert.match(frame, /verdict\s+symmetry never( broken:)?\s+partly learned(: cost)?\s+barely learned(: cost)?\n/);
    const lines = frame.split('\n');
    assert.ok(lines.length <= height, `${lines.length} lines in ${height}`);
    for (const line of lines) assert.ok(line.length <= width, `fits ${width}: ${line}`);
    if (width === 100) assert.match(frame, /in red: symmetry unbroken/, 'the legend, with colour');
  }
});
