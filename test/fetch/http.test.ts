import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { FetchError, PoliteHttp } from '../../src/fetch/http.js';
import { scrape } from '../../src/ops/metrics.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

const CONTACT = 'mailto:data@openpolicy.test';

describe('the polite HTTP client', () => {
  let server: PublisherServer;
  beforeAll(async () => {
    server = await publisherServer();
    server.documents.set('/a.xml', Buffer.from('<a/>'));
    server.documents.set('/b.xml', Buffer.from('<b/>'));
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.failing.clear();
  });
  afterAll(() => server?.close());

  it('sends one request at a time to a host, each at least the interval after the answer before', async () => {
    const http = new PoliteHttp({ contact: CONTACT, hostIntervalMs: 150, retries: 0, backoffMs: 0 });
    const answers = await Promise.all(['/a.xml', '/b.xml', '/a.xml', '/b.xml'].map((p) => http.get(`${server.url}${p}`)));
    expect(answers.map((a) => a.status)).toEqual(['modified', 'modified', 'modified', 'modified']);
    const starts = server.requests.map((r) => r.at);
    // Timers may fire a millisecond early by the wall clock; the gap is never shorter than that.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(149);
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^OpenPolicy\/\d+\.\d+\.\d+ \(\+mailto:data@openpolicy\.test; /);
  });

  it('answers 304 to a conditional GET, and a 404 as a missing document', async () => {
    const http = new PoliteHttp({ contact: CONTACT, hostIntervalMs: 0, retries: 0, backoffMs: 0 });
    const first = await http.get(`${server.url}/a.xml`);
    if (first.status !== 'modified') throw new Error('expected the document');
    expect(first.body.toString()).toBe('<a/>');
    expect(await http.get(`${server.url}/a.xml`, first.validators)).toEqual({ status: 'not-modified' });
    expect(await http.get(`${server.url}/nothing.xml`)).toEqual({ status: 'missing' });
  });

  it('retries 5xx and 429 with backoff, then fails naming the URL, the tries and the last answer', async () => {
    const http = new PoliteHttp({ contact: CONTACT, hostIntervalMs: 0, retries: 2, backoffMs: 1 });
    server.failing.set('/a.xml', 503);
    const failure = await http.get(`${server.url}/a.xml`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FetchError);
    expect((failure as Error).message).toBe(`GET ${server.url}/a.xml failed after 3 attempts: HTTP 503 Service Unavailable`);
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(await scrape()).toMatch(/fetch_requests_total\{host="127\.0\.0\.1:\d+",outcome="retried"\} [1-9]/);
  });

  it('does not retry a refusal the server will repeat (403), nor a host that does not answer forever', async () => {
    const http = new PoliteHttp({ contact: CONTACT, hostIntervalMs: 0, retries: 3, backoffMs: 1 });
    server.failing.set('/b.xml', 403);
    await expect(http.get(`${server.url}/b.xml`)).rejects.toThrow(`GET ${server.url}/b.xml failed after 1 attempt: HTTP 403 Forbidden`);
    const gone = await publisherServer();
    await gone.close();
    const closed = new PoliteHttp({ contact: CONTACT, hostIntervalMs: 0, retries: 1, backoffMs: 1 });
    await expect(closed.get(`${gone.url}/a.xml`)).rejects.toThrow(/^GET http:\/\/127\.0\.0\.1:\d+\/a\.xml failed after 2 attempts: fetch failed \(.*ECONNREFUSED/);
  });

  it('is configured from the environment, off by default, and names the variable at fault', () => {
    expect(loadConfig({}).fetch).toMatchObject({ enabled: false, contact: undefined, hostIntervalMs: 1000, legisinfoUrl: 'https://www.parl.ca',
      ourcommonsUrl: 'https://www.ourcommons.ca', session: '45-1', everyMinutes: { 'ourcommons-votes': 15, 'legisinfo-bills': 60, municipal: 1440 } });
    expect(loadConfig({ FETCH: 'on', FETCH_CONTACT: 'ops@example.org', FETCH_SCHEDULE: 'ourcommons-votes=5m; municipal=2d' }).fetch)
      .toMatchObject({ enabled: true, everyMinutes: { 'ourcommons-votes': 5, municipal: 2880 } });
    const error = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (e) {
        return e instanceof ConfigError ? e.message : e;
      }
      return null;
    };
    expect(error({ FETCH: 'on' })).toMatch(/^FETCH_CONTACT: required with FETCH=on/);
    expect(error({ FETCH: 'yes' })).toBe('FETCH: "yes" is not on or off');
    expect(error({ FETCH_CONTACT: 'nobody' })).toBe('FETCH_CONTACT: "nobody" is not an email address or an http(s) URL');
    expect(error({ FETCH_SCHEDULE: 'bills=1h' })).toMatch(/^FETCH_SCHEDULE: "bills" is not one of ourcommons-votes, /);
    expect(error({ FETCH_SCHEDULE: 'municipal=soon' })).toBe('FETCH_SCHEDULE: "soon" for municipal is not a period such as 15m, 1h or 1d');
    expect(error({ FETCH_OURCOMMONS_URL: 'ftp://mirror' })).toMatch(/^FETCH_OURCOMMONS_URL: protocol "ftp:"/);
  });
});
