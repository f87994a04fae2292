// The live decision boundary's cost on the dashboard's event loop (issue 20, point 4: p99 under 50 ms).
// Runs dist/cli.js in a 120×40 pseudo-terminal with INIT_TUI_STATS, opens he's detail view while the
// race runs, watches the live map for a while, quits, and prints the event-loop delay the dashboard
// recorded (perf_hooks monitorEventLoopDelay, 5 ms resolution, over the whole session), beside the
// same session that stays on the race view. Usage: npm run build && node --import tsx bench/live-boundary.ts [--runs N]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, start } from '../test/e2e/pty-harness.ts';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] ?? 0) || 3;
const WATCH_MS = 8000;

interface Stats {
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly frames: number;
}

const live = (screen: string): number => {
  const m = /Decision boundary · live, iteration ([\d,]+)/.exec(screen);
  return m ? Number(m[1]!.replace(/,/g, '')) : -1;
};

async function session(argv: string[], detail: boolean, file: string): Promise<{ stats: Stats; snapshots: number }> {
  const s = start(argv, { cols: 120, rows: 40, env: { INIT_TUI_STATS: file } });
  const seen = new Set<number>();
  try {
    await s.waitFor(/3 he\s+\S*\s*[1-9][\d,]*\//, 60_000);
    if (detail) {
      s.press('3');
      s.press(KEYS.enter);
      await s.waitFor(/Decision boundary · live/, 30_000);
    }
    const until = performance.now() + WATCH_MS;
    while (performance.now() < until) {
      const at = live(await s.screen());
      if (at >= 0) seen.add(at);
      await new Promise((r) => setTimeout(r, 100));
    }
    s.press('q');
    await s.exited;
  } finally {
    s.dispose();
  }
  return { stats: JSON.parse(readFileSync(file, 'utf8')) as Stats, snapshots: seen.size };
}

const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'init-tui-live-'));
const cases: [string, string[]][] = [
  ['2,10,5,1 (the default race, pace auto)', []],
  ['2,256,256,256,1 (wide, -n 400, pace max)', ['--layers', '2,256,256,256,1', '-n', '400', '--pace', 'max']],
];
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; ${RUNS} sessions each, ${WATCH_MS / 1000} s watched`,
);
for (const [name, argv] of cases)
  for (const detail of [false, true]) {
    const rows: { stats: Stats; snapshots: number }[] = [];
    for (let r = 0; r < RUNS; r++) rows.push(await session(argv, detail, join(dir, `s${r}.json`)));
    const p99 = rows.map((x) => x.stats.eventLoopDelayMs.p99);
    const max = rows.map((x) => x.stats.eventLoopDelayMs.max);
    console.log(
      `${name}, ${detail ? 'detail view (live boundary)' : 'race view'}: event-loop delay p99 ${median(p99).toFixed(1)} ms ` +
        `(${p99.map((x) => x.toFixed(1)).join(', ')}), max ${median(max).toFixed(1)} ms` +
        (detail ? `, ${median(rows.map((x) => x.snapshots))} snapshots seen on screen` : ''),
    );
  }
rmSync(dir, { recursive: true, force: true });
