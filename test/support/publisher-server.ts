/**
 * A local stand-in for the publishers' web servers: serves recorded documents
 * under the publishers' own URL layout (path and query), answers conditional
 * GETs with 304 from a strong ETag and Last-Modified, can be told to fail, and
 * records every request (for the User-Agent, the conditional headers and the
 * spacing of requests). No test touches the network.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  target: string;
  headers: IncomingHttpHeaders;
  at: number;
  status: number;
}

export interface PublisherServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Documents by request target (path + query), e.g. `/members/en/votes/xml?parlSession=44-1`. */
  documents: Map<string, Buffer>;
  /** Targets answered with this status instead (e.g. 503) until removed. */
  failing: Map<string, number>;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const LAST_MODIFIED = new Date('2024-01-15T12:00:00Z').toUTCString();

export async function publisherServer(): Promise<PublisherServer> {
  const documents = new Map<string, Buffer>();
  const failing = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const target = req.url ?? '/';
    const answer = (status: number, headers: Record<string, string> = {}, body?: Buffer) => {
      requests.push({ target, headers: req.headers, at: Date.now(), status });
      res.writeHead(status, headers).end(body);
    };
    const failure = failing.get(target) ?? failing.get('*');
    if (failure) return answer(failure, { 'retry-after': '0' });
    const body = documents.get(target);
    if (!body) return answer(404);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    if (req.headers['if-none-match'] === etag) return answer(304, { etag, 'last-modified': LAST_MODIFIED });
    return answer(200, { etag, 'last-modified': LAST_MODIFIED, 'content-type': 'application/octet-stream' }, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    documents,
    failing,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
