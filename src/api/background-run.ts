/**
 * Starting an import run from an API call: the call answers once the import
 * service has taken the source and made the run's row (202 with its id), the
 * run carries on in the background, and a source already running is a 409
 * naming the run that holds it.
 */
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../errors/problem.js';
import { ImportRunning } from '../ingest/import-runs.js';

export async function startInBackground(request: FastifyRequest, source: string, run: (onStart: (runId: number) => void) => Promise<unknown>): Promise<number> {
  try {
    return await new Promise<number>((resolve, reject) => {
      let started = false;
      const onStart = (id: number) => {
        started = true;
        resolve(id);
      };
      run(onStart).catch((err: unknown) => (started ? request.log.error({ err, source }, 'background import failed') : reject(err)));
    });
  } catch (err) {
    if (err instanceof ImportRunning) throw new HttpProblem(409, 'import-running', err.message);
    throw err;
  }
}
