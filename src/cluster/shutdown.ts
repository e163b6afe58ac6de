/**
 * Graceful shutdown of one serving process. On SIGTERM (or SIGINT): stop
 * accepting connections, let in-flight requests finish — their responses say
 * `Connection: close`, so a gateway does not send more on those connections —
 * then close the pools and exit 0. If requests are still running after the
 * timeout, exit 1 anyway.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  timeoutSeconds: number;
  /** Closes what the app does not own: store, database pools. */
  release(): Promise<void>;
}

/** Call before listen: tracks in-flight responses so shutdown can end their keep-alive. */
export function installGracefulShutdown(app: FastifyInstance, options: ShutdownOptions): void {
  // The latest response of each connection: one map entry per request, and no listener on every response.
  const latest = new Map<Socket, ServerResponse>();
  app.server.on('connection', (socket: Socket) => socket.once('close', () => latest.delete(socket)));
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => latest.set(request.socket, response));
  const inFlight = () => [...latest.values()].filter((response) => !response.writableFinished);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, in_flight: inFlight().length }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      app.log.error({ in_flight: inFlight().length }, `requests still running after ${options.timeoutSeconds} s; exiting`);
      process.exit(1);
    }, options.timeoutSeconds * 1000);
    deadline.unref();
    // Node keeps a connection open after its last response unless told otherwise.
    for (const response of inFlight()) if (!response.headersSent) response.shouldKeepAlive = false;
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
