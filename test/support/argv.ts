/** The parser's answers as the unit tests read them. */
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../src/cli/argv.ts';

/** The one-line message a command line is refused with (failing the test when it is accepted). */
export function errorOf(argv: string[]): string {
  const p = parseCommandLine(argv);
  assert.equal(p.kind, 'error', `${JSON.stringify(argv)} should be refused`);
  if (p.kind !== 'error') throw new Error('unreachable');
  assert.ok(!p.message.includes('\n'), 'one line');
  return p.message;
}
