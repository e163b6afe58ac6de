/**
 * RFC 9457 problem details: every error the API returns is a value with a type,
 * a title, a status and a detail the caller can act on; never a stack trace.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The query or path parameter at fault, when there is one. */
  parameter?: string;
  instance?: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const PROBLEM_BASE = 'https://openpolicy.ca/problems/';

export const problemTitle = (status: number) => TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');

export class HttpProblem extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(status: number, slug: string, detail: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.problem = { type: `${PROBLEM_BASE}${slug}`, title: problemTitle(status), status, detail, ...extra };
    this.headers = headers;
  }
}

export const badParameter = (parameter: string, detail: string) =>
  new HttpProblem(400, 'invalid-parameter', detail, { parameter });

export const notFound = (what: string, id: string) =>
  new HttpProblem(404, 'not-found', `No ${what} with id "${id}".`);

/** A shared dependency is down: every instance would say the same, so a gateway must not count it against this one. */
export const databaseUnavailable = () =>
  new HttpProblem(503, 'service-unavailable', 'The database is unavailable; try again in a few seconds.', {}, { 'retry-after': '5' });
