/**
 * Graceful shutdown of one serving process. On SIGTERM (or SIGINT): stop
 * accepting connections, let in-flight requests finish — their responses say
 * `Connection: close`, so a gateway does not send more on those connections —
 * then close the pools and exit 0. If requests are still running after the
 * timeout, exit 1 anyway.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  timeoutSeconds: number;
  /** Closes what the app does not own: store, database pools. */
  release(): Promise<void>;
}

/** Call before listen: tracks in-flight responses so shutdown can end their keep-alive. */
export function installGracefulShutdown(app: FastifyInstance, options: ShutdownOptions): void {
  const inFlight = new Set<ServerResponse>();
  app.server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, in_flight: inFlight.size }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      app.log.error({ in_flight: inFlight.size }, `requests still running after ${options.timeoutSeconds} s; exiting`);
      process.exit(1);
    }, options.timeoutSeconds * 1000);
    deadline.unref();
    // Node keeps a connection open after its last response unless told otherwise.
    for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
    try {
      // Stops listening, closes idle keep-alive connections, waits for running requests.
      await app.close();
      await options.release();
    } catch (e) {
      app.log.error({ err: e }, 'error while shutting down');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
