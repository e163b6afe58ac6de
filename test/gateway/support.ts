/** Real processes on loopback for the gateway tests: a private Redis, `openpolicy serve` instances, a GET load loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * A Redis of this test file's own: the machine's Redis is shared by every test
 * file running in parallel, and its pub/sub channels (data changes) and rate
 * counters would leak between them.
 */
export async function startRedis(options: { config?: string } = {}): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const port = await freePort();
  // With a configuration file (deploy/redis/redis.conf) its settings hold, but nothing is written to disk.
  const config = options.config ? [options.config, '--dir', tmpdir()] : [];
  const child = spawn('redis-server', [...config, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const { Redis } = await import('ioredis');
  await waitFor('redis-server', async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG' ? true : undefined;
    } finally {
      client.disconnect();
    }
  }, 10_000);
  return {
    url,
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

export interface Serving {
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited(): Promise<number | null>;
}

/**
 * `openpolicy serve` as one node process (tsx as a loader, not its wrapper, so a
 * signal reaches the server itself), ready when /health answers 200.
 */
export async function startServe(env: Record<string, string>, args: string[] = []): Promise<Serving> {
  const port = Number(env.PORT ?? (await freePort()));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`openpolicy serve on ${port}`, async () => {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${output}`);
    const res = await fetch(`${url}/health`);
    return res.ok ? true : undefined;
  }).catch((e: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${output}`);
  });
  return {
    port,
    url,
    child,
    output: () => output,
    exited: () => exited(child),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited(child);
    },
  };
}

export interface LoadResult {
  ok: number;
  failures: string[];
}

/**
 * `total` GETs, `concurrency` at a time, over `paths` in turn; `during(done)` is
 * called after each response so a test can act mid-load (kill an instance).
 */
export async function loadLoop(
  base: string,
  paths: string[],
  options: { total: number; concurrency: number; headers?: Record<string, string>; during?: (done: number) => void },
): Promise<LoadResult> {
  let next = 0;
  let done = 0;
  const result: LoadResult = { ok: 0, failures: [] };
  const worker = async () => {
    while (next < options.total) {
      const path = paths[next++ % paths.length]!;
      try {
        const res = await fetch(base + path, { headers: options.headers ?? {} });
        await res.arrayBuffer();
        if (res.status === 200) result.ok++;
        else result.failures.push(`${path}: ${res.status}`);
      } catch (e) {
        result.failures.push(`${path}: ${(e as Error).message}`);
      }
      options.during?.(++done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
