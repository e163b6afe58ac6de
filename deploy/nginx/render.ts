/**
 * Renders the gateway configuration (nginx.conf.template and its snippets) for N
 * API instances and runs Debian's nginx on it with its own prefix, pid, logs and
 * cache in one folder, for tests, benchmarks and local use:
 *
 *   tsx deploy/nginx/render.ts --instances 2 --first-port 8081 --listen 127.0.0.1:8080
 *   tsx deploy/nginx/render.ts --upstreams 10.0.0.5:8080,10.0.0.6:8080 --prefix /etc/openpolicy-gateway --render-only
 *
 * With REDIS_URL set, the micro-cache is emptied whenever an instance announces a
 * data change (deploy/nginx/purge.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore, type Store } from '../../src/store/store.js';
import { emptyCache, purgeOnDataChange } from './purge.js';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const TEMPLATE = 'nginx.conf.template';
const SNIPPETS = ['api-proxy.conf', 'micro-cache.conf', 'security-headers.conf'];
const TEMP_DIRS = ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];

export interface GatewayOptions {
  /** host:port of every API instance. */
  upstreams: string[];
  /** host:port nginx listens on. */
  listen: string;
  /** Folder for the rendered config, pid, logs, temp files and cache; a new temp folder when absent. */
  prefix?: string;
  /** The web UI's build output, served by nginx itself; `web/dist` of this repository when absent. */
  webRoot?: string;
  /** Per client address: /api/ requests per second and burst (10/20), the rest of the site (30/50). */
  apiRate?: number;
  apiBurst?: number;
  siteRate?: number;
  siteBurst?: number;
  /** Seconds a cached 200 stays fresh. */
  cacheTtl?: number;
  /** Passive health: an instance with `maxFails` failures within `failTimeout` s is skipped for `failTimeout` s. */
  maxFails?: number;
  failTimeout?: number;
  /** Idle keep-alive connections kept per nginx worker to the instances. */
  keepalive?: number;
  workerProcesses?: number | 'auto';
  /** Addresses (CIDR) of a load balancer in front of nginx whose X-Forwarded-For names the client. */
  realIpFrom?: string[];
}

const REPO_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  return value;
}

/** The rendered files by name: nginx.conf and the snippets it includes. */
export function renderConfig(options: GatewayOptions & { prefix: string }): Record<string, string> {
  if (options.upstreams.length === 0) throw new Error('at least one upstream (host:port) is needed');
  const maxFails = positive('maxFails', options.maxFails ?? 2);
  const failTimeout = positive('failTimeout', options.failTimeout ?? 5);
  const values: Record<string, string> = {
    // nginx started as root drops its workers to nobody; otherwise it runs as the caller.
    user: process.getuid?.() === 0 ? 'user nobody nogroup;' : '',
    worker_processes: String(options.workerProcesses ?? 'auto'),
    prefix: options.prefix,
    listen: options.listen,
    web_root: options.webRoot ?? REPO_WEB_ROOT,
    api_rate: String(positive('apiRate', options.apiRate ?? 10)),
    api_burst: String(positive('apiBurst', options.apiBurst ?? 20)),
    site_rate: String(positive('siteRate', options.siteRate ?? 30)),
    site_burst: String(positive('siteBurst', options.siteBurst ?? 50)),
    cache_ttl: String(positive('cacheTtl', options.cacheTtl ?? 10)),
    keepalive: String(positive('keepalive', options.keepalive ?? 64)),
    real_ip: (options.realIpFrom ?? []).length
      ? [...options.realIpFrom!.map((cidr) => `set_real_ip_from ${cidr};`), 'real_ip_header X-Forwarded-For;', 'real_ip_recursive on;'].map((l) => `    ${l}`).join('\n')
      : '',
    servers: options.upstreams.map((u) => `        server ${u} max_fails=${maxFails} fail_timeout=${failTimeout}s;`).join('\n'),
  };
  const fill = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
      return value;
    });
  const files: Record<string, string> = { 'nginx.conf': fill(readFileSync(join(HERE, TEMPLATE), 'utf8')) };
  for (const snippet of SNIPPETS) files[snippet] = fill(readFileSync(join(HERE, snippet), 'utf8'));
  return files;
}

/** Writes the rendered files and the folders nginx writes to; returns the path of nginx.conf. */
export function writeConfig(options: GatewayOptions & { prefix: string }): string {
  mkdirSync(options.prefix, { recursive: true });
  for (const [name, text] of Object.entries(renderConfig(options))) writeFileSync(join(options.prefix, name), text);
  const writable = [join(options.prefix, 'cache'), ...TEMP_DIRS.map((d) => join(options.prefix, 'tmp', d))];
  for (const dir of writable) mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    // Workers run as nobody (65534): they must reach the prefix and write cache and temp files.
    chmodSync(options.prefix, 0o755);
    chmodSync(join(options.prefix, 'tmp'), 0o755);
    for (const dir of writable) chownSync(dir, 65534, 65534);
  }
  return join(options.prefix, 'nginx.conf');
}

