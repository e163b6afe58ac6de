/**
 * Helpers for the ops tests: an app whose logs are captured, a TCP proxy that
 * can cut a dependency off and bring it back, and polling.
 */
import { readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { parse } from 'yaml';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import type { SecurityOptions } from '../../src/auth/security.js';
import type { Database } from '../../src/db/client.js';
import type { OpsOptions } from '../../src/ops/observability.js';
import type { Store } from '../../src/store/store.js';
import { JWT_SECRET, NO_LIMITS } from '../security/support.js';

export interface LoggedApp {
  app: FastifyInstance;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  /** The raw text of every log line. */
  rawLogs: string[];
}

export async function loggedApp(options: { database: Database; store?: Store; security?: SecurityOptions; ops?: OpsOptions; level?: string }): Promise<LoggedApp> {
  const rawLogs: string[] = [];
  const app = await buildApp({
    database: options.database,
    ...(options.store ? { store: options.store } : {}),
    security: { jwtSecret: JWT_SECRET, ...NO_LIMITS, ...options.security },
    ...(options.ops ? { ops: options.ops } : {}),
    logger: { level: options.level ?? 'info', stream: { write: (line: string) => void rawLogs.push(line) } },
  });
  await app.ready();
  return {
    app,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

/** Polls `check` until it returns true, for up to `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 15_000, every = 100): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * A TCP proxy in front of a real server (PostgreSQL, Redis). `cut()` drops every
 * connection and refuses new ones, as if the server had gone away; `restore()`
 * listens again on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  async restore(): Promise<void> {
    await this.start();
  }

  url(base: string): string {
    const u = new URL(base);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}

/** Metric names used in PromQL: identifiers that are not functions, keywords, labels or Grafana variables. */
export function metricNames(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges
    .replace(/\$\{?\w+\}?/g, '') // Grafana variables
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // label lists
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const isFunction = stripped.slice(match.index + match[0].length).trimStart().startsWith('(');
    if (!isFunction && !keywords.has(match[0].toLowerCase())) names.add(match[0]);
  }
  return [...names];
}

/**
 * Every metric the alert rules and the Grafana dashboard query, with where it is used
 * and the scrape job that must export it (the expression's `job="…"`): `openpolicy`
 * for the API's /metrics, `postgres`, `redis`, `nginx`, `node` for the exporters.
 */
export function metricsUsed(): Map<string, { where: string; job: string }> {
  const used = new Map<string, { where: string; job: string }>();
  const add = (expression: string, where: string) => {
    const job = /job="([\w-]+)"/.exec(expression)?.[1];
    if (!job) throw new Error(`${where}: the expression names no job="…": ${expression}`);
    for (const name of metricNames(expression)) used.set(name, { where, job });
  };
  const rules = parse(readFileSync(new URL('../../deploy/prometheus/rules.yml', import.meta.url), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
  for (const rule of rules.groups.flatMap((g) => g.rules)) add(rule.expr, `rules.yml ${rule.alert}`);
  const dashboard = JSON.parse(readFileSync(new URL('../../deploy/grafana/openpolicy.json', import.meta.url), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
    templating: { list: { name: string; definition?: string }[] };
  };
  for (const panel of dashboard.panels) for (const target of panel.targets ?? []) add(target.expr, `dashboard panel "${panel.title}"`);
  for (const variable of dashboard.templating.list) {
    const series = variable.definition?.match(/^label_values\(([^,]+),/)?.[1];
    if (series) add(series, `dashboard variable ${variable.name}`);
  }
  return used;
}
