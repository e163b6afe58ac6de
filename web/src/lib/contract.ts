/**
 * The API's contract as types, by path: what each operation takes (path and
 * query parameters, body) and answers, read from the types generated from the
 * served OpenAPI document (api-schema.gen.ts). A path, a parameter or a field
 * the API does not have is a compile error in the site.
 */
import type { components, paths } from './api-schema.gen';

export type { paths };

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that take `M`. */
export type PathsFor<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, object> ? P : never }[keyof paths];

type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;

/** The path parameters of an operation (never when it has none). */
export type PathParameters<P extends keyof paths, M extends Method = 'get'> = Operation<P, M> extends { parameters: { path: infer X } } ? X : never;

/** The query parameters of an operation. */
export type QueryParameters<P extends keyof paths, M extends Method = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body an operation takes (never when it takes none). */
export type RequestBody<P extends keyof paths, M extends Method> = Operation<P, M> extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;

/** The body as a call gives it: required when the operation requires one, absent when it takes none. */
type BodyPart<O, B> = [B] extends [never] ? { body?: never } : O extends { requestBody: object } ? { body: B } : { body?: B };
type Success<O> = O extends { responses: infer R } ? { [S in keyof R]: S extends 200 | 201 | 202 ? JsonOf<R[S]> : S extends 204 ? undefined : never }[keyof R] : never;

/** What an operation answers when it succeeds (undefined for a 204). */
export type Answer<P extends keyof paths, M extends Method = 'get'> = Success<Operation<P, M>>;

/** One row of a list's `results`. */
export type Row<P extends keyof paths> = Answer<P> extends { results: (infer T)[] } ? T : never;

type ApiProblem = components['schemas']['Problem'];

/** A problem as the site holds it: the API's, or one the client makes itself (a network failure) with less in it. */
export type Problem = Pick<ApiProblem, 'type' | 'title' | 'status'> & Partial<Pick<ApiProblem, 'detail' | 'parameter' | 'instance'>> & { retry_after?: number };

/**
 * A query as the site builds it: only the operation's parameter names; values
 * may also arrive as the URL's strings (the API validates them), and empty ones are left out.
 */
export type QueryInput<Q> = { [K in keyof Q]?: Q[K] | string | number | null };

/**
 * Path parameters as the site has them: every name the template has, each value maybe from the
 * router (a string, undefined when the route lacks it: the URL cannot be made and the call throws).
 */
export type PathInput<X> = { [K in keyof X]: X[K] | string | undefined };

/** What a call names besides its path template: path parameters when the template has some (then required), query, body. */
export type Call<P extends keyof paths, M extends Method> = {
  /** Lower case, as the document spells it; a GET when absent. */
  method?: M;
  query?: QueryInput<QueryParameters<P, M>>;
  signal?: AbortSignal;
} & ([PathParameters<P, M>] extends [never] ? { path?: never } : { path: PathInput<PathParameters<P, M>> })
  & BodyPart<Operation<P, M>, RequestBody<P, M>>;

/** The call's argument: optional when the path has no parameters and the operation no body. */
export type CallArgument<P extends keyof paths, M extends Method> = {} extends Call<P, M> ? [call?: Call<P, M>] : [call: Call<P, M>];
