import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DEFAULT_CONFIG } from '../../../src/core/config.ts';
import { makeData } from '../../../src/core/experiment.ts';
import { App } from '../../../src/ui/App.tsx';
import { resizeTo, settled, until } from '../../support/frames.ts';

const DATA = makeData('circles');

test('the App races real workers, ends on the table, and is driven by the keys', async () => {
  const config = { ...DEFAULT_CONFIG, iterations: 600, every: 100, pace: 'max' as const };
  let quit: number | undefined;
  const { lastFrame, stdin, stdout, unmount } = render(<App config={config} data={DATA} color={false} onQuit={(s) => (quit = s)} />);
  // 120×40: the roomy layout (lanes and the framed table stay once the race is over).
  resizeTo(stdout, 120, 40);
  try {
    let frame = await until(lastFrame, /finished/);
    assert.match(frame, /1 zeros .*600\/600/);
    assert.match(frame, /scheme\s+train\s+test/);
    const press = async (key: string, expect: RegExp) => {
      stdin.write(key);
      return until(lastFrame, expect, 5000);
    };
    frame = await press('?', /Keys/);
    frame = await press('\u001B', /Loss \(linear\)/);
    await press('y', /Loss \(log scale\)/);
    // ↓ ↓ moves the list's cursor to he; Enter opens it.
    await press('\u001B[B', /❯\s+2 random/);
    await press('\u001B[B', /❯\s+3 he/);
    frame = await press('\r', /he \(run 3 of 3\)/);
    assert.match(frame, /Decision boundary/);
    frame = await press('\u001B', /❯\s+3 he/);
    frame = await press('1', /❯\s+1 zeros/);
    // Keys faster than the redraw all count: two ↓ written back to back land on he.
    stdin.write('\u001B[B');
    stdin.write('\u001B[B');
    frame = await until(lastFrame, /❯\s+3 he/, 5000);
    stdin.write('q');
    assert.equal(await settled(() => quit), 0);
  } finally {
    unmount();
  }
});
