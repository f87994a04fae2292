import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DEFAULT_CONFIG } from '../../../../../src/core/config.ts';
import { makeData } from '../../../../../src/core/experiment.ts';
import { App } from '../../../../../src/ui/App.tsx';
import { resizeTo, settled, until } from '../../../../support/frames.ts';

const DATA = makeData('circles');

test('in the App, c shows the compare view from the starting line, live, and Esc goes back to the race', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 1500, every: 500 };
  let quit: number | undefined;
  const { lastFrame, stdin, stdout, unmount } = render(
    <App config={config} data={DATA} color={false} startPaused onQuit={(q) => (quit = q)} />,
  );
  // 120×40: the roomy layout (lanes and the framed table stay once the race is over).
  resizeTo(stdout, 120, 40);
  try {
    await until(lastFrame, /Loss/);
    stdin.write('c');
    // Paused before the first step: each worker has already sent its iteration 0.
    let frame = await until(lastFrame, /iteration\s+0 → 0\s+0 → 0\s+0 → 0/);
    assert.match(frame, /zeros · paused\s+random · paused\s+he · paused/);
    assert.match(frame, /distinct units\s+1 → 1\s+10 → 10\s+10 → 10/);
    assert.match(frame, /verdict\s+training…/);
    assert.match(frame, /Esc back · ↑↓ highlight/);
    stdin.write(' ');
    frame = await until(lastFrame, /iteration\s+0 → 1,500\s+0 → 1,500\s+0 → 1,500/);
    frame = await until(lastFrame, /zeros · done\s+random · done\s+he · done/);
    assert.match(frame, /verdict\s+symmetry never/);
    assert.match(frame, /activation sd\s+0 → 0/);
    stdin.write('?');
    frame = await until(lastFrame, /Keys/);
    assert.match(frame, /↑ ↓ {2}j k\s+highlight the previous \/ next scheme/);
    assert.match(frame, /c\s+compare the schemes side by side/);
    stdin.write('?');
    await until(lastFrame, /iteration\s+0 → 1,500/);
    stdin.write('\u001B');
    await until(lastFrame, /Loss \(linear\)[\s\S]*scheme\s+train/);
    stdin.write('q');
    assert.equal(await settled(() => quit), 0);
  } finally {
    unmount();
  }
});
