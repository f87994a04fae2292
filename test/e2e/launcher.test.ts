import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freshCheckout } from '../support/checkout.ts';
import { test } from '../support/pty.ts';
import { withTimeout } from '../support/wait.ts';
import { start } from './pty-harness.ts';

test(
  'at a terminal, npx init-tui in a fresh checkout says it builds first, then the dashboard runs and q exits 0',
  { timeout: 240_000 },
  async () => {
    const checkout = freshCheckout('init-tui-e2e-checkout-');
    const s = start([], {
      command: { file: process.execPath, args: [join(checkout, 'bin/init-tui.js'), '--schemes', 'he', '-n', '300', '--pace', 'max'] },
    });
    try {
      await s.waitFor(/finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/, 200_000);
      // Said on the normal screen before the dashboard took the alternate one: read it from the bytes.
      assert.match(s.raw(), /init-tui: building the program \(dist\/\) from this checkout first…/);
      assert.ok(existsSync(join(checkout, 'dist/cli.js')));
      s.press('q');
      const { exitCode } = await withTimeout(s.exited, 30_000, 'the exit after q');
      assert.equal(exitCode, 0);
      assert.ok(s.cursorVisible() && s.normalScreen(), 'the terminal is given back');
    } finally {
      s.dispose();
      rmSync(checkout, { recursive: true, force: true });
    }
  },
);