export interface Gateway {
  url: string;
  prefix: string;
  cacheDir: string;
  accessLog: string;
  /** Deletes every cached response now. */
  purge(): Promise<number>;
  /** Graceful stop (SIGQUIT: finish in-flight requests), then removes a temp prefix. */
  stop(): Promise<void>;
}

function nginxArgs(conf: string, prefix: string): string[] {
  return ['-p', `${prefix}/`, '-c', conf, '-e', join(prefix, 'error.log')];
}

async function waitForPort(listen: string, child: ChildProcess, errorLog: string): Promise<void> {
  const [host, port] = [listen.slice(0, listen.lastIndexOf(':')), Number(listen.slice(listen.lastIndexOf(':') + 1))];
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${listen} within 5 s`);
}

/** Renders, checks (nginx -t) and starts nginx in the foreground as a child of this process. */
export async function startGateway(options: GatewayOptions & { redisUrl?: string | undefined }): Promise<Gateway> {
  const temporary = !options.prefix;
  const prefix = options.prefix ?? mkdtempSync(join(tmpdir(), 'op-nginx-'));
  const cacheDir = join(prefix, 'cache');
  let child: ChildProcess | null = null;
  let store: Store | null = null;

  const stop = async () => {
    await store?.close();
    if (child && child.exitCode === null) {
      const running = child;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        // SIGQUIT: graceful, in-flight requests finish.
        running.kill('SIGQUIT');
      });
    }
    if (temporary) rmSync(prefix, { recursive: true, force: true });
  };

  try {
    const conf = writeConfig({ ...options, prefix });
    const check = spawnSync('nginx', ['-t', '-q', ...nginxArgs(conf, prefix)], { encoding: 'utf8' });
    if (check.error) throw new Error(`nginx is needed (apt-get install -y nginx): ${check.error.message}`);
    if (check.status !== 0) throw new Error(`nginx -t rejected ${conf}:\n${check.stderr}`);
    child = spawn('nginx', [...nginxArgs(conf, prefix), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForPort(options.listen, child, join(prefix, 'error.log'));
    if (options.redisUrl) {
      store = openStore(options.redisUrl);
      await purgeOnDataChange(store, cacheDir);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `http://${options.listen}`,
    prefix,
    cacheDir,
    accessLog: join(prefix, 'access.log'),
    purge: () => emptyCache(cacheDir),
    stop,
  };
}

function upstreamsFromArgs(values: { upstreams?: string; instances?: string; 'first-port'?: string }): string[] {
  if (values.upstreams) return values.upstreams.split(',').map((u) => u.trim()).filter(Boolean);
  const count = Number(values.instances ?? 1);
  const first = Number(values['first-port'] ?? 8081);
  return Array.from({ length: count }, (_, i) => `127.0.0.1:${first + i}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      upstreams: { type: 'string' },
      instances: { type: 'string' },
      'first-port': { type: 'string' },
      listen: { type: 'string', default: '127.0.0.1:8080' },
      prefix: { type: 'string' },
      'web-root': { type: 'string' },
      'api-rate': { type: 'string' },
      'api-burst': { type: 'string' },
      'site-rate': { type: 'string' },
      'site-burst': { type: 'string' },
      'cache-ttl': { type: 'string' },
      'real-ip-from': { type: 'string' },
      'render-only': { type: 'boolean' },
    },
  });
  const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const options: GatewayOptions = {
    upstreams: upstreamsFromArgs(values),
    listen: values.listen!,
    prefix: values.prefix,
    webRoot: values['web-root'],
    apiRate: number(values['api-rate']),
    apiBurst: number(values['api-burst']),
    siteRate: number(values['site-rate']),
    siteBurst: number(values['site-burst']),
    cacheTtl: number(values['cache-ttl']),
    realIpFrom: values['real-ip-from']?.split(',').map((v) => v.trim()).filter(Boolean),
  };
  if (values['render-only']) {
    const prefix = options.prefix ?? mkdtempSync(join(tmpdir(), 'op-nginx-'));
    console.log(writeConfig({ ...options, prefix }));
    return;
  }
  const redisUrl = process.env.REDIS_URL;
  const gateway = await startGateway({ ...options, redisUrl });
  console.log(`nginx on ${gateway.url} → ${options.upstreams.join(', ')}; config, logs and cache in ${gateway.prefix}${redisUrl ? '; purging on data changes' : ''}`);
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
