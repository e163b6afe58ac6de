/** The HTTP application: plugins, error shape, and the route modules. */
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../db/client.js';
import type { ImportState } from '../ops/import-state.js';
import { memoryStore, type Store } from '../store/store.js';
import { createImportState } from '../ops/import-state.js';
import { HttpProblem, PROBLEM_BASE, type Problem } from './problem.js';
import { healthRoutes } from './routes/health.js';
import { v1Routes } from './v1.js';

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
  logger?: boolean | { level: string };
}

function sendProblem(reply: import('fastify').FastifyReply, problem: Problem, headers: Record<string, string> = {}) {
  return reply.code(problem.status).headers(headers).type('application/problem+json').send(problem);
}

/** Turns an Ajv error into the parameter a caller got wrong. */
function validationProblem(error: FastifyError): Problem {
  const first = error.validation?.[0];
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const path = first?.instancePath?.replace(/^\//, '').split('/')[0];
  const parameter = (params.additionalProperty as string | undefined) ?? (params.missingProperty as string | undefined) ?? path ?? undefined;
  const detail = params.additionalProperty
    ? `Unknown ${error.validationContext === 'querystring' ? 'query parameter' : 'property'} "${String(params.additionalProperty)}".`
    : `${parameter ? `"${parameter}" ` : ''}${first?.message ?? error.message}`;
  return {
    type: `${PROBLEM_BASE}invalid-parameter`,
    title: 'Bad Request',
    status: 400,
    detail,
    ...(parameter ? { parameter } : {}),
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    disableRequestLogging: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('database', options.database);
  app.decorate('importState', options.importState ?? createImportState());
  app.decorate('store', options.store ?? memoryStore());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error.problem, error.headers);
    if (error.validation) return sendProblem(reply, validationProblem(error));
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, {
      type: `${PROBLEM_BASE}${status === 500 ? 'internal' : 'bad-request'}`,
      title: status === 500 ? 'Internal Server Error' : 'Bad Request',
      status,
      detail: status === 500 ? 'The server failed to answer this request; it has been logged.' : error.message,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: `${PROBLEM_BASE}not-found`,
      title: 'Not Found',
      status: 404,
      detail: `No route for ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );

  await app.register(healthRoutes);
  await app.register(v1Routes, { prefix: '/api/v1' });
  return app;
}
