/** The public API over a fresh test database loaded with real sources: built before a test file's tests, closed after. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp, type AppOptions } from '../../src/api/app.js';
import { checkContract, type Contract } from './contract.js';
import { testDatabase, type TestDatabase } from './db.js';

export interface TestApi {
  app: FastifyInstance;
  database: TestDatabase;
  /** Every response of the file's tests, checked against the OpenAPI document; its violations fail the file. */
  contract: Contract;
  get(url: string, headers?: Record<string, string>): ReturnType<FastifyInstance['inject']>;
}

/** Call at the top of a test file; `load` imports what the file's tests read; `options` change the app's defaults. */
export function testApi(load: (database: TestDatabase) => Promise<void>, options: Omit<AppOptions, 'database'> = {}): TestApi {
  const api = {
    get: (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers }),
  } as TestApi;
  beforeAll(async () => {
    api.database = await testDatabase();
    await load(api.database);
    api.app = await buildApp({ ...options, database: api.database });
    api.contract = checkContract(api.app);
  });
  afterAll(async () => {
    expect(api.contract?.violations ?? [], 'responses that violate the OpenAPI document').toEqual([]);
    await api.app?.close();
    await api.database?.drop();
  });
  return api;
}
