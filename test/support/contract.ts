/**
 * The API's own OpenAPI document as a contract: every response an app answers
 * through `inject` is checked against the operation the document gives for its
 * method and path — its status must be documented, its media type listed, its
 * body valid against that schema (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses),
 * and a 204 or 304 must carry no body; a method the path does not take must be
 * the 405 problem the document describes, `Allow` naming the path's operations.
 * Violations are collected, not thrown, so a test file reports them all at its end.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { normalizeTarget, targetPath } from '../../src/auth/request-target.js';

type Json = Record<string, unknown>;
interface Operation { responses: Record<string, Json>; parameters?: { name: string; in: string; schema?: Json }[] }
type Document = { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, Json> } };

export interface Violation {
  request: string;
  status: number;
  problem: string;
}

/** A documented path as a pattern over the raw request path; a multi-segment parameter takes slashes too. */
function pathPattern(path: string, operations: Record<string, Operation>): RegExp {
  const multi = new Set(Object.values(operations).flatMap((op) => op.parameters ?? [])
    .filter((p) => p.in === 'path' && p.schema?.['x-multi-segment']).map((p) => p.name));
  const source = path.split(/(\{[^}]+\})/).map((part) => {
    const param = /^\{(.+)\}$/.exec(part);
    if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return multi.has(param[1]!) ? '.+' : '[^/]+';
  }).join('');
  return new RegExp(`^${source}$`);
}

interface CompiledSchemas { ajv: Ajv2020; validators: Map<string, ValidateFunction | undefined> }
const compiled = new Map<string, CompiledSchemas>();

/**
 * One Ajv per document text, its validators compiled once each: a test file builds
 * several apps serving the same document and checks thousands of responses.
 */
function compiledSchemas(text: string, document: Json): CompiledSchemas {
  let entry = compiled.get(text);
  if (!entry) {
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats.default(ajv);
    ajv.addSchema(document, 'openapi');
    entry = { ajv, validators: new Map() };
    compiled.set(text, entry);
  }
  return entry;
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** The problems any request can meet before its route is known (see the document's components.responses). */
const BEFORE_ROUTING = [401, 429, 500, 503];

const pointer = (...parts: string[]) => `openapi#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export class Contract {
  readonly violations: Violation[] = [];
  /** `METHOD /path/template` of every operation a checked response answered. */
  readonly covered = new Set<string>();
  private schemas: CompiledSchemas | undefined;
  private document: Document = { paths: {}, components: { responses: {} } };
  private routes: { path: string; pattern: RegExp; literal: number }[] = [];

  get loaded(): boolean {
    return this.schemas !== undefined;
  }

  load(document: Document): void {
    this.document = document;
    this.schemas = compiledSchemas(JSON.stringify(document), document as unknown as Json);
    // The template with the most literal text wins (`/votes/ocd-vote/{uuid}` over `/votes/{j}/{s}/{n}`).
    this.routes = Object.entries(document.paths)
      .map(([path, ops]) => ({ path, pattern: pathPattern(path, ops), literal: path.replace(/\{[^}]+\}/g, '').length }))
      .sort((a, b) => b.literal - a.literal);
  }

  /** The documented path of a request path, or undefined when none is (a 404 or 405 of the router). */
  documentedPath(requestPath: string): string | undefined {
    return this.routes.find((r) => r.pattern.test(requestPath))?.path;
  }

  check(method: string, url: string, res: LightMyRequestResponse): void {
    // The operation is the one the router matched: it routes the normalized target (`/keys/%2e` is `/keys`).
    const requestPath = targetPath(normalizeTarget(url));
    if (!requestPath.startsWith('/api/v1/') || method === 'HEAD' || method === 'OPTIONS') return;
    const path = this.documentedPath(requestPath);
    const operation = path ? this.document.paths[path]![method.toLowerCase()] : undefined;
    // A path the API does not have is the router's 404, outside the document.
    if (!path) return;
    const request = `${method} ${url}`;
    const fail = (problem: string): void => {
      this.violations.push({ request, status: res.statusCode, problem });
    };
    if (!operation) return this.checkMethodNotAllowed(path, res, fail);
    this.covered.add(`${method} ${path}`);
    const status = String(res.statusCode);
    const declared = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
    if (!declared) return fail(`status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
    const response = this.resolve(declared);
    const content = response.content as Record<string, Json> | undefined;
    if (!content) {
      if (res.rawPayload.length > 0) fail(`status ${status} is documented without a body, but one was sent`);
      return;
    }
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (!content[mediaType]) return fail(`media type "${mediaType}" is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`);
    const ref = typeof declared.$ref === 'string' ? declared.$ref.replace(/^#\//, '').split('/') : ['paths', path, method.toLowerCase(), 'responses', status];
    const validate = this.validator(pointer(...ref, 'content', mediaType, 'schema'));
    if (!validate) return fail(`no schema for ${mediaType}`);
    let body: unknown = res.body;
    if (mediaType.endsWith('json')) {
      try {
        body = JSON.parse(res.body);
      } catch {
        return fail(`body is not JSON: ${res.body.slice(0, 80)}`);
      }
    }
    if (!validate(body)) fail(`body does not match the schema: ${this.schemas!.ajv.errorsText(validate.errors)}`);
  }

  /**
   * A method a documented path does not take is no operation's: the document says
   * (info.description) it is a 405 problem with `Allow` naming the path's operations.
   */
  private checkMethodNotAllowed(path: string, res: LightMyRequestResponse, fail: (problem: string) => void): void {
    const methods = Object.keys(this.document.paths[path]!).filter((m) => OPERATION_METHODS.includes(m)).map((m) => m.toUpperCase());
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].sort().join(', ');
    // Credentials, quotas and outages are judged before the route is: those problems come first.
    if (!BEFORE_ROUTING.includes(res.statusCode)) {
      if (res.statusCode !== 405) return fail(`a method ${path} does not take must be answered 405, not ${res.statusCode}`);
      if (res.headers.allow !== allow) fail(`Allow is "${String(res.headers.allow)}", the document's operations make it "${allow}"`);
    }
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) return fail(`a ${res.statusCode} must be application/problem+json`);
    const validate = this.validator(pointer('components', 'schemas', 'Problem'))!;
    if (!validate(JSON.parse(res.body))) fail(`body does not match the Problem schema: ${this.schemas!.ajv.errorsText(validate.errors)}`);
  }

  private validator(ref: string): ValidateFunction | undefined {
    const { ajv, validators } = this.schemas!;
    if (!validators.has(ref)) validators.set(ref, ajv.getSchema(ref));
    return validators.get(ref);
  }

  private resolve(response: Json): Json {
    const ref = response.$ref;
    if (typeof ref !== 'string') return response;
    return this.document.components.responses[ref.split('/').pop()!]!;
  }
}

/**
 * Checks every response the app answers through `inject` from now on, against the
 * document the app itself builds (read without a request, so no quota is spent).
 */
export function checkContract(app: FastifyInstance): Contract {
  const contract = new Contract();
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
  const checked = async (options: InjectOptions | string) => {
    const res = await inject(options);
    // A response read as a stream (Server-Sent Events) has no body here to check.
    if (typeof options === 'object' && options.payloadAsStream) return res;
    if (!contract.loaded) contract.load(app.swagger() as unknown as Document);
    const { method = 'GET', url = '/' } = typeof options === 'string' ? { url: options } : options;
    contract.check(method.toUpperCase(), typeof url === 'string' ? url : url.pathname ?? '/', res);
    return res;
  };
  Object.defineProperty(app, 'inject', { value: checked, configurable: true });
  return contract;
}
