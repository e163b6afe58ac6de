/**
 * With nothing in front of it (the default deployment), the server itself ends
 * requests whose headers or body never finish arriving: 408 and the connection
 * closed, instead of a socket held open for minutes.
 */
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  database = await testDatabase();
  app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

/** Sends `head` and then nothing; resolves with what the server wrote before it closed the connection. */
function stall(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

it('closes a request whose body never arrives with 408', async () => {
  const answer = await stall('POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":');
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
}, 60_000);

it('closes a request whose headers never end with 408', async () => {
  const answer = await stall('GET /api/v1/bills HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
}, 60_000);
