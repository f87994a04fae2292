// Prints one screen of the dashboard as a user sees it: the built binary in a
// pseudo-terminal (the e2e tests' harness), NO_COLOR, read through a headless
// xterm. Every capture in README.md names the command that regenerates it:
//
//   npm run screen -- [--size 120x40] [--until REGEX] [--keys K]... [--then REGEX] -- <init-tui options>
//
// --until waits for the screen to match (default: the race or sweep "finished");
// each --keys is then sent in one write (\r, \t and \e escapes are understood),
// and --then waits for the screen that follows. The screen is printed right-trimmed.
//
//   npm run screen -- --update README.md docs/sweeps.md
//
// redraws, in place, every fenced block that follows a `<!-- screen: OPTIONS -->`
// comment, OPTIONS being this script's own (those above, then -- and init-tui's).
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../test/e2e/pty-harness.ts';

function main(argv: string[]): Promise<number> | number {
  if (argv[0] === '--update') return update(argv.slice(1));
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const args = split === -1 ? [] : argv.slice(split + 1);
  let cols = 120;
  let rows = 40;
  let until = /finished/;
  let then: RegExp | undefined;
  const keys: string[] = [];
  for (let i = 0; i < own.length; i += 2) {
    const [flag, value] = [own[i], own[i + 1]];
    if (value === undefined) return usage(`${flag} needs a value`);
    if (flag === '--size') {
      const m = /^(\d+)x(\d+)$/.exec(value);
      if (!m) return usage('--size takes COLSxROWS, e.g. 80x24');
      [cols, rows] = [Number(m[1]), Number(m[2])];
    } else if (flag === '--until') until = new RegExp(value);
    else if (flag === '--then') then = new RegExp(value);
    else if (flag === '--keys') keys.push(value.replace(/\\r/g, '\r').replace(/\\t/g, '\t').replace(/\\e/g, '\u001B'));
    else return usage(`unknown option ${flag}`);
  }
  return capture(args, cols, rows, until, keys, then);
}

/** Splits a comment's OPTIONS like a shell would for plain words and "double-quoted" ones. */
const words = (line: string): string[] => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

async function update(files: string[]): Promise<number> {
  const marker = /<!-- screen: (.*?) -->\n```[^\n]*\n[\s\S]*?```/g;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let out = '';
    let last = 0;
    for (const m of text.matchAll(marker)) {
      const captured = await collect(words(m[1]!));
      if (captured === undefined) return 1;
      out += `${text.slice(last, m.index)}<!-- screen: ${m[1]} -->\n\`\`\`\n${captured}\`\`\``;
      last = m.index + m[0].length;
    }
    // Whole or not at all: the file is replaced only once every capture succeeded.
    writeFileSync(`${file}.tmp`, out + text.slice(last));
    renameSync(`${file}.tmp`, file);
    process.stderr.write(`screen: ${file} updated\n`);
  }
  return 0;
}

/** What `main(argv)` would print, as a string. */
async function collect(argv: string[]): Promise<string | undefined> {
  const write = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = ((chunk: string) => ((text += chunk), true)) as typeof process.stdout.write;
  try {
    return (await main(argv)) === 0 ? text : undefined;
  } finally {
    process.stdout.write = write;
  }
}

function usage(why: string): number {
  process.stderr.write(
    `screen: ${why}\nusage: npm run screen -- [--size 120x40] [--until RE] [--keys K]... [--then RE] -- <init-tui options>\n`,
  );
  return 2;
}

async function capture(args: string[], cols: number, rows: number, until: RegExp, keys: string[], then?: RegExp): Promise<number> {
  // A fresh config folder: a capture never depends on, or changes, the settings remembered here.
  const home = mkdtempSync(join(tmpdir(), 'init-tui-screen-'));
  const s = start(args, { cols, rows, env: { NO_COLOR: '1', XDG_CONFIG_HOME: home } });
  try {
    let screen = await s.waitFor(until, 120_000);
    for (const k of keys) s.press(k);
    if (keys.length > 0) screen = then ? await s.waitFor(then, 60_000) : await s.waitFor((now) => now !== screen, 10_000);
    process.stdout.write(
      `${screen
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trimEnd()}\n`,
    );
    return 0;
  } finally {
    s.press('q');
    await Promise.race([s.exited, new Promise((r) => setTimeout(r, 3000))]);
    s.dispose();
    rmSync(home, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
