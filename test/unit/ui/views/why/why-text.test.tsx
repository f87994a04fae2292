import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'ink';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { diagnoseAt } from '../../../../../src/core/diagnostics.ts';
import { makeData } from '../../../../../src/core/experiment.ts';
import type { Params } from '../../../../../src/core/network.ts';
import { freshRuns } from '../../../../../src/ui/state/runs.ts';
import { WhyView } from '../../../../../src/ui/views/why/WhyView.tsx';

const DATA = makeData('circles');
const LAYERS = [2, 10, 5, 1];

/** Parameters of the notebook's network, every weight `w` and every bias 0. */
function filled(w: number): Params {
  return {
    layers: LAYERS,
    W: LAYERS.slice(1).map((n, l) => new Float64Array(n * LAYERS[l]!).fill(w)),
    b: LAYERS.slice(1).map((n) => new Float64Array(n)),
  };
}

/** The why view's text for a run whose last diagnostics are those of `params`. */
function whyText(params: Params): string {
  const d = diagnoseAt(params, 0.01, DATA.train, DATA.test);
  const run = { ...freshRuns(DEFAULT_CONFIG)[0]!, diag: [{ at: 1000, d }] };
  return renderToString(
    <WhyView run={run} index={0} total={3} config={DEFAULT_CONFIG} width={120} height={40} paused={false} color={false} />,
    {
      columns: 120,
    },
  );
}

for (const [name, w] of [
  ['NaN', NaN],
  ['∞', Infinity],
] as const) {
  test(`${name} weights are explained as divergence, not as symmetry that never broke`, () => {
    const text = whyText(filled(w));
    assert.match(text, /The weights are no longer finite \(NaN or ∞\): the run diverged/);
    assert.doesNotMatch(text, /[Ss]ymmetry/, 'every unit is NaN alike: that says nothing of symmetry');
    assert.doesNotMatch(text, /are dead \(their|its slope is nearly 0/, 'nor of dead units or a saturated sigmoid');
  });
}

test('finite equal weights still read as symmetry that never broke', () => {
  const text = whyText(filled(0.5));
  assert.match(text, /Symmetry never broke/);
  assert.doesNotMatch(text, /diverged/);
});
