// Large races on the dashboard (issue 22, point 4: the event loop's p99 under 100 ms and q under 1 s
// at the 10,000,000-cost maximum and at the 8×256 network). Runs dist/cli.js in a 120×40
// pseudo-terminal with INIT_TUI_STATS (perf_hooks monitorEventLoopDelay over the whole session, 5 ms
// resolution) and times q from the key to the exit:
//   - 10,000,000 costs: three runs of 3,333,333 iterations of a 2-1-1 network on four points, a cost at
//     each; q goes in within 1 % of the end of a run, as the records arrive (test/e2e/large-race.test.ts
//     holds the same case to generous bounds);
//   - 8×256: the three-scheme race at 2,256×8,1 -n 300 --pace max; q once the race has finished (the
//     session's p99 then covers the end diagnostics and the table), and q in the middle of the race.
// Usage: npm run build && node --import tsx bench/large-race.ts [--runs N]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../test/e2e/pty-harness.ts';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] ?? 0) || 3;

interface Stats {
  readonly eventLoopDelayMs: { readonly p99: number; readonly max: number };
  readonly maxRssMB: number;
}
interface Row {
  readonly stats: Stats;
  readonly quitMs: number;
}

const dir = mkdtempSync(join(tmpdir(), 'init-tui-large-bench-'));
const csv = join(dir, 'four.csv');
writeFileSync(csv, 'x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n');

async function session(argv: string[], before: RegExp, file: string): Promise<Row> {
  const s = start(argv, { cols: 120, rows: 40, env: { INIT_TUI_STATS: file } });
  try {
    await s.waitFor(before, 600_000);
    const pressed = performance.now();
    s.press('q');
    await s.exited;
    return { stats: JSON.parse(readFileSync(file, 'utf8')) as Stats, quitMs: performance.now() - pressed };
  } finally {
    s.dispose();
  }
}

const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};
const list = (xs: number[], digits = 0): string => `(${xs.map((x) => x.toFixed(digits)).join(', ')})`;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const deep = ['--layers', `2,${Array<number>(8).fill(256).join(',')},1`, '-n', '300', '--pace', 'max'];
const cases: [string, string[], RegExp][] = [
  [
    "10,000,000 costs (3 × 3,333,333, --every 1), q near a run's end",
    ['-n', '3333333', '--every', '1', '--layers', '2,1,1', '--data', csv],
    /3,3[0-9]{2},[0-9]{3}\/3,333,333/,
  ],
  ['8×256, -n 300 --pace max, q after the race finished', deep, /finished[\s\S]*he\s+\d+\.\d%[\s\S]*q quit/],
  ['8×256, -n 300 --pace max, q mid-race', deep, /3 he\s+\S*\s*1[0-9]{2}\/300/],
];
console.log(`load average before: ${load()}; ${RUNS} sessions each, 120×40; goals: p99 < 100 ms, q < 1 s`);
for (const [name, argv, before] of cases) {
  const rows: Row[] = [];
  for (let r = 0; r < RUNS; r++) rows.push(await session(argv, before, join(dir, `s${r}.json`)));
  const p99 = rows.map((x) => x.stats.eventLoopDelayMs.p99);
  const max = rows.map((x) => x.stats.eventLoopDelayMs.max);
  const quit = rows.map((x) => x.quitMs);
  const rss = rows.map((x) => x.stats.maxRssMB);
  console.log(
    `${name}: event-loop p99 ${median(p99).toFixed(1)} ms ${list(p99, 1)}, max ${median(max).toFixed(0)} ms ${list(max)}, ` +
      `q ${median(quit).toFixed(0)} ms ${list(quit)}, peak RSS ${median(rss).toFixed(0)} MB; load ${load()}`,
  );
}
rmSync(dir, { recursive: true, force: true });
