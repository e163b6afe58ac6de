/**
 * Load measurement with wrk (Debian package `wrk`): one thread, N connections,
 * latency percentiles at microsecond resolution from wrk's own histogram.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

const REPORT = `
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests":%d,"seconds":%f,"p50":%d,"p99":%d,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), errors, summary.errors.status))
end`;

let script: string | null = null;
/**
 * The report, the headers of every request and, with `paths`, each request's path in turn (distinct URLs),
 * read from a file of their own rather than written into the script as one table constructor: a run is given
 * up to tens of thousands of them, and Lua bounds the constants one function may hold.
 */
function reportScript(headers: Record<string, string>, paths: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'op-wrk-'));
  const path = join(dir, 'report.lua');
  const lines = Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  if (paths.length) {
    const list = join(dir, 'paths.txt');
    writeFileSync(list, `${paths.join('\n')}\n`);
    lines.push('local paths = {}', `for line in io.lines(${JSON.stringify(list)}) do paths[#paths + 1] = line end`, 'local i = 0',
      'request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end');
  }
  writeFileSync(path, `${lines.join('\n')}\n${REPORT}`);
  return path;
}

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk prints its version and exits 1; only a missing binary is fatal.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

export function measure(url: string, connections: number, seconds: number, headers: Record<string, string> = {}, paths: string[] = []): Measurement {
  const path = Object.keys(headers).length || paths.length ? reportScript(headers, paths) : (script ??= reportScript({}));
  const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', path, url], { encoding: 'utf8' });
  const line = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) throw new Error(`wrk gave no report for ${url}:\n${out}`);
  const r = JSON.parse(line) as { requests: number; seconds: number; p50: number; p99: number; errors: number; non2xx: number };
  return {
    requestsPerSecond: r.requests / r.seconds,
    p50Ms: r.p50 / 1000,
    p99Ms: r.p99 / 1000,
    requests: r.requests,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}
