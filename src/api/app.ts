/** The HTTP application: plugins, error shape, and the route modules. */
import Fastify, { LogController, type FastifyInstance, type FastifyError, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { Database } from '../db/client.js';
import { DatabaseOutage } from '../db/outage.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { loggerOptions, requestIdGenerator } from '../ops/logging.js';
import { networkMatcher } from '../ops/networks.js';
import { installObservability, type OpsOptions } from '../ops/observability.js';
import type { ImportState } from '../ops/import-state.js';
import { memoryStore, type Store } from '../store/store.js';
import { createImportState } from '../ops/import-state.js';
import { installAuthentication, installProtections, installSecurityPolicies, type SecurityOptions } from '../auth/security.js';
import { normalizeTarget, targetPath } from '../auth/request-target.js';
import { runLagTolerant } from '../db/replica.js';
import { databaseFormats } from './database-formats.js';
import { sharedSerializers } from './serializers.js';
import { OPENAPI_PATH, registerOpenApi } from './openapi.js';
import { databaseUnavailable, HttpProblem, PROBLEM_BASE, problemTitle, type Problem } from '../errors/problem.js';
import { sendProblem } from './problem-reply.js';
import { allowedMethods, methodNotAllowed } from './method-not-allowed.js';
import { cachedReadsServer } from './cached-reads.js';
import { installCompression } from './compression.js';
import { cacheable, ResponseCache, type ResponseCacheOptions } from './response-cache.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { performanceRoutes } from './routes/performance.js';
import type { AlertRouteOptions } from './routes/alerts.js';
import type { PhotoStore } from '../fetch/photos.js';
import { v1Routes } from './v1.js';
import { nullablesAsKeyword } from './serialization-schema.js';
import { piecewiseSerializers } from './piecewise-serializer.js';
import { loadConfig, type FetchConfig } from '../config.js';
import { SitePages, webRoutes, type SiteOptions } from './web.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    importState: ImportState;
    store: Store;
  }
}

export interface AppOptions {
  database: Database;
  importState?: ImportState;
  /** Cache and rate-limit state; in-process when absent. */
  store?: Store;
  /** JSON logs (pino); `stream` replaces stdout (tests capture it). */
  logger?: boolean | { level: string; stream?: DestinationStream };
  /** Health, metrics and logging settings (src/ops/observability.ts). */
  ops?: OpsOptions;
  /** Tokens, keys, limits, CORS and trusted proxies (src/auth/security.ts); test-friendly defaults when absent. */
  security?: SecurityOptions;
  /** The web site's build folder and public address (src/api/web.ts). */
  site?: SiteOptions;
  /** Links in feeds and the webhook address policy (src/alerts); localhost links and no private webhooks when absent. */
  alerts?: AlertRouteOptions;
  /** Representatives' photos, fetched and kept by the platform (src/fetch/photos.ts); none served when absent. */
  photos?: PhotoStore;
  /** The live fetchers' settings, for the admin console's fetch page; fetching off and not configured when absent. */
  fetch?: FetchConfig;
  /** The anonymous response cache's bound and lifetime (src/api/response-cache.ts); 64 MB and 60 s when absent. */
  responseCache?: ResponseCacheOptions;
}

/** What the value at `path` failed: each branch of an `anyOf` it matched none of ("a date or a date-time"), else the one rule. */
function alternatives(errors: NonNullable<FastifyError['validation']>, path: string | undefined): string | undefined {
  const messages = errors.filter((e) => e.instancePath === path && e.keyword !== 'anyOf').map((e) => e.message);
  return messages.length > 0 ? [...new Set(messages)].join(' or ') : undefined;
}

