import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../../src/cli/argv.ts';

test('a race that would record more than 10 million costs is refused before training, naming the --every that fits', () => {
  const refused = (argv: string[]) => {
    const p = parseCommandLine(argv);
    assert.equal(p.kind, 'error', argv.join(' '));
    return p.kind === 'error' ? p.message : '';
  };
  assert.equal(
    refused(['-n', '100000000', '--every', '1']),
    '--every 1 with --iterations 100000000 would record 300,000,000 costs over 3 runs; at most 10,000,000: use --every 31 or more',
  );
  assert.match(
    refused(['--seeds', '1000', '-n', '100000000']),
    /would record 300,000,000 costs over 3,000 runs; at most 10,000,000: use --every 30004 or more/,
  );
  // The limit's edge: 3 runs × 3,333,333 costs fits, one more iteration does not.
  assert.equal(parseCommandLine(['-n', '3333333', '--every', '1']).kind, 'run');
  assert.equal(parseCommandLine(['-n', '99999999', '--every', '31']).kind, 'run');
  assert.equal(parseCommandLine(['-n', '100000000', '--every', '31']).kind, 'run');
  assert.equal(parseCommandLine(['-n', '3333334', '--every', '1']).kind, 'error');
  assert.equal(parseCommandLine(['-n', '1000000', '--every', '1']).kind, 'run', 'a million costs for each of 3 schemes is fine');
});
