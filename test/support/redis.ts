/**
 * A real Redis for the queue tests: one redis-server per test file, on a free
 * loopback port, in a temporary folder, without persistence (as a fresh
 * machine's Redis restarted without its data). Ready when it answers PING with
 * PONG, never after a fixed wait. Debian: apt-get install -y redis-server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HAVE_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** A port nobody listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** One Redis command over a raw socket, its first reply line (no client library: this checks the server itself). */
export function command(port: number, line: string, ms = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let got = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer to ${line} within ${ms} ms`));
    }, ms);
    sock.on('connect', () => sock.write(`${line}\r\n`));
    sock.on('data', (d) => {
      got += d.toString('utf8');
      if (got.includes('\r\n')) {
        clearTimeout(timer);
        sock.end();
        resolve(got.slice(0, got.indexOf('\r\n')));
      }
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function untilPong(port: number, child: ChildProcess, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    try {
      if ((await command(port, 'PING')) === '+PONG') return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (its data gone: no persistence) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty; resolves when it answers PING. */
  start(): Promise<void>;
  /** Empties every database (between tests). */
  flush(): Promise<void>;
  /** Stops it for good and removes its folder (the test file's after()). */
  dispose(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'init-tui-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    child = c;
    await untilPong(port, c);
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async flush() {
      const r = await command(port, 'FLUSHALL');
      if (r !== '+OK') throw new Error(`FLUSHALL answered ${r}`);
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