/** Turns an Ajv error into the parameter a caller got wrong. */
function validationProblem(error: FastifyError): Problem {
  const first = error.validation?.[0];
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const path = first?.instancePath?.replace(/^\//, '').split('/')[0];
  const parameter = (params.additionalProperty as string | undefined) ?? (params.missingProperty as string | undefined) ?? path ?? undefined;
  const detail = params.additionalProperty
    ? `Unknown ${error.validationContext === 'querystring' ? 'query parameter' : 'property'} "${String(params.additionalProperty)}".`
    : `${parameter ? `"${parameter}" ` : ''}${alternatives(error.validation ?? [], first?.instancePath) ?? error.message}`;
  return {
    type: `${PROBLEM_BASE}invalid-parameter`,
    title: 'Bad Request',
    status: 400,
    detail,
    ...(parameter ? { parameter } : {}),
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logger = options.logger === true ? { level: 'info' } : options.logger;
  const trustedProxies = options.security?.trustedProxies ?? [];
  const trustedPeer = networkMatcher(trustedProxies);
  const genReqId = requestIdGenerator(trustedPeer);
  // Cache hits are answered before Fastify sees them (src/api/cached-reads.ts); `app` exists by the first request.
  const serverFactory = cachedReadsServer(() => app, { requestId: genReqId, trustedProxies });
  const app = Fastify({
    serverFactory,
    // With nothing in front (the default deployment), the server itself bounds slow clients, as the gateway
    // does: headers and body within 10 s (else 408 and the connection closes), a silent connection closed after 2 min.
    requestTimeout: 10_000,
    connectionTimeout: 120_000,
    // A request that arrives while the instance drains is served, with `Connection: close`; Fastify's default
    // is a bare JSON 503, which would reach clients now that the gateway passes 503s through.
    return503OnClosing: false,
    logger: logger ? loggerOptions(logger.level, logger.stream) : false,
    // Fastify's own request lines are off: src/ops/request-observer.ts writes one line per request, after it.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    // Objects written as bytes piece by piece (src/api/piecewise-serializer.ts), each piece's serializer shared and
    // compiled on first use (src/api/serializers.ts: a list's pagination is one for every list), of schemas whose
    // nullable values need no validator call (src/api/serialization-schema.ts).
    schemaController: { compilersFactory: { buildSerializer: piecewiseSerializers(sharedSerializers(nullablesAsKeyword())) } },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false }, plugins: [databaseFormats] },
    // X-Forwarded-For is believed only from these peers; otherwise request.ip is the socket's peer.
    trustProxy: trustedProxies.length ? trustedProxies : false,
    // The gateway's X-Request-Id when a trusted proxy sends one, else a UUID: request ids are recorded in
    // the audit log, so they must be unique across instances and restarts.
    genReqId,
    // Every decision about a request (route, limits, cache, headers, logs) goes by one spelling of its URL.
    rewriteUrl: (request) => normalizeTarget(request.url ?? '/'),
    // Errors the router raises before any hook (a malformed URL, an over-long path parameter) are problems too.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      return sendProblem(reply, { type: `${PROBLEM_BASE}bad-request`, title: problemTitle(status), status, detail: error.message });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('database', options.database);
  app.decorate('importState', options.importState ?? createImportState());
  app.decorate('store', options.store ?? memoryStore());

  const outage = new DatabaseOutage(options.database, (down) => {
    if (down) app.log.warn('database unavailable: answering 503 at once until a probe reaches it again');
    else app.log.info('database reachable again');
  });
  app.addHook('onClose', async () => outage.stop());

  const allowed = allowedMethods(app);
  /** The 405 for a request whose path the API has, but not with its method; undefined otherwise. */
  const wrongMethod = (request: FastifyRequest) => {
    const path = targetPath(request.url);
    const methods = allowed(path);
    return methods.length && !methods.includes(request.method) ? methodNotAllowed(request.method, path, methods) : undefined;
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error.problem, error.headers);
    // A body Fastify could not read, sent with a method the path does not take: the method is the mistake.
    const refused = request.is404 ? wrongMethod(request) : undefined;
    if (refused) return sendProblem(reply, refused.problem, refused.headers);
    if (error.validation) return sendProblem(reply, validationProblem(error));
    if (isDatabaseUnavailable(error)) {
      outage.noticed(error);
      request.log.warn({ err: error }, 'database unavailable');
      const problem = databaseUnavailable();
      return sendProblem(reply, problem.problem, problem.headers);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, {
      type: `${PROBLEM_BASE}${status === 500 ? 'internal' : 'bad-request'}`,
      title: problemTitle(status),
      status,
      detail: status === 500 ? 'The server failed to answer this request; it has been logged.' : error.message,
    });
  });

  const pages = new SitePages(options.database.db, options.site);
  app.setNotFoundHandler((request, reply) => {
    // A browser that follows a dead link gets a page (with the 404 status), an API client a problem.
    if (pages.wantsPage(request)) return pages.sendNotFound(request, reply);
    const refused = wrongMethod(request);
    if (refused) return sendProblem(reply, refused.problem, refused.headers);
    return sendProblem(reply, {
      type: `${PROBLEM_BASE}not-found`,
      title: 'Not Found',
      status: 404,
      detail: `No route for ${request.method} ${targetPath(request.url)}.`,
    });
  });

  // Before the security layer's hooks, so refused requests are counted and logged too.
  installObservability(app, options.ops ?? {}, trustedPeer);

  // First, so that every route after it must declare its permission.
  const security = options.security ?? {};
  installSecurityPolicies(app, security);
  app.decorate('responseCache', new ResponseCache(options.responseCache));
  app.responseCache.clearOnDataChange(app);
  app.responseCache.expireStale(app);
  app.responseCache.markMisses(app);
  installProtections(app);
  // While the database is known to be down, what needs it fails fast (before authentication, which reads it).
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    done(outage.down && route?.startsWith('/api/v1/') && route !== OPENAPI_PATH ? databaseUnavailable() : undefined);
  });

  // Anonymous public reads may be answered by a read replica (src/db/replica.ts);
  // calling done() inside the context carries it through the later hooks to the handler.
  // Only with a replica: the context's AsyncLocalStorage otherwise taxes every promise of the process.
  if ('replicaStatus' in options.database) {
    app.addHook('onRequest', (request, _reply, done) => (cacheable(request) ? runLagTolerant(done) : done()));
  }
  await installAuthentication(app, security);
  // Before any route: each route gets it as its last onSend hook.
  installCompression(app);
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(performanceRoutes);
  await registerOpenApi(app);
  await app.register(v1Routes, {
    prefix: '/api/v1',
    alerts: options.alerts ?? { publicUrl: 'http://localhost:8080', webhookPolicy: { allowPrivate: false, ownNetworks: ['loopback'] } },
    photos: options.photos ?? null,
    fetch: options.fetch ?? loadConfig({}).fetch,
  });
  // The web UI's pages and assets (web/dist), after the API so nothing of it can shadow an API route.
  await app.register(webRoutes, { pages });
  return app;
}
