// Time from process start to the dashboard's first complete frame, in a real
// pseudo-terminal (@lydell/node-pty), median of N runs — next to `node -e 0` (the floor)
// and `npx init-tui` (what a user types), measured in the same run.
// A frame is complete when its last line, the footer ("q quit"), has been written.
// Usage: node bench/first-frame.mjs [--runs N]   (also imported by bench/bench.mjs)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const configHome = mkdtempSync(join(tmpdir(), 'init-tui-first-frame-'));
process.on('exit', () => rmSync(configHome, { recursive: true, force: true }));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** Milliseconds from spawn until `done(output)` is true (or the process exits, for `node -e 0`). */
function timeTo(pty, file, args, done) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = pty.spawn(file, args, {
      cols: 120,
      rows: 40,
      cwd: root,
      // A config folder of its own: the settings remembered on this machine do not change what is measured.
      env: { ...process.env, CI: 'false', TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: '', LC_CTYPE: '', XDG_CONFIG_HOME: configHome },
    });
    let out = '';
    let settled = false;
    const finish = (ms) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        p.kill('SIGKILL');
      } catch {
        // already gone
      }
      resolve(ms);
    };
    const timer = setTimeout(() => {
      settled = true;
      p.kill('SIGKILL');
      reject(new Error(`no first frame within 20 s: ${JSON.stringify(out.slice(-300))}`));
    }, 20_000);
    p.onData((d) => {
      out += d;
      if (done && done(out)) finish(performance.now() - t0);
    });
    p.onExit(() => {
      if (!done) finish(performance.now() - t0);
    });
  });
}

export async function firstFrame(runs = 7) {
  const pty = await import('@lydell/node-pty');
  const frame = (out) => /q quit/.test(out);
  const cli = join(root, 'dist/cli.js');
  const node = [];
  const ours = [];
  const npx = [];
  // Interleaved, so that a busy moment of the machine hits every variant alike.
  for (let r = 0; r < runs; r++) {
    node.push(await timeTo(pty, process.execPath, ['-e', '0']));
    ours.push(await timeTo(pty, process.execPath, [cli], frame));
    npx.push(await timeTo(pty, 'npx', ['--offline', 'init-tui'], frame));
  }
  return { node: median(node), cli: median(ours), npx: median(npx), all: { node, cli: ours, npx } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1] ?? 0) || 7;
  const r = await firstFrame(runs);
  const f = (x) => `${x.toFixed(0)} ms`;
  console.log(`first complete frame, median of ${runs}, 120×40 pseudo-terminal`);
  console.log(`node -e 0 (process start and exit):  ${f(r.node)}`);
  console.log(`node dist/cli.js:                    ${f(r.cli)}   (${r.all.cli.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`npx init-tui:                        ${f(r.npx)}   (${r.all.npx.map((x) => x.toFixed(0)).join(', ')})`);
}
