import assert from 'node:assert/strict';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { start } from './pty-harness.ts';

test('a click on a lane selects it: the SGR press on the third lane moves the list cursor to he; mouse reporting is off at exit', async () => {
  const s = start(['--pace', '300'], { cols: 120, rows: 40 });
  try {
    const first = await s.waitFor(/❯\s+1 zeros/, 20_000);
    // The row he's lane is drawn on, as the screen shows it (the header may take one row or two); SGR counts from 1.
    const heRow = first.split('\n').findIndex((line) => /^│\s+3 he\b/.test(line)) + 1;
    assert.ok(heRow > 1, `he's lane is on the screen:\n${first}`);
    // Press and release on he.
    s.press(`\u001B[<0;10;${heRow}M\u001B[<0;10;${heRow}m`);
    await s.waitFor(/❯\s+3 he/, 20_000);
    // The wheel and a click on the header change no selection, and no digit of them acted as a key.
    s.press('\u001B[<65;10;20M\u001B[<0;10;1M\u001B[<0;10;1m');
    // A key after them shows they were read: the help overlay opens over a selection that did not move.
    s.press('?');
    await s.waitFor(/Keys/, 20_000);
    s.press('?');
    await s.waitFor(/❯\s+3 he/, 20_000);
    s.press('q');
    const { exitCode } = await withTimeout(s.exited, 20_000, 'the exit after q');
    assert.equal(exitCode, 0);
    const raw = s.raw();
    assert.ok(raw.includes('\u001B[?1000h\u001B[?1006h'), 'mouse reporting was on');
    assert.ok(raw.lastIndexOf('\u001B[?1000l') > raw.lastIndexOf('\u001B[?1000h'), 'and is off again at exit');
  } finally {
    s.dispose();
  }
});
