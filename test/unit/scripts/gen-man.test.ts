import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { OPTIONS } from '../../../src/cli/argv.ts';
import { manPage, roff } from '../../../scripts/gen-man.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  man: string;
  files: string[];
};
const committed = readFileSync(new URL('../../../man/init-tui.1', import.meta.url), 'utf8');

test('the committed man page is what npm run gen:man writes from the option table (so it cannot go stale)', () => {
  assert.equal(committed, manPage(pkg.version), 'run npm run gen:man and commit man/init-tui.1');
});

test('package.json installs the man page: "man" names it and "files" packs it', () => {
  assert.equal(pkg.man, './man/init-tui.1');
  assert.ok(pkg.files.includes('man'));
});

test('the man page names every option that --help lists, spelled as roff spells it', () => {
  for (const [name, def] of Object.entries(OPTIONS)) {
    if (def.help === '') continue;
    assert.ok(committed.includes(`\\fB${roff(`--${name}`)}\\fR`), name);
  }
  assert.match(committed, /^\.TH INIT\\-TUI 1 /m);
  assert.match(committed, /^\.SH FILES$/m);
  assert.match(committed, /XDG_CONFIG_HOME/);
});

test('roff text: hyphens are minus signs, a leading dot is no request, non-ASCII is a named glyph, backslashes survive', () => {
  assert.equal(roff('--lr'), '\\-\\-lr');
  assert.equal(roff('.5 or x'), '\\&.5 or x');
  assert.equal(roff("'quoted"), "\\&'quoted");
  assert.equal(roff('a · b ≤ c'), 'a \\[u00B7] b \\[u2264] c');
  assert.equal(roff('a\\b'), 'a\\eb');
  assert.ok(/^[\x00-\x7f]*$/.test(committed), 'the page is ASCII');
});
